import type { PlanCheck } from "@assay/core";
import { prisma, type Prisma } from "@assay/db";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { savePlanVersion } from "../src/plans";
import { createModelVersion, createSystem } from "../src/registry";
import { decide, getReview, getReviewEvidence, listReviews, openReview, signOff } from "../src/reviews";
import { createRisk, updateRisk } from "../src/risks";
import { createTestOrg, expectStatus } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

let org: TestOrg;
let other: TestOrg;
let counter = 0;


const check = (id: string, metric: PlanCheck["metric"]): PlanCheck => ({
  id, kind: "fairness", metric, attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 },
});

/** A registered system and version with a plan and a dataset, through the real services where they exist. */
async function seedVersion(o: TestOrg, tier: "low" | "high", checks: PlanCheck[]) {
  counter += 1;
  const system = await createSystem(o.scientist, {
    name: `Review system ${counter}`, purpose: "Scores applications.", intendedUse: "Decision support.",
    ownerIds: [o.product_owner.userId], riskTier: tier, lifecycleStage: "pilot",
  });
  const version = await createModelVersion(o.scientist, system.id, { label: "v1", modelType: "classifier", provider: "in-house" });
  const plan = await savePlanVersion(o.scientist, version.id, { checks });
  const dataset = await prisma.dataset.create({
    data: {
      orgId: o.org.id, modelVersionId: version.id, name: "predictions", fileName: "p.csv", format: "csv", contentSha256: "b".repeat(64),
      sizeBytes: 100n, rowCount: 10, columns: [] as Prisma.InputJsonValue, labelColumn: "y", predictionColumn: "p", positiveValue: "1",
      sensitiveColumns: ["race"], createdById: o.scientist.userId,
    },
  });
  return { systemId: system.id, versionId: version.id, planVersionId: plan.id, datasetId: dataset.id };
}

/** Stands in for a worker finishing a run: a succeeded run with one CheckResult per check. */
async function finishRun(o: TestOrg, seeded: Awaited<ReturnType<typeof seedVersion>>, outcomes: Record<string, boolean>, finishedAt = new Date()) {
  return prisma.evaluationRun.create({
    data: {
      orgId: o.org.id, modelVersionId: seeded.versionId, datasetId: seeded.datasetId, planVersionId: seeded.planVersionId, kind: "fairness",
      status: "succeeded", progress: 100, datasetSha256: "b".repeat(64), codeVersion: "test", config: {}, startedAt: finishedAt, finishedAt,
      createdById: o.scientist.userId,
      checkResults: {
        create: Object.entries(outcomes).map(([checkId, passed]) => ({
          checkId, passed, value: passed ? 1.0 : 1.9, summary: passed ? "Within the band." : "Ratio 1.9 outside [0.8, 1.25].", details: {},
        })),
      },
    },
  });
}

beforeAll(async () => {
  org = await createTestOrg("reviews");
  other = await createTestOrg("reviews-other");
});

describe("opening a review", () => {
  it("is for product owners; the owner is the opener and the required sign-offs follow the risk tier", async () => {
    const high = await seedVersion(org, "high", [check("fpr-race", "fpr")]);
    const review = await openReview(org.product_owner, { modelVersionId: high.versionId, title: "Release v1" });
    expect(review).toMatchObject({ status: "open", ownerId: org.product_owner.userId, title: "Release v1" });
    expect(review.requiredSignoffRoles).toEqual(["scientist", "product_owner", "approver"]);
    const [event] = await prisma.auditEvent.findMany({ where: { orgId: org.org.id, entityId: review.id } });
    expect(event).toMatchObject({ action: "review.created", actorId: org.product_owner.userId });

    const low = await seedVersion(org, "low", [check("fpr-race", "fpr")]);
    expect((await openReview(org.product_owner, { modelVersionId: low.versionId, title: "Release" })).requiredSignoffRoles).toEqual(["scientist", "product_owner"]);

    await expectStatus(openReview(org.scientist, { modelVersionId: high.versionId, title: "Not mine to open" }), 403);
    await expectStatus(openReview(org.auditor, { modelVersionId: high.versionId, title: "Not mine to open" }), 403);
    await expectStatus(openReview(other.product_owner, { modelVersionId: high.versionId, title: "Other tenant" }), 404);
    const duplicate = await expectStatus(openReview(org.product_owner, { modelVersionId: high.versionId, title: "Again" }), 409);
    expect(duplicate.details).toEqual({ reviewId: review.id });
    await expect(openReview(org.product_owner, { modelVersionId: high.versionId, title: "  " })).rejects.toBeInstanceOf(ZodError);

    expect((await listReviews(org.auditor, { versionId: high.versionId })).map((r) => r.id)).toEqual([review.id]);
    expect((await listReviews(other.auditor)).map((r) => r.id)).not.toContain(review.id);
  });
});

describe("the checklist", () => {
  it("reflects a failing check, a blocking risk and missing sign-offs, and sign-offs go stale when the evidence changes", async () => {
    const seeded = await seedVersion(org, "high", [check("fpr-race", "fpr"), check("fnr-race", "fnr")]);
    const run = await finishRun(org, seeded, { "fpr-race": true, "fnr-race": false });
    const review = await openReview(org.product_owner, { modelVersionId: seeded.versionId, title: "Release with a failing check" });

    let detail = await getReview(org.auditor, review.id);
    const checkItems = detail.checklist.items.filter((i) => i.kind === "check");
    expect(checkItems.map((i) => [i.status, i.ref?.runId])).toEqual([["pass", run.id], ["fail", run.id]]);
    expect(detail.checklist.items.find((i) => i.kind === "risks")?.status).toBe("pass");
    const signoffItems = detail.checklist.items.filter((i) => i.kind === "signoff");
    expect(signoffItems.map((i) => [i.ref?.role, i.status])).toEqual([["scientist", "missing"], ["product_owner", "missing"], ["approver", "missing"]]);
    expect(detail.checklist.awaitingSignoff).toEqual(["scientist", "product_owner", "approver"]);
    expect(detail.checklist.cleared).toBe(false);
    expect(detail.checklist.blockers.map((b) => `${b.kind}:${b.status}`).sort()).toEqual(["check:fail", "signoff:missing", "signoff:missing", "signoff:missing"]);
    expect(detail.plan).toEqual({ planVersionId: seeded.planVersionId, version: 1 });

    // A scientist signs; the sign-off is bound to the evidence as it is now.
    const signed = await signOff(org.scientist, review.id, { role: "scientist", comment: "Results reproduced." });
    expect(signed).toMatchObject({ role: "scientist", stale: false, evidenceHash: detail.evidenceHash });
    detail = await getReview(org.auditor, review.id);
    expect(detail.checklist.items.find((i) => i.ref?.role === "scientist")?.status).toBe("pass");
    expect(detail.checklist.awaitingSignoff).toEqual(["product_owner", "approver"]);

    // A new high-severity risk changes the evidence: it blocks, and the sign-off is stale.
    const risk = await createRisk(org.scientist, { systemId: seeded.systemId, statement: "FNR gap harms the minority group.", likelihood: 4, impact: 4 });
    detail = await getReview(org.auditor, review.id);
    const risksItem = detail.checklist.items.find((i) => i.kind === "risks");
    expect(risksItem?.status).toBe("fail");
    expect(risksItem?.ref?.riskIds).toEqual([risk.id]);
    expect(detail.evidenceHash).not.toBe(signed.evidenceHash);
    expect(detail.signOffs).toMatchObject([{ id: signed.id, stale: true, superseded: false }]);
    expect(detail.checklist.items.find((i) => i.ref?.role === "scientist")?.status).toBe("stale");
    expect(detail.checklist.awaitingSignoff).toContain("scientist");

    // Signing again keeps the history; the latest sign-off counts.
    const again = await signOff(org.scientist, review.id, { role: "scientist", comment: "Re-checked with the new risk." });
    detail = await getReview(org.auditor, review.id);
    expect(detail.signOffs.map((s) => [s.id, s.stale, s.superseded])).toEqual([[signed.id, true, true], [again.id, false, false]]);
    expect(detail.checklist.items.find((i) => i.ref?.role === "scientist")?.status).toBe("pass");

    // Mitigating the risk down to low severity clears the risk item and changes the evidence again.
    await updateRisk(org.scientist, risk.id, { likelihood: 1, impact: 1 });
    detail = await getReview(org.auditor, review.id);
    expect(detail.checklist.items.find((i) => i.kind === "risks")?.status).toBe("pass");
    expect(detail.signOffs.at(-1)?.stale).toBe(true);
  });

  it("counts only the latest succeeded run on the current plan version, and a missing run is a blocker", async () => {
    const seeded = await seedVersion(org, "low", [check("fpr-race", "fpr")]);
    const review = await openReview(org.product_owner, { modelVersionId: seeded.versionId, title: "No run yet" });
    let detail = await getReview(org.product_owner, review.id);
    expect(detail.checklist.items.find((i) => i.kind === "check")?.status).toBe("missing");

    await finishRun(org, seeded, { "fpr-race": false }, new Date("2030-01-01T00:00:00Z"));
    const latest = await finishRun(org, seeded, { "fpr-race": true }, new Date("2030-01-02T00:00:00Z"));
    detail = await getReview(org.product_owner, review.id);
    expect(detail.checklist.items.find((i) => i.kind === "check")).toMatchObject({ status: "pass", ref: { runId: latest.id } });

    const evidence = await getReviewEvidence(prisma, review.id);
    expect(evidence.hash).toBe(detail.evidenceHash);
    expect(evidence.snapshot.checks).toEqual([
      { checkId: "fpr-race", run: { runId: latest.id, datasetSha256: "b".repeat(64), codeVersion: "test", finishedAt: "2030-01-02T00:00:00.000Z", passed: true, value: 1 } },
    ]);
    expect((await getReviewEvidence(prisma, review.id)).hash).toBe(evidence.hash);

    // A new plan version makes the old runs out of date: the check is missing again.
    await savePlanVersion(org.scientist, seeded.versionId, { checks: [check("fpr-race", "fpr"), check("tpr-race", "tpr")] });
    detail = await getReview(org.product_owner, review.id);
    expect(detail.plan?.version).toBe(2);
    expect(detail.checklist.items.filter((i) => i.kind === "check").map((i) => i.status)).toEqual(["missing", "missing"]);
  });
});

describe("signing off", () => {
  it("needs the claimed role, a role the review requires, an open review and the right organisation", async () => {
    const seeded = await seedVersion(org, "low", [check("fpr-race", "fpr")]);
    const review = await openReview(org.product_owner, { modelVersionId: seeded.versionId, title: "Sign-off rules" });
    await expectStatus(signOff(org.scientist, review.id, { role: "approver" }), 403);
    await expectStatus(signOff(org.auditor, review.id, { role: "auditor" }), 403);
    // A low-tier review needs no approver.
    const notRequired = await expectStatus(signOff(org.approver, review.id, { role: "approver" }), 400);
    expect(notRequired.details).toEqual({ path: "role" });
    await expectStatus(signOff(other.scientist, review.id, { role: "scientist" }), 404);
    await expect(signOff(org.scientist, review.id, { role: "chief" })).rejects.toBeInstanceOf(ZodError);

    await decide(org.product_owner, review.id, { outcome: "no_go", rationale: "Not ready: no run yet." });
    await expectStatus(signOff(org.scientist, review.id, { role: "scientist" }), 409);
    expect(await prisma.signOff.count({ where: { reviewId: review.id } })).toBe(0);
  });
});

describe("deciding", () => {
  it("refuses go while the checklist is blocked, accepts no-go, and only from the review's owner", async () => {
    const seeded = await seedVersion(org, "low", [check("fpr-race", "fpr")]);
    await finishRun(org, seeded, { "fpr-race": false });
    const review = await openReview(org.product_owner, { modelVersionId: seeded.versionId, title: "Blocked release" });

    const refused = await expectStatus(decide(org.product_owner, review.id, { outcome: "go", rationale: "We want to ship it now." }), 409);
    expect(refused.message.length).toBeGreaterThan(0);
    await expectStatus(decide(org.product_owner, review.id, { outcome: "go_with_conditions", rationale: "Ship with monitoring.", conditions: "Weekly FPR report." }), 409);

    // Another product owner of the same organisation is not this review's owner.
    const secondOwner = await prisma.user.create({ data: { email: `po2.${org.org.slug}@example.test`, name: "Second PO" } });
    await prisma.membership.create({ data: { orgId: org.org.id, userId: secondOwner.id, roles: ["product_owner"] } });
    const notOwner = await expectStatus(
      decide({ userId: secondOwner.id, orgId: org.org.id, roles: ["product_owner"] }, review.id, { outcome: "no_go", rationale: "Not my review though." }),
      403,
    );
    expect(notOwner.message).toBe("Only the review's owner can decide.");
    await expectStatus(decide(org.scientist, review.id, { outcome: "no_go", rationale: "Scientists do not decide." }), 403);
    await expectStatus(decide(org.auditor, review.id, { outcome: "no_go", rationale: "Auditors do not decide." }), 403);
    await expectStatus(decide(other.product_owner, review.id, { outcome: "no_go", rationale: "Wrong organisation." }), 404);
    await expect(decide(org.product_owner, review.id, { outcome: "no_go", rationale: "Too short" })).rejects.toBeInstanceOf(ZodError);
    expect(await prisma.releaseDecision.count({ where: { reviewId: review.id } })).toBe(0);

    const decision = await decide(org.product_owner, review.id, { outcome: "no_go", rationale: "FPR disparity is outside the band." });
    expect(decision).toMatchObject({ outcome: "no_go", decidedBy: { id: org.product_owner.userId }, evidenceChanged: false });
    const detail = await getReview(org.auditor, review.id);
    expect(detail.status).toBe("decided");
    expect(detail.decision).toMatchObject({ id: decision.id, outcome: "no_go", rationale: "FPR disparity is outside the band.", evidenceHash: detail.evidenceHash });
    const events = await prisma.auditEvent.findMany({ where: { orgId: org.org.id, entityId: review.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["review.created", "review.decided"]);
    expect(events[1]?.after).toMatchObject({ outcome: "no_go", decisionId: decision.id, evidenceHash: decision.evidenceHash });

    await expectStatus(decide(org.product_owner, review.id, { outcome: "no_go", rationale: "Deciding a second time." }), 409);
  });

  it("accepts go once every check passes, no blocking risk is open and every required role has signed", async () => {
    const seeded = await seedVersion(org, "low", [check("fpr-race", "fpr")]);
    await finishRun(org, seeded, { "fpr-race": true });
    await createRisk(org.scientist, { systemId: seeded.systemId, statement: "Minor documentation gap.", likelihood: 1, impact: 2 });
    const review = await openReview(org.product_owner, { modelVersionId: seeded.versionId, title: "Clean release" });
    await signOff(org.scientist, review.id, { role: "scientist" });
    await expectStatus(decide(org.product_owner, review.id, { outcome: "go", rationale: "Every check passes; ship it." }), 409);
    await signOff(org.product_owner, review.id, { role: "product_owner", comment: "Business sign-off." });

    const detail = await getReview(org.product_owner, review.id);
    expect(detail.checklist.cleared).toBe(true);
    expect(detail.checklist.blockers).toEqual([]);
    const decision = await decide(org.product_owner, review.id, { outcome: "go", rationale: "Every check passes; ship it." });
    expect(decision).toMatchObject({ outcome: "go", evidenceHash: detail.evidenceHash });

    // Evidence that changes after the decision is visible on the record.
    await createRisk(org.scientist, { systemId: seeded.systemId, statement: "Found after release.", likelihood: 5, impact: 5 });
    expect((await getReview(org.auditor, review.id)).decision?.evidenceChanged).toBe(true);
  });
});

describe("reading reviews", () => {
  it("answers 404 for another organisation's review", async () => {
    const seeded = await seedVersion(org, "low", [check("fpr-race", "fpr")]);
    const review = await openReview(org.product_owner, { modelVersionId: seeded.versionId, title: "Private" });
    await expectStatus(getReview(other.auditor, review.id), 404);
    await expectStatus(getReview(org.auditor, "does-not-exist"), 404);
  });
});
