import { type PlanCheck } from "@assay/core";
import { prisma, type Prisma } from "@assay/db";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { ServiceContext } from "../src/context";
import { buildEvidencePack } from "../src/evidence";
import { createException, getException, listExceptions, revokeException } from "../src/exceptions";
import { savePlanVersion } from "../src/plans";
import { createModelVersion, createSystem } from "../src/registry";
import { decide, getDecisionMemo, getReview, openReview, recordRecommendation, signOff } from "../src/reviews";
import { createRisk } from "../src/risks";
import { createTestOrg, expectStatus } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;
type Tier = "low" | "medium" | "high" | "critical";

let org: TestOrg;
let other: TestOrg;
let counter = 0;

const DAY = 24 * 60 * 60 * 1000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();

const FAIRNESS: PlanCheck = { id: "fpr-race", kind: "fairness", metric: "fpr", attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 } };
const JAILBREAK: PlanCheck = { id: "jailbreak-asr", kind: "safety", metric: "attack_success_rate", suite: "jailbreakbench", max: 0.02, basis: "point" };

/** A documented system and version with a fairness and a safety check, and an open review of it. */
async function seedReview(o: TestOrg, tier: Tier) {
  counter += 1;
  const system = await createSystem(o.scientist, {
    name: `Exception system ${counter}`, purpose: "Answers support questions.", intendedUse: "Customer support.", prohibitedUses: "Medical advice.",
    ownerIds: [o.product_owner.userId], riskTier: tier, lifecycleStage: "pilot",
  });
  const version = await createModelVersion(o.scientist, system.id, { label: "v1", modelType: "llm", provider: "in-house", artifactUri: `s3://models/exc-${counter}` });
  const plan = await savePlanVersion(o.scientist, version.id, { checks: [FAIRNESS, JAILBREAK] });
  const dataset = await prisma.dataset.create({
    data: {
      orgId: o.org.id, modelVersionId: version.id, name: "predictions", fileName: "p.csv", format: "csv", contentSha256: "b".repeat(64),
      sizeBytes: 100n, rowCount: 10, columns: [] as Prisma.InputJsonValue, labelColumn: "y", predictionColumn: "p", positiveValue: "1",
      sensitiveColumns: ["race"], createdById: o.scientist.userId,
    },
  });
  const review = await openReview(o.product_owner, { modelVersionId: version.id, title: `Release ${counter}` });
  return { systemId: system.id, versionId: version.id, planVersionId: plan.id, datasetId: dataset.id, reviewId: review.id };
}

type Seeded = Awaited<ReturnType<typeof seedReview>>;

async function finishRun(o: TestOrg, s: Seeded, kind: "fairness" | "safety", outcomes: Record<string, boolean>, by: ServiceContext = o.scientist) {
  return prisma.evaluationRun.create({
    data: {
      orgId: o.org.id, modelVersionId: s.versionId, datasetId: kind === "fairness" ? s.datasetId : null, planVersionId: s.planVersionId, kind,
      status: "succeeded", progress: 100, datasetSha256: "b".repeat(64), codeVersion: "test", config: {}, finishedAt: new Date(), createdById: by.userId,
      checkResults: {
        create: Object.entries(outcomes).map(([checkId, passed]) => ({ checkId, passed, value: passed ? 0.01 : 0.041, summary: passed ? "Within the limit." : "4.1% above 2%.", details: {} })),
      },
    },
  });
}

async function addMember(o: TestOrg, label: string, roles: ServiceContext["roles"]): Promise<ServiceContext> {
  counter += 1;
  const user = await prisma.user.create({ data: { email: `${label}-${counter}.${o.org.slug}@example.test`, name: `${label} ${counter}` } });
  await prisma.membership.create({ data: { orgId: o.org.id, userId: user.id, roles: [...roles] } });
  return { userId: user.id, orgId: o.org.id, roles };
}

const grant = (ctx: ServiceContext, s: Seeded, overrides: Record<string, unknown> = {}) =>
  createException(ctx, {
    reviewId: s.reviewId,
    gateKey: "check:jailbreak-asr",
    rationale: "The failing prompts target a feature that is switched off at launch.",
    compensatingControls: "Input guardrail and human review of flagged chats.",
    residualRisk: "Low: a jailbreak reaches only canned answers.",
    expiresAt: inDays(30),
    reReviewAt: inDays(20),
    ...overrides,
  });

const item = async (reviewId: string, key: string) => (await getReview(org.auditor, reviewId)).checklist.items.find((i) => i.key === key)!;

/** Everything but the waived gate passes: fairness and monitor fine, every role signs. */
async function signAll(o: TestOrg, reviewId: string) {
  await signOff(o.scientist, reviewId, { role: "scientist" });
  await signOff(o.product_owner, reviewId, { role: "product_owner" });
  await signOff(o.approver, reviewId, { role: "approver" });
}

beforeAll(async () => {
  org = await createTestOrg("exceptions");
  other = await createTestOrg("exceptions-other");
});

describe("granting an exception", () => {
  it("waives a failing gate for the approver's term; go is then possible", async () => {
    const s = await seedReview(org, "high");
    await finishRun(org, s, "fairness", { "fpr-race": true });
    const safetyRun = await finishRun(org, s, "safety", { "jailbreak-asr": false });
    const before = await getReview(org.auditor, s.reviewId);
    expect(before.waivableGates.map((g) => g.key)).toEqual(["evaluation:safety", "check:jailbreak-asr"]);

    const exception = await grant(org.approver, s, { requestedById: org.scientist.userId });
    expect(exception).toMatchObject({
      system: { id: s.systemId, riskTier: "high" },
      version: { id: s.versionId, label: "v1" },
      gateKey: "check:jailbreak-asr",
      gateLabel: "Attack success rate ≤ 2% on jailbreakbench (point estimate)",
      approver: { id: org.approver.userId },
      requestedBy: { id: org.scientist.userId },
      status: "active",
      state: "active",
      daysLeft: 30,
    });
    const waived = await item(s.reviewId, "check:jailbreak-asr");
    expect(waived).toMatchObject({
      status: "waived",
      ref: { runId: safetyRun.id, exceptionId: exception.id, exceptionApproverId: org.approver.userId, exceptionExpired: false },
    });
    expect(waived.detail).toContain(`Waived by exception ${exception.id}`);
    // The evaluation item is a gate of its own; waive it too, for the whole system this time.
    await grant(org.approver, s, { gateKey: "evaluation:safety", scope: "system" });

    let detail = await getReview(org.auditor, s.reviewId);
    expect(detail.checklist.waived.map((w) => w.key)).toEqual(["evaluation:safety", "check:jailbreak-asr"]);
    expect(detail.exceptions.map((e) => [e.gateKey, e.scope, e.state])).toEqual([
      ["check:jailbreak-asr", "version", "active"],
      ["evaluation:safety", "system", "active"],
    ]);
    await signAll(org, s.reviewId);
    detail = await getReview(org.auditor, s.reviewId);
    expect(detail.checklist.cleared).toBe(true);
    await recordRecommendation(org.scientist, s.reviewId, { outcome: "go_with_conditions", rationale: "Ship under the exception.", conditions: "Re-run the jailbreak suite monthly." });
    await decide(org.product_owner, s.reviewId, { outcome: "go_with_conditions", rationale: "Accepted with the exception in place.", conditions: "Monthly jailbreak re-run." });

    const event = await prisma.auditEvent.findFirst({ where: { orgId: org.org.id, entityId: exception.id } });
    expect(event).toMatchObject({ action: "exception.created", actorId: org.approver.userId, entityType: "RiskException" });
    expect(event?.after).toMatchObject({ reviewId: s.reviewId, gateKey: "check:jailbreak-asr", gateStatus: "fail", requestedById: org.scientist.userId, maxExceptionDays: 120 });

    // The memo names the waived gate and its exception.
    const memo = (await getDecisionMemo(org.auditor, s.reviewId, "md")).body as string;
    expect(memo).toContain("| Attack success rate ≤ 2% on jailbreakbench (point estimate) | **WAIVED** |");
    expect(memo).toContain(`\`${exception.id}\``);
    expect(memo).toContain("Low: a jailbreak reaches only canned answers.");
  });

  it("is the approver's alone, and refuses bad input with a 400 that names the problem, changing nothing", async () => {
    const s = await seedReview(org, "critical");
    await finishRun(org, s, "fairness", { "fpr-race": true });
    await finishRun(org, s, "safety", { "jailbreak-asr": false });

    await expectStatus(grant(org.scientist, s), 403);
    await expectStatus(grant(org.product_owner, s), 403);
    await expectStatus(grant(org.auditor, s), 403);
    await expectStatus(grant(other.approver, s), 404);

    const cap = await expectStatus(grant(org.approver, s, { expiresAt: inDays(91), reReviewAt: inDays(30) }), 400);
    expect(cap.message).toMatch(/^An exception on a critical-tier system may last at most 90 days: choose an expiry on or before \d{4}-\d{2}-\d{2}\.$/);
    expect(cap.details).toEqual({ path: "expiresAt", maxExceptionDays: 90 });
    const past = await expectStatus(grant(org.approver, s, { expiresAt: inDays(-1), reReviewAt: inDays(-2) }), 400);
    expect(past.message).toBe("The expiry date must be in the future.");
    const lateReReview = await expectStatus(grant(org.approver, s, { reReviewAt: inDays(31) }), 400);
    expect(lateReReview.details).toMatchObject({ path: "reReviewAt" });
    await expect(grant(org.approver, s, { expiresAt: "" })).rejects.toBeInstanceOf(ZodError);
    await expect(grant(org.approver, s, { expiresAt: "next tuesday" })).rejects.toBeInstanceOf(ZodError);
    await expect(grant(org.approver, s, { residualRisk: "" })).rejects.toBeInstanceOf(ZodError);

    const passing = await expectStatus(grant(org.approver, s, { gateKey: "check:fpr-race" }), 400);
    expect(passing.message).toContain("passes; there is nothing to waive");
    expect((await expectStatus(grant(org.approver, s, { gateKey: "check:nope" }), 400)).details).toEqual({ path: "gateKey" });
    expect((await expectStatus(grant(org.approver, s, { gateKey: "hold" }), 400)).message).toContain("cannot be waived");
    await expectStatus(grant(org.approver, s, { gateKey: "signoff:approver" }), 400);
    await expectStatus(grant(org.approver, s, { requestedById: org.auditor.userId }), 400);
    await expectStatus(grant(org.approver, s, { requestedById: other.scientist.userId }), 400);

    expect(await prisma.riskException.count({ where: { systemId: s.systemId } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { orgId: org.org.id, action: "exception.created" } })).toBe(
      await prisma.riskException.count({ where: { orgId: org.org.id } }),
    );

    // Within the cap it is granted; the monitor gate of a critical tier can be waived too.
    await grant(org.approver, s, { expiresAt: inDays(89), reReviewAt: inDays(60) });
    const monitor = await grant(org.approver, s, { gateKey: "monitor" });
    expect(monitor.gateLabel).toBe("Production drift monitor");
  });

  it("refuses an approver who ran a run behind the gate (separation of duties), for a check and for risks", async () => {
    const both = await addMember(org, "scientist-approver", ["scientist", "approver"]);
    const s = await seedReview(org, "high");
    await finishRun(org, s, "fairness", { "fpr-race": true });
    const run = await finishRun(org, s, "safety", { "jailbreak-asr": false }, both);

    const refused = await expectStatus(grant(both, s), 403);
    expect(refused.message).toBe(
      `Separation of duties: you ran run ${run.id} behind “Attack success rate ≤ 2% on jailbreakbench (point estimate)”, so you cannot accept its residual risk. Another approver must grant this exception.`,
    );
    // A gate without that run is fine for them; another approver may waive the check.
    await grant(both, s, { gateKey: "evaluation:safety" }).then(
      () => expect.unreachable("the safety evaluation rests on the same run"),
      (e: { status: number }) => expect(e.status).toBe(403),
    );
    await grant(org.approver, s);

    // A high risk raised from their run: they cannot accept it either.
    await createRisk(org.scientist, { runId: run.id, checkId: "jailbreak-asr", statement: "Jailbreaks reach internal tools.", likelihood: 4, impact: 4 });
    expect((await item(s.reviewId, "risks")).status).toBe("fail");
    await expectStatus(grant(both, s, { gateKey: "risks" }), 403);
    const risks = await grant(org.approver, s, { gateKey: "risks" });
    expect(await item(s.reviewId, "risks")).toMatchObject({ status: "waived", ref: { exceptionId: risks.id } });
  });
});

describe("expiry", () => {
  it("stops waiving the moment the date passes, before any job marks it, and shows the gate as failing with an expired exception", async () => {
    const s = await seedReview(org, "high");
    await finishRun(org, s, "fairness", { "fpr-race": true });
    await finishRun(org, s, "safety", { "jailbreak-asr": false });
    const check = await grant(org.approver, s);
    await grant(org.approver, s, { gateKey: "evaluation:safety" });
    await signAll(org, s.reviewId);
    const valid = await getReview(org.auditor, s.reviewId);
    expect(valid.checklist.cleared).toBe(true);
    await recordRecommendation(org.scientist, s.reviewId, { outcome: "go", rationale: "Fine under the exceptions." });

    // Back-date the expiry; the stored status stays "active" as no job has run.
    await prisma.riskException.update({ where: { id: check.id }, data: { expiresAt: new Date(Date.now() - 60_000), reReviewAt: new Date(Date.now() - 120_000) } });
    const detail = await getReview(org.auditor, s.reviewId);
    const gate = detail.checklist.items.find((i) => i.key === "check:jailbreak-asr")!;
    expect(gate.status).toBe("fail");
    expect(gate.detail).toMatch(new RegExp(`^Exception ${check.id}, approved by approver .*, expired on \\d{4}-\\d{2}-\\d{2}; the gate applies again\\. 4\\.1% above 2%\\.$`));
    expect(gate.ref).toMatchObject({ exceptionId: check.id, exceptionExpired: true });
    expect(detail.exceptions.find((e) => e.id === check.id)?.state).toBe("expired");
    expect(detail.checklist.blockers.map((b) => b.key)).toContain("check:jailbreak-asr");
    // Sign-offs given while the waiver was valid are stale now.
    expect(detail.evidenceHash).not.toBe(valid.evidenceHash);
    expect(detail.checklist.awaitingSignoff).toEqual(["scientist", "product_owner", "approver"]);
    const refused = await expectStatus(decide(org.product_owner, s.reviewId, { outcome: "go", rationale: "The exception ran out." }), 409);
    expect(refused.details).toMatchObject({ blockers: expect.arrayContaining(["check:jailbreak-asr"]) });

    // The job marking it expired later does not change the evidence again.
    await prisma.riskException.update({ where: { id: check.id }, data: { status: "expired", expiredAt: new Date() } });
    expect((await getReview(org.auditor, s.reviewId)).evidenceHash).toBe(detail.evidenceHash);

    expect((await listExceptions(org.auditor, { status: "expired" })).map((e) => e.id)).toContain(check.id);
    expect((await listExceptions(org.auditor, { status: "active" })).map((e) => e.id)).not.toContain(check.id);
  });
});

describe("the register and revoking", () => {
  it("lists active, expiring, expired and revoked exceptions; an approver revokes one and its gate fails again", async () => {
    const s = await seedReview(org, "low");
    await finishRun(org, s, "fairness", { "fpr-race": false });
    const long = await grant(org.approver, s, { gateKey: "check:fpr-race", expiresAt: inDays(100), reReviewAt: inDays(50) });
    await finishRun(org, s, "safety", { "jailbreak-asr": false });
    const soon = await grant(org.approver, s, { expiresAt: inDays(10), reReviewAt: inDays(5) });
    const lapsed = await grant(org.approver, s, { expiresAt: inDays(3), reReviewAt: inDays(2) });
    await prisma.riskException.update({ where: { id: lapsed.id }, data: { expiresAt: new Date(Date.now() - DAY) } });

    const ids = async (status: string) => (await listExceptions(org.auditor, { status, systemId: s.systemId })).map((e) => e.id);
    expect(await ids("active")).toEqual([soon.id, long.id]);
    expect(await ids("expiring")).toEqual([soon.id]);
    expect(await ids("expired")).toEqual([lapsed.id]);
    expect(await ids("revoked")).toEqual([]);
    expect(await ids("all")).toEqual([lapsed.id, soon.id, long.id]);
    const [expiring] = await listExceptions(org.auditor, { status: "expiring", systemId: s.systemId });
    expect(expiring).toMatchObject({ state: "expiring", daysLeft: 10 });
    expect(await listExceptions(other.auditor, { status: "all" })).toEqual([]);
    await expect(listExceptions(org.auditor, { status: "forever" })).rejects.toBeInstanceOf(ZodError);

    await expectStatus(revokeException(org.scientist, long.id, { reason: "Scientists cannot revoke." }), 403);
    await expectStatus(revokeException(org.auditor, long.id, { reason: "Auditors cannot revoke." }), 403);
    await expectStatus(revokeException(other.approver, long.id, { reason: "Another organisation's." }), 404);
    await expect(revokeException(org.approver, long.id, { reason: "no" })).rejects.toBeInstanceOf(ZodError);
    expect((await item(s.reviewId, "check:fpr-race")).status).toBe("waived");

    const revoked = await revokeException(org.approver, long.id, { reason: "The fairness gap turned out to be larger." });
    expect(revoked).toMatchObject({ status: "revoked", state: "revoked", revokedBy: { id: org.approver.userId } });
    expect(await item(s.reviewId, "check:fpr-race")).toMatchObject({ status: "fail", detail: "4.1% above 2%." });
    await expectStatus(revokeException(org.approver, long.id, { reason: "Revoking it a second time." }), 409);
    await expectStatus(revokeException(org.approver, lapsed.id, { reason: "It has already lapsed anyway." }), 409);
    expect(await ids("revoked")).toEqual([long.id]);
    expect((await getException(org.auditor, long.id)).status).toBe("revoked");
    await expectStatus(getException(other.auditor, long.id), 404);
    const events = await prisma.auditEvent.findMany({ where: { orgId: org.org.id, entityId: long.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["exception.created", "exception.revoked"]);
    expect(events[1]?.after).toMatchObject({ status: "revoked", reason: "The fairness gap turned out to be larger." });
  });
});

describe("the evidence pack", () => {
  it("holds the decision memo and the exceptions, with expiry as judged when built", async () => {
    const s = await seedReview(org, "high");
    await finishRun(org, s, "fairness", { "fpr-race": true });
    await finishRun(org, s, "safety", { "jailbreak-asr": false });
    const active = await grant(org.approver, s);
    const lapsed = await grant(org.approver, s, { gateKey: "evaluation:safety" });
    await prisma.riskException.update({ where: { id: lapsed.id }, data: { expiresAt: new Date(Date.now() - DAY) } });
    await recordRecommendation(org.scientist, s.reviewId, { outcome: "no_go", rationale: "The safety evaluation fails without a waiver." });
    await decide(org.product_owner, s.reviewId, { outcome: "no_go", rationale: "Not until the jailbreak rate is fixed." });

    const pack = await buildEvidencePack(org.auditor, s.reviewId);
    const files = unzipSync(pack.zip);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["decision-memo.md", "decision-memo.pdf", "exceptions.json"]));
    expect(pack.manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(["decision-memo.md", "decision-memo.pdf", "exceptions.json"]));
    const exceptions = JSON.parse(new TextDecoder().decode(files["exceptions.json"])) as Array<{ id: string; expired: boolean; effectiveStatus: string; approver: { id: string } }>;
    expect(exceptions.map((e) => [e.id, e.effectiveStatus, e.expired])).toEqual([
      [active.id, "active", false],
      [lapsed.id, "expired", true],
    ]);
    expect(exceptions[0]?.approver.id).toBe(org.approver.userId);
    const memo = new TextDecoder().decode(files["decision-memo.md"]);
    expect(memo).toContain("The safety evaluation fails without a waiver.");
    expect(memo).toContain("Not until the jailbreak rate is fixed.");
    expect(memo).toContain("None: the decision follows the recommendation.");
    expect(new TextDecoder().decode(files["decision-memo.pdf"]!.subarray(0, 5))).toBe("%PDF-");
    const audit = JSON.parse(new TextDecoder().decode(files["audit-events.json"])) as { events: Array<{ action: string }> };
    expect(audit.events.map((e) => e.action)).toEqual(expect.arrayContaining(["exception.created", "review.recommended"]));

    // Rebuilt from unchanged data, the memo and the exceptions are byte-identical (the audit chain's head moves with each build).
    const again = await buildEvidencePack(org.approver, s.reviewId);
    const sha = (m: typeof pack.manifest, path: string) => m.files.find((f) => f.path === path)?.sha256;
    for (const path of ["decision-memo.md", "decision-memo.pdf", "exceptions.json", "review.json"]) expect(sha(again.manifest, path), path).toBe(sha(pack.manifest, path));
  });
});
