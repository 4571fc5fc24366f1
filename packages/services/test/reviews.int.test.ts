import { addBusinessDays, type FairnessCheck, type PlanCheck } from "@assay/core";
import { prisma, type Prisma } from "@assay/db";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { ServiceContext } from "../src/context";
import { updateTierPolicies } from "../src/governance";
import { savePlanVersion } from "../src/plans";
import { createModelVersion, createSystem } from "../src/registry";
import {
  clearHold,
  decide,
  getDecisionMemo,
  getReview,
  getReviewEvidence,
  listReviews,
  openReview,
  placeHold,
  recordRecommendation,
  signOff,
} from "../src/reviews";
import { createRisk, updateRisk } from "../src/risks";
import { createTestOrg, expectStatus } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

let org: TestOrg;
let other: TestOrg;
let counter = 0;


const check = (id: string, metric: FairnessCheck["metric"]): PlanCheck => ({
  id, kind: "fairness", metric, attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 },
});
const safetyCheck = (id: string): PlanCheck => ({ id, kind: "safety", metric: "attack_success_rate", suite: "jailbreakbench", max: 0.02, basis: "point" });

/** A registered system and version with a plan and a dataset, through the real services where they exist. Documented in full unless told otherwise. */
async function seedVersion(o: TestOrg, tier: "low" | "medium" | "high" | "critical", checks: PlanCheck[], { documented = true } = {}) {
  counter += 1;
  const system = await createSystem(o.scientist, {
    name: `Review system ${counter}`, purpose: "Scores applications.", intendedUse: "Decision support.", prohibitedUses: documented ? "Fully automated denials." : "",
    ownerIds: [o.product_owner.userId], riskTier: tier, lifecycleStage: "pilot",
  });
  const version = await createModelVersion(o.scientist, system.id, {
    label: "v1", modelType: "classifier", provider: "in-house", artifactUri: documented ? `s3://models/review-${counter}/v1` : "",
  });
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

/** Stands in for a worker finishing a run: a succeeded run with one CheckResult per check, started by `by` (the scientist by default). */
async function finishRun(
  o: TestOrg,
  seeded: Awaited<ReturnType<typeof seedVersion>>,
  outcomes: Record<string, boolean>,
  finishedAt = new Date(),
  { kind = "fairness", by = o.scientist }: { kind?: "fairness" | "safety"; by?: ServiceContext } = {},
) {
  return prisma.evaluationRun.create({
    data: {
      orgId: o.org.id, modelVersionId: seeded.versionId, datasetId: kind === "fairness" ? seeded.datasetId : null, planVersionId: seeded.planVersionId, kind,
      status: "succeeded", progress: 100, datasetSha256: "b".repeat(64), codeVersion: "test", config: {}, startedAt: finishedAt, finishedAt,
      createdById: by.userId,
      checkResults: {
        create: Object.entries(outcomes).map(([checkId, passed]) => ({
          checkId, passed, value: passed ? 1.0 : 1.9, summary: passed ? "Within the band." : "Ratio 1.9 outside [0.8, 1.25].", details: {},
        })),
      },
    },
  });
}

/** An active production monitor on the version, as the monitors service would write it. */
async function addMonitor(o: TestOrg, seeded: Awaited<ReturnType<typeof seedVersion>>, status: "active" | "paused" = "active") {
  counter += 1;
  return prisma.monitor.create({
    data: {
      orgId: o.org.id, modelVersionId: seeded.versionId, name: `Weekly drift ${counter}`, referenceDatasetId: seeded.datasetId, cadence: "weekly",
      driftConfig: {} as Prisma.InputJsonValue, status, createdById: o.scientist.userId,
    },
  });
}

/** Another member of the organisation with the given roles. */
async function addMember(o: TestOrg, label: string, roles: ServiceContext["roles"]): Promise<ServiceContext> {
  counter += 1;
  const user = await prisma.user.create({ data: { email: `${label}-${counter}.${o.org.slug}@example.test`, name: `${label} ${counter}` } });
  await prisma.membership.create({ data: { orgId: o.org.id, userId: user.id, roles: [...roles] } });
  return { userId: user.id, orgId: o.org.id, roles };
}

const recommend = (o: TestOrg, reviewId: string, outcome: "go" | "no_go" | "go_with_conditions" = "go", extra: Record<string, string> = {}) =>
  recordRecommendation(o.scientist, reviewId, { outcome, rationale: `Recommending ${outcome} on the current evidence.`, ...extra });

beforeAll(async () => {
  org = await createTestOrg("reviews");
  other = await createTestOrg("reviews-other");
});

describe("opening a review", () => {
  it("is for product owners; the owner is the opener; sign-offs and SLA follow the tier policy", async () => {
    const high = await seedVersion(org, "high", [check("fpr-race", "fpr")]);
    const review = await openReview(org.product_owner, { modelVersionId: high.versionId, title: "Release v1" });
    expect(review).toMatchObject({ status: "open", ownerId: org.product_owner.userId, title: "Release v1", slaBusinessDays: 5 });
    expect(review.requiredSignoffRoles).toEqual(["scientist", "product_owner", "approver"]);
    expect(review.dueAt.toISOString()).toBe(addBusinessDays(review.createdAt, 5).toISOString());
    const [event] = await prisma.auditEvent.findMany({ where: { orgId: org.org.id, entityId: review.id } });
    expect(event).toMatchObject({ action: "review.created", actorId: org.product_owner.userId });

    // The default low-tier policy needs only a scientist, within 10 business days.
    const low = await seedVersion(org, "low", [check("fpr-race", "fpr")]);
    const lowReview = await openReview(org.product_owner, { modelVersionId: low.versionId, title: "Release" });
    expect(lowReview).toMatchObject({ requiredSignoffRoles: ["scientist"], slaBusinessDays: 10 });

    // An organisation's own policy for a tier wins over the default.
    await updateTierPolicies(org.admin, {
      policies: [{ tier: "medium", requiredEvaluations: [], requiredSignoffRoles: ["approver", "scientist"], approverNotEvaluator: false, reviewSlaBusinessDays: 2, maxExceptionDays: 30 }],
    });
    const medium = await seedVersion(org, "medium", [check("fpr-race", "fpr")]);
    const mediumReview = await openReview(org.product_owner, { modelVersionId: medium.versionId, title: "Custom policy" });
    expect(mediumReview).toMatchObject({ requiredSignoffRoles: ["approver", "scientist"], slaBusinessDays: 2 });

    await expectStatus(openReview(org.scientist, { modelVersionId: high.versionId, title: "Not mine to open" }), 403);
    await expectStatus(openReview(org.auditor, { modelVersionId: high.versionId, title: "Not mine to open" }), 403);
    await expectStatus(openReview(other.product_owner, { modelVersionId: high.versionId, title: "Other tenant" }), 404);
    const duplicate = await expectStatus(openReview(org.product_owner, { modelVersionId: high.versionId, title: "Again" }), 409);
    expect(duplicate.details).toEqual({ reviewId: review.id });
    await expect(openReview(org.product_owner, { modelVersionId: high.versionId, title: "  " })).rejects.toBeInstanceOf(ZodError);

    const [listed] = await listReviews(org.auditor, { versionId: high.versionId });
    expect(listed).toMatchObject({ id: review.id, sla: { overdue: false, label: expect.stringMatching(/^due in \d+ days?$/) }, activeHolds: 0 });
    expect((await listReviews(other.auditor)).map((r) => r.id)).not.toContain(review.id);
  });

  it("flags an overdue review until it is decided", async () => {
    const seeded = await seedVersion(org, "low", [check("fpr-race", "fpr")]);
    const review = await openReview(org.product_owner, { modelVersionId: seeded.versionId, title: "Late review" });
    await prisma.releaseReview.update({ where: { id: review.id }, data: { dueAt: new Date(Date.now() - 2.5 * 24 * 3600 * 1000) } });
    expect((await getReview(org.auditor, review.id)).sla).toMatchObject({ overdue: true, days: 3, label: "overdue by 3 days" });
    expect((await listReviews(org.auditor, { versionId: seeded.versionId }))[0]?.sla?.overdue).toBe(true);

    await recommend(org, review.id, "no_go");
    await decide(org.product_owner, review.id, { outcome: "no_go", rationale: "Not ready for release yet." });
    expect((await getReview(org.auditor, review.id)).sla).toBeNull();
    expect((await listReviews(org.auditor, { versionId: seeded.versionId }))[0]?.sla).toBeNull();
  });
});

describe("the tier-derived checklist", () => {
  it("needs fairness, safety and a drift monitor, complete documentation and three sign-offs for a critical system", async () => {
    const seeded = await seedVersion(org, "critical", [check("fpr-race", "fpr"), safetyCheck("jailbreak-asr")]);
    const review = await openReview(org.product_owner, { modelVersionId: seeded.versionId, title: "Critical release" });
    expect(review).toMatchObject({ requiredSignoffRoles: ["scientist", "product_owner", "approver"], slaBusinessDays: 3 });
    expect(review.dueAt.toISOString()).toBe(addBusinessDays(review.createdAt, 3).toISOString());

    let detail = await getReview(org.auditor, review.id);
    expect(detail.policy).toMatchObject({ requiredEvaluations: ["fairness", "safety", "drift_monitor"], approverNotEvaluator: true, maxExceptionDays: 90 });
    expect(detail.checklist.items.map((i) => [i.key, i.status])).toEqual([
      ["plan", "pass"],
      ["evaluation:fairness", "missing"],
      ["evaluation:safety", "missing"],
      ["check:fpr-race", "missing"],
      ["check:jailbreak-asr", "missing"],
      ["monitor", "missing"],
      ["risks", "pass"],
      ["documentation", "pass"],
      ["hold", "pass"],
      ["signoff:scientist", "missing"],
      ["signoff:product_owner", "missing"],
      ["signoff:approver", "missing"],
    ]);
    expect(detail.checklist.items.find((i) => i.key === "monitor")?.detail).toBe("No active monitor watches this version; the critical tier requires one.");
    expect(detail.waivableGates.map((g) => g.key)).toEqual(["evaluation:fairness", "evaluation:safety", "check:fpr-race", "check:jailbreak-asr", "monitor"]);

    const fairnessRun = await finishRun(org, seeded, { "fpr-race": true });
    const safetyRun = await finishRun(org, seeded, { "jailbreak-asr": false }, new Date(), { kind: "safety" });
    await addMonitor(org, seeded, "paused");
    detail = await getReview(org.auditor, review.id);
    const byKey = Object.fromEntries(detail.checklist.items.map((i) => [i.key, i]));
    expect(byKey["evaluation:fairness"]).toMatchObject({ status: "pass", detail: "The fairness check passes." });
    expect(byKey["evaluation:safety"]).toMatchObject({ status: "fail", ref: { runId: safetyRun.id } });
    expect(byKey["monitor"]?.status).toBe("missing"); // a paused monitor watches nothing
    expect(detail.evaluatorIds).toEqual([org.scientist.userId]);

    const monitor = await addMonitor(org, seeded);
    await finishRun(org, seeded, { "jailbreak-asr": true }, new Date(Date.now() + 1000), { kind: "safety" });
    detail = await getReview(org.auditor, review.id);
    expect(detail.checklist.items.filter((i) => i.kind !== "signoff").every((i) => i.status === "pass")).toBe(true);
    expect(detail.checklist.items.find((i) => i.key === "monitor")?.ref?.monitorIds).toEqual([monitor.id]);
    expect(detail.checklist.items.find((i) => i.key === "check:fpr-race")?.ref?.runId).toBe(fairnessRun.id);
    expect(detail.checklist.blockers.map((b) => b.key)).toEqual(["signoff:scientist", "signoff:product_owner", "signoff:approver"]);
    // The monitors are part of the evidence.
    expect((await getReviewEvidence(prisma, review.id)).snapshot.monitors).toEqual([{ id: monitor.id, name: monitor.name }]);
  });

  it("reports a required evaluation the plan lacks, and missing documentation", async () => {
    const seeded = await seedVersion(org, "high", [check("fpr-race", "fpr")], { documented: false });
    await finishRun(org, seeded, { "fpr-race": true });
    const review = await openReview(org.product_owner, { modelVersionId: seeded.versionId, title: "Fairness only" });
    const detail = await getReview(org.auditor, review.id);
    const byKey = Object.fromEntries(detail.checklist.items.map((i) => [i.key, i]));
    expect(byKey["evaluation:safety"]).toMatchObject({ status: "missing", detail: "The plan has no safety check; the high tier requires at least one." });
    expect(byKey["monitor"]).toBeUndefined();
    expect(byKey["documentation"]).toMatchObject({ status: "missing", detail: "Not recorded: prohibited uses, version artifact." });
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
    expect(detail.checklist.blockers.map((b) => `${b.kind}:${b.status}`).sort()).toEqual([
      "check:fail", "evaluation:fail", "evaluation:missing", "signoff:missing", "signoff:missing", "signoff:missing",
    ]);
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

    // Housekeeping on the risk (a due date, an owner) changes nothing a signer relied on: the sign-off holds.
    await updateRisk(org.scientist, risk.id, { dueDate: "2031-06-30", ownerId: org.product_owner.userId });
    detail = await getReview(org.auditor, review.id);
    expect(detail.evidenceHash).toBe(again.evidenceHash);
    expect(detail.signOffs.at(-1)?.stale).toBe(false);

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
    // A low-tier review needs no approver (nor, under the default policy, a product owner).
    const notRequired = await expectStatus(signOff(org.approver, review.id, { role: "approver" }), 400);
    expect(notRequired.details).toEqual({ path: "role" });
    await expectStatus(signOff(org.product_owner, review.id, { role: "product_owner" }), 400);
    await expectStatus(signOff(other.scientist, review.id, { role: "scientist" }), 404);
    await expect(signOff(org.scientist, review.id, { role: "chief" })).rejects.toBeInstanceOf(ZodError);

    await recommend(org, review.id, "no_go");
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

    // The scientist's recommendation is a separate record; the owner may dissent from it.
    await recommend(org, review.id, "go");

    const refused = await expectStatus(decide(org.product_owner, review.id, { outcome: "go", rationale: "We want to ship it now." }), 409);
    expect(refused.message).toContain("Still blocking");
    expect(refused.details).toMatchObject({ blockers: ["check:fpr-race", "signoff:scientist"] });
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
    expect(events.map((e) => e.action)).toEqual(["review.created", "review.recommended", "review.decided"]);
    expect(events[2]?.after).toMatchObject({ outcome: "no_go", decisionId: decision.id, evidenceHash: decision.evidenceHash, recommendedOutcome: "go", dissent: true });

    await expectStatus(decide(org.product_owner, review.id, { outcome: "no_go", rationale: "Deciding a second time." }), 409);
  });

  it("accepts go once every check passes, no blocking risk is open and every required role has signed", async () => {
    const seeded = await seedVersion(org, "low", [check("fpr-race", "fpr")]);
    await finishRun(org, seeded, { "fpr-race": true });
    await createRisk(org.scientist, { systemId: seeded.systemId, statement: "Minor documentation gap.", likelihood: 1, impact: 2 });
    const review = await openReview(org.product_owner, { modelVersionId: seeded.versionId, title: "Clean release" });
    await expectStatus(decide(org.product_owner, review.id, { outcome: "go", rationale: "Every check passes; ship it." }), 409);
    await signOff(org.scientist, review.id, { role: "scientist" });

    // Go needs a scientist's recommendation, and one made on the evidence as it now stands.
    const noRecommendation = await expectStatus(decide(org.product_owner, review.id, { outcome: "go", rationale: "Every check passes; ship it." }), 409);
    expect(noRecommendation.details).toEqual({ blockers: ["recommendation"] });
    await recommend(org, review.id, "go");
    const low = await createRisk(org.scientist, { systemId: seeded.systemId, statement: "Tooltip wording is unclear.", likelihood: 1, impact: 1 });
    await signOff(org.scientist, review.id, { role: "scientist" });
    const stale = await expectStatus(decide(org.product_owner, review.id, { outcome: "go", rationale: "Every check passes; ship it." }), 409);
    expect(stale.message).toMatch(/evidence has changed since the scientist's recommendation/);
    await recommend(org, review.id, "go");
    expect(low.severity).toBe("low");

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

describe("separation of duties", () => {
  it("refuses the approver sign-off of whoever ran an evaluation the review rests on, and takes another approver's", async () => {
    // Someone who holds both roles ran the evaluation.
    const both = await addMember(org, "scientist-approver", ["scientist", "approver"]);
    const seeded = await seedVersion(org, "high", [check("fpr-race", "fpr"), safetyCheck("jailbreak-asr")]);
    const run = await finishRun(org, seeded, { "fpr-race": true }, new Date(), { by: both });
    await finishRun(org, seeded, { "jailbreak-asr": true }, new Date(), { kind: "safety" });
    const review = await openReview(org.product_owner, { modelVersionId: seeded.versionId, title: "Who approves" });

    const refused = await expectStatus(signOff(both, review.id, { role: "approver" }), 403);
    expect(refused.message).toBe(
      `Separation of duties: you ran run ${run.id}, whose results this review rests on, so you cannot sign it as the approver. Another approver must sign.`,
    );
    expect(await prisma.signOff.count({ where: { reviewId: review.id } })).toBe(0);
    // Signing as the scientist who ran it is what a scientist does.
    await signOff(both, review.id, { role: "scientist" });
    const approved = await signOff(org.approver, review.id, { role: "approver" });
    expect(approved).toMatchObject({ role: "approver", stale: false });
    expect((await getReview(org.auditor, review.id)).evaluatorIds.sort()).toEqual([both.userId, org.scientist.userId].sort());
  });
});

describe("recommendation and decision", () => {
  it("are separate records: the scientist recommends on the current evidence, with history; the owner decides", async () => {
    const seeded = await seedVersion(org, "low", [check("fpr-race", "fpr")]);
    await finishRun(org, seeded, { "fpr-race": true });
    const review = await openReview(org.product_owner, { modelVersionId: seeded.versionId, title: "Separate records" });

    await expectStatus(recordRecommendation(org.product_owner, review.id, { outcome: "go", rationale: "Owners do not recommend." }), 403);
    await expectStatus(recordRecommendation(org.auditor, review.id, { outcome: "go", rationale: "Auditors do not recommend." }), 403);
    await expectStatus(recordRecommendation(other.scientist, review.id, { outcome: "go", rationale: "Wrong organisation here." }), 404);
    await expect(recordRecommendation(org.scientist, review.id, { outcome: "maybe", rationale: "Not an outcome at all." })).rejects.toBeInstanceOf(ZodError);
    await expect(recordRecommendation(org.scientist, review.id, { outcome: "go", rationale: "Short" })).rejects.toBeInstanceOf(ZodError);
    const noConditions = await expectStatus(recordRecommendation(org.scientist, review.id, { outcome: "go_with_conditions", rationale: "Ship with monitoring." }), 400);
    expect(noConditions.details).toEqual({ path: "conditions" });
    expect(await prisma.reviewRecommendation.count({ where: { reviewId: review.id } })).toBe(0);

    const first = await recommend(org, review.id, "go_with_conditions", { conditions: "Weekly FPR report for a quarter.", unknowns: "No data on applicants under 21." });
    let detail = await getReview(org.auditor, review.id);
    expect(first).toMatchObject({ outcome: "go_with_conditions", evidenceHash: detail.evidenceHash, stale: false, recommendedBy: { id: org.scientist.userId } });
    expect(detail.recommendation).toMatchObject({ id: first.id, stale: false, superseded: false, unknowns: "No data on applicants under 21." });

    // New evidence makes the recommendation stale; a new one replaces it and the history is kept.
    await createRisk(org.scientist, { systemId: seeded.systemId, statement: "A minor wording issue in the UI.", likelihood: 1, impact: 1 });
    detail = await getReview(org.auditor, review.id);
    expect(detail.recommendation).toMatchObject({ id: first.id, stale: true });
    const second = await recommend(org, review.id, "no_go");
    detail = await getReview(org.auditor, review.id);
    expect(detail.recommendations.map((r) => [r.id, r.superseded, r.stale])).toEqual([[first.id, true, true], [second.id, false, false]]);
    expect(detail.recommendation?.id).toBe(second.id);

    // Go needs a cleared checklist: the scientist has not signed.
    const blocked = await expectStatus(decide(org.product_owner, review.id, { outcome: "go", rationale: "Overruling the no-go." }), 409);
    expect(blocked.details).toMatchObject({ blockers: ["signoff:scientist"] });
    await signOff(org.scientist, review.id, { role: "scientist", comment: "Numbers reproduced." });
    const decision = await decide(org.product_owner, review.id, { outcome: "go", rationale: "Business need outweighs the concern." });
    expect(decision.outcome).toBe("go");
    const event = await prisma.auditEvent.findFirst({ where: { entityId: review.id, action: "review.decided" } });
    expect(event?.after).toMatchObject({ recommendationId: second.id, recommendedOutcome: "no_go", dissent: true });
    // Closed: no more recommendations.
    await expectStatus(recommend(org, review.id, "go"), 409);
    const recommended = await prisma.auditEvent.findMany({ where: { entityId: review.id, action: "review.recommended" } });
    expect(recommended).toHaveLength(2);
  });
});

describe("holds", () => {
  it("any member but an auditor places one; it blocks go until an approver clears it with a rationale", async () => {
    const seeded = await seedVersion(org, "low", [check("fpr-race", "fpr")]);
    await finishRun(org, seeded, { "fpr-race": true });
    const review = await openReview(org.product_owner, { modelVersionId: seeded.versionId, title: "Held release" });
    await recommend(org, review.id, "go");

    await expectStatus(placeHold(org.auditor, review.id, { concern: "privacy", reason: "Auditors only read, never hold." }), 403);
    await expectStatus(placeHold(other.scientist, review.id, { concern: "privacy", reason: "Another organisation's review." }), 404);
    await expect(placeHold(org.scientist, review.id, { concern: "vibes", reason: "Not a concern we know of." })).rejects.toBeInstanceOf(ZodError);
    await expect(placeHold(org.scientist, review.id, { concern: "privacy", reason: "Short" })).rejects.toBeInstanceOf(ZodError);
    expect(await prisma.reviewHold.count({ where: { reviewId: review.id } })).toBe(0);

    const hold = await placeHold(org.product_owner, review.id, { concern: "privacy", reason: "Training data includes unredacted emails." });
    expect(hold).toMatchObject({ concern: "privacy", active: true, placedBy: { id: org.product_owner.userId } });
    await signOff(org.scientist, review.id, { role: "scientist" });
    let detail = await getReview(org.auditor, review.id);
    expect(detail.activeHolds).toBe(1);
    expect(detail.checklist.items.find((i) => i.kind === "hold")).toMatchObject({ status: "fail", ref: { holdIds: [hold.id] } });
    expect(detail.checklist.blockers.map((b) => b.key)).toEqual(["hold"]);
    const refused = await expectStatus(decide(org.product_owner, review.id, { outcome: "go", rationale: "Ship despite the hold." }), 409);
    expect(refused.details).toMatchObject({ blockers: ["hold"] });
    expect(refused.message).toContain("No active hold");

    await expectStatus(clearHold(org.product_owner, review.id, hold.id, { rationale: "Owners cannot clear holds." }), 403);
    await expectStatus(clearHold(org.scientist, review.id, hold.id, { rationale: "Nor can scientists clear them." }), 403);
    await expect(clearHold(org.approver, review.id, hold.id, { rationale: "ok" })).rejects.toBeInstanceOf(ZodError);
    await expectStatus(clearHold(org.approver, review.id, "no-such-hold", { rationale: "The emails were redacted in v1.1." }), 404);
    const cleared = await clearHold(org.approver, review.id, hold.id, { rationale: "The emails were redacted and the data re-checked." });
    expect(cleared).toMatchObject({ active: false, clearedBy: { id: org.approver.userId }, clearRationale: "The emails were redacted and the data re-checked." });
    await expectStatus(clearHold(org.approver, review.id, hold.id, { rationale: "Clearing it a second time." }), 409);

    // The hold and its clearing are evidence: the sign-off given while it stood is stale.
    detail = await getReview(org.auditor, review.id);
    expect(detail.checklist.items.find((i) => i.kind === "hold")?.status).toBe("pass");
    expect(detail.checklist.blockers.map((b) => b.key)).toEqual(["signoff:scientist"]);
    await signOff(org.scientist, review.id, { role: "scientist" });
    // The recommendation, too, was made while the hold stood: go needs one on the evidence as it is now.
    await recommend(org, review.id, "go");
    await decide(org.product_owner, review.id, { outcome: "go", rationale: "The privacy concern was resolved." });
    const actions = (await prisma.auditEvent.findMany({ where: { entityId: review.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["review.hold_placed", "review.hold_cleared"]));
    await expectStatus(placeHold(org.scientist, review.id, { concern: "safety", reason: "Too late, it is decided." }), 409);
  });
});

describe("the decision memo", () => {
  it("summarises the recommendation, the decision, the evidence, unknowns, conditions, dissent and holds", async () => {
    const seeded = await seedVersion(org, "low", [check("fpr-race", "fpr")]);
    await finishRun(org, seeded, { "fpr-race": true });
    await createRisk(org.scientist, { systemId: seeded.systemId, statement: "Thin data for applicants over 80.", likelihood: 2, impact: 2 });
    const review = await openReview(org.product_owner, { modelVersionId: seeded.versionId, title: "Memo release" });
    const hold = await placeHold(org.scientist, review.id, { concern: "safety", reason: "Check the over-80 segment first." });
    await clearHold(org.approver, review.id, hold.id, { rationale: "Segment reviewed; error rates are in line." });
    await recordRecommendation(org.scientist, review.id, {
      outcome: "no_go", rationale: "Wait for the over-80 sample to grow.", unknowns: "Performance for applicants over 80 is unmeasured.",
    });
    await signOff(org.scientist, review.id, { role: "scientist", comment: "Evidence is complete." });
    await decide(org.product_owner, review.id, { outcome: "go_with_conditions", rationale: "Launch with a cap on over-80 approvals.", conditions: "Manual review of every over-80 application." });

    const memo = await getDecisionMemo(org.auditor, review.id, "md");
    expect(memo.contentType).toBe("text/markdown; charset=utf-8");
    expect(memo.fileName).toMatch(new RegExp(`^assay-decision-memo-review-system-\\d+-v1-${review.id}\\.md$`));
    const text = memo.body as string;
    expect(text).toContain("# Decision memo: Review system");
    expect(text).toContain("## Recommendation");
    expect(text).toMatch(/scientist .* \(scientist\) recommended \*\*No-go\*\*/);
    expect(text).toContain("Wait for the over-80 sample to grow.");
    expect(text).toMatch(/product_owner .* \(product owner\) decided \*\*Go with conditions\*\*/);
    expect(text).toContain("Launch with a cap on over-80 approvals.");
    expect(text).toContain("**Unknown: **Performance for applicants over 80 is unmeasured.");
    expect(text).toContain("| Thin data for applicants over 80. | open | low | not assessed |");
    expect(text).toContain("**Decision: **Manual review of every over-80 application.");
    expect(text).toMatch(/## Dissent\n\nscientist .* recommended "No-go"; product_owner .* decided "Go with conditions"\./);
    expect(text).toContain("Segment reviewed; error rates are in line.");
    expect(text).toContain("| Sign-off: Scientist | PASS |");

    const pdf = await getDecisionMemo(org.approver, review.id, "pdf");
    expect(pdf.contentType).toBe("application/pdf");
    expect(Buffer.from(pdf.body as Uint8Array).subarray(0, 5).toString()).toBe("%PDF-");
    await expect(getDecisionMemo(org.auditor, review.id, "docx")).rejects.toBeInstanceOf(ZodError);
    await expectStatus(getDecisionMemo(other.auditor, review.id, "md"), 404);
  });
});
