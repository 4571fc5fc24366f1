import { summariseSafetyRun, type ItemOutcome, type PlanCheck, type SafetyRow } from "@assay/core";
import { prisma, type Prisma } from "@assay/db";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { uploadDataset } from "../src/datasets";
import { createMitigation, getMitigation, listMitigations, listVerificationVersions, updateMitigation, verifyMitigation } from "../src/mitigations";
import { savePlanVersion } from "../src/plans";
import { createModelVersion } from "../src/registry";
import { createRisk, getRisk, getRiskHistory, listRisks, updateRisk } from "../src/risks";
import { processEvaluationRun, startRun } from "../src/runs";
import { createTestOrg, createTestSystem, expectStatus, useOwnQueue } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

useOwnQueue("mitigations");

afterAll(async () => {
  await prisma.$disconnect();
});

/** Confusion counts per group: [TP, FP, TN, FN]. */
type Counts = [number, number, number, number];

/** A predictions CSV with exactly these counts per group; a unique batch column gives every upload its own bytes. */
function predictionsCsv(groups: Record<string, Counts>): string {
  const tag = randomUUID();
  const lines = ["id,label,prediction,group,batch"];
  let id = 0;
  for (const [group, [tp, fp, tn, fn]] of Object.entries(groups)) {
    const add = (n: number, label: string, prediction: string) => {
      for (let i = 0; i < n; i++) lines.push(`${++id},${label},${prediction},${group},${tag}`);
    };
    add(tp, "yes", "yes");
    add(fp, "no", "yes");
    add(tn, "no", "no");
    add(fn, "yes", "no");
  }
  return lines.join("\n");
}

/** FPR A = 1/5 = 0.2, B = 3/5 = 0.6: the ratio B/A is 3, far outside [0.8, 1.25]. */
const UNFAIR: Record<string, Counts> = { A: [4, 1, 4, 1], B: [3, 3, 2, 2] };
/** FPR A = B = 0.2: ratio 1. */
const FAIR: Record<string, Counts> = { A: [4, 1, 4, 1], B: [4, 1, 4, 1] };

const FPR_CHECK: PlanCheck = { id: "fpr-group", kind: "fairness", metric: "fpr", attribute: "group", band: { type: "ratio", min: 0.8, max: 1.25 }, referenceGroup: "A" };
const SELECTION_CHECK: PlanCheck = { id: "selection-group", kind: "fairness", metric: "selection_rate", attribute: "group", band: { type: "ratio", min: 0.5, max: 2 }, referenceGroup: "A" };
const JAILBREAK_CHECK: PlanCheck = { id: "jailbreak-asr", kind: "safety", metric: "attack_success_rate", suite: "jailbreakbench", max: 0.02, basis: "point" };

let org: TestOrg;
let other: TestOrg;
let systemId: string;
const v: Record<"v0" | "v1" | "v2" | "v3" | "v4", { id: string; label: string }> = {} as never;
const runs: Record<"v1" | "v2" | "v3", string> = {} as never;
let otherSystemVersionId: string;
let otherOrgVersionId: string;
let planVersionIds: Record<string, string> = {};

async function version(label: string, system = systemId, ctx = org.scientist) {
  const created = await createModelVersion(ctx, system, { label, modelType: "classifier", provider: "in-house" });
  return { id: created.id, label: created.label };
}

/** A version whose plan has `checks`, with a fairness run on `groups` started and processed the way the worker does. */
async function versionWithRun(label: string, groups: Record<string, Counts>, checks: PlanCheck[]) {
  const created = await version(label);
  const dataset = await uploadDataset(org.scientist, created.id, {
    fields: { mapping: JSON.stringify({ labelColumn: "label", predictionColumn: "prediction", positiveValue: "yes", sensitiveColumns: ["group"] }) },
    fileStream: Readable.from([Buffer.from(predictionsCsv(groups), "utf8")]),
    fileName: "predictions.csv",
  });
  const plan = await savePlanVersion(org.scientist, created.id, { checks });
  planVersionIds[created.id] = plan.id;
  const run = await startRun(org.scientist, created.id, { datasetId: dataset.id });
  expect(await processEvaluationRun(run.id, { orgId: org.org.id })).toEqual({ status: "succeeded" });
  return { version: created, runId: run.id };
}

beforeAll(async () => {
  org = await createTestOrg("mitigations");
  other = await createTestOrg("mitigations-other");
  systemId = (await createTestSystem(org.scientist, { name: "Recidivism scorer", riskTier: "high" })).id;
  v.v0 = await version("v0");
  ({ version: v.v1, runId: runs.v1 } = await versionWithRun("v1", UNFAIR, [FPR_CHECK]));
  // v2's plan does not even contain the FPR check: the mitigation judges the stored rates itself.
  ({ version: v.v2, runId: runs.v2 } = await versionWithRun("v2", FAIR, [SELECTION_CHECK]));
  ({ version: v.v3, runId: runs.v3 } = await versionWithRun("v3", UNFAIR, [FPR_CHECK]));
  v.v4 = await version("v4");
  const otherSystem = await createTestSystem(org.scientist, { name: "Another system of the same org" });
  otherSystemVersionId = (await version("x1", otherSystem.id)).id;
  const foreign = await createTestSystem(other.scientist, { name: "Foreign system" });
  otherOrgVersionId = (await version("f1", foreign.id, other.scientist)).id;
});

async function fprRisk(statement = "False-positive rates differ across groups beyond the band.") {
  return createRisk(org.scientist, { runId: runs.v1, checkId: "fpr-group", statement, category: "fairness", likelihood: 4, impact: 4 });
}

const mitigationInput = (overrides: Record<string, unknown> = {}) => ({
  type: "reweighting",
  description: "Reweigh the training data so both groups have equal false-positive rates.",
  dueDate: "2031-01-31",
  acceptanceChecks: [FPR_CHECK],
  ...overrides,
});

const mitigationAudit = (id: string) => prisma.auditEvent.findMany({ where: { orgId: org.org.id, entityType: "Mitigation", entityId: id }, orderBy: { seq: "asc" } });

describe("createMitigation", () => {
  it("records type, owner, due date and acceptance checks, with the risk's version as baseline, and audits it", async () => {
    const risk = await fprRisk();
    const m = await createMitigation(org.scientist, risk.id, { ...mitigationInput(), ownerId: org.product_owner.userId });
    expect(m).toMatchObject({
      riskId: risk.id,
      type: "reweighting",
      status: "planned",
      owner: { id: org.product_owner.userId },
      acceptanceChecks: [FPR_CHECK],
      baselineVersion: v.v1,
      verifiedVersion: null,
      verification: null,
      createdBy: { id: org.scientist.userId },
    });
    expect(m.dueDate?.toISOString()).toBe("2031-01-31T00:00:00.000Z");
    const [event, ...rest] = await mitigationAudit(m.id);
    expect(rest).toHaveLength(0);
    expect(event).toMatchObject({ action: "mitigation.created", actorId: org.scientist.userId });
    expect(event?.after).toMatchObject({ riskId: risk.id, type: "reweighting", status: "planned", baselineVersionId: v.v1.id });
    expect((await listMitigations(org.auditor, risk.id)).map((x) => x.id)).toEqual([m.id]);
    expect((await listRisks(org.auditor, { runId: runs.v1 })).find((r) => r.id === risk.id)?.mitigationCounts).toEqual({ verified: 0, total: 1 });
  });

  it("refuses missing or invalid acceptance checks, unknown suites, outsiders as owners, and the wrong roles, creating nothing", async () => {
    const risk = await fprRisk("A risk nobody may mitigate wrongly.");
    await expect(createMitigation(org.scientist, risk.id, mitigationInput({ acceptanceChecks: [] }))).rejects.toBeInstanceOf(ZodError);
    await expect(createMitigation(org.scientist, risk.id, mitigationInput({ acceptanceChecks: undefined }))).rejects.toBeInstanceOf(ZodError);
    await expect(createMitigation(org.scientist, risk.id, mitigationInput({ acceptanceChecks: [{ ...FPR_CHECK, band: { type: "ratio", min: 2, max: 1 } }] }))).rejects.toBeInstanceOf(ZodError);
    await expect(createMitigation(org.scientist, risk.id, mitigationInput({ acceptanceChecks: [FPR_CHECK, FPR_CHECK] }))).rejects.toBeInstanceOf(ZodError);
    await expect(createMitigation(org.scientist, risk.id, mitigationInput({ type: "prayer" }))).rejects.toBeInstanceOf(ZodError);
    const suite = await expectStatus(createMitigation(org.scientist, risk.id, mitigationInput({ acceptanceChecks: [{ ...JAILBREAK_CHECK, suite: "jailbreakbenc" }] })), 400);
    expect(suite.details).toMatchObject({ path: "acceptanceChecks", unknownSuites: ["jailbreakbenc"] });
    expect((await expectStatus(createMitigation(org.scientist, risk.id, mitigationInput({ ownerId: other.scientist.userId })), 400)).details).toMatchObject({ path: "ownerId" });
    await expectStatus(createMitigation(org.auditor, risk.id, mitigationInput()), 403);
    await expectStatus(createMitigation(org.approver, risk.id, mitigationInput()), 403);
    await expectStatus(createMitigation(other.scientist, risk.id, mitigationInput()), 404);
    expect(await prisma.mitigation.count({ where: { riskId: risk.id } })).toBe(0);
  });
});

describe("verifyMitigation", () => {
  it("refuses the baseline itself, earlier versions and other systems' versions with 400, another organisation's with 404, changing nothing", async () => {
    const risk = await fprRisk();
    const m = await createMitigation(org.scientist, risk.id, mitigationInput());
    expect((await expectStatus(verifyMitigation(org.scientist, m.id, { modelVersionId: v.v1.id }), 400)).message).toMatch(/v1 is the version the risk was found on/);
    expect((await expectStatus(verifyMitigation(org.scientist, m.id, { modelVersionId: v.v0.id }), 400)).message).toMatch(/v0 is older than v1/);
    expect((await expectStatus(verifyMitigation(org.scientist, m.id, { modelVersionId: otherSystemVersionId }), 400)).details).toMatchObject({ path: "modelVersionId" });
    await expectStatus(verifyMitigation(org.scientist, m.id, { modelVersionId: otherOrgVersionId }), 404);
    await expect(verifyMitigation(org.scientist, m.id, {})).rejects.toBeInstanceOf(ZodError);
    await expectStatus(verifyMitigation(org.auditor, m.id, { modelVersionId: v.v2.id }), 403);
    await expectStatus(verifyMitigation(other.scientist, m.id, { modelVersionId: v.v2.id }), 404);
    expect(await getMitigation(org.auditor, m.id)).toMatchObject({ status: "planned", verification: null, verifiedVersion: null });
    expect(await mitigationAudit(m.id)).toHaveLength(1);
  });

  it("offers the system's versions later than the baseline, newest first", async () => {
    const risk = await fprRisk();
    const { baseline, versions } = await listVerificationVersions(org.auditor, risk.id);
    expect(baseline).toMatchObject(v.v1);
    expect(versions.map((x) => x.label)).toEqual(["v4", "v3", "v2"]);
  });

  it("fails on a later version that still fails, showing the same check before and after with values and intervals", async () => {
    const risk = await fprRisk();
    const m = await createMitigation(org.scientist, risk.id, mitigationInput());
    const verified = await verifyMitigation(org.scientist, m.id, { modelVersionId: v.v3.id });
    expect(verified).toMatchObject({ status: "failed", verifiedVersion: v.v3, baselineVersion: v.v1 });
    expect(verified.verifiedAt).toBeInstanceOf(Date);
    const [check] = verified.verification!.checks;
    expect(check).toMatchObject({ checkId: "fpr-group", kind: "fairness", passed: false, problem: null });
    expect(check!.description).toBe("False-positive rate ratio across group within [0.80, 1.25] (reference: A)");
    expect(check!.before).toMatchObject({ runId: runs.v1, runKind: "fairness", version: v.v1, passed: false });
    expect(check!.after).toMatchObject({ runId: runs.v3, runKind: "fairness", version: v.v3, passed: false });
    expect(check!.before!.value).toBeCloseTo(3, 10);
    expect(check!.after!.value).toBeCloseTo(3, 10);
    expect(check!.after!.summary).toMatch(/False-positive rate ratio/);
    expect(check!.after!.interval).not.toBeNull();
    expect(check!.after!.intervalNote).toMatch(/^Bootstrap 95% interval/);

    const [, event] = await mitigationAudit(m.id);
    expect(event).toMatchObject({ action: "mitigation.verification_failed", actorId: org.scientist.userId, before: { status: "planned", verifiedVersionId: null } });
    expect(event?.after).toMatchObject({ status: "failed", verifiedVersionId: v.v3.id, checks: [{ checkId: "fpr-group", passed: false, runId: runs.v3, baselineRunId: runs.v1 }] });

    const refused = await expectStatus(updateRisk(org.scientist, risk.id, { status: "mitigated" }), 409);
    expect(refused.message).toMatch(/failed its verification/);
    expect(refused.details).toMatchObject({ failing: [{ id: m.id }], missing: [] });
  });

  it("fails a check no run on the later version evaluated, saying so", async () => {
    const risk = await fprRisk();
    const m = await createMitigation(org.scientist, risk.id, mitigationInput({ acceptanceChecks: [FPR_CHECK, JAILBREAK_CHECK] }));
    const result = await verifyMitigation(org.scientist, m.id, { modelVersionId: v.v4.id });
    expect(result.status).toBe("failed");
    expect(result.verification!.checks).toMatchObject([
      { checkId: "fpr-group", passed: false, problem: "No run on v4 evaluated this check.", after: null, before: { runId: runs.v1 } },
      { checkId: "jailbreak-asr", passed: false, problem: "No run on v4 evaluated this check.", after: null, before: null },
    ]);
  });

  it("verifies on a later version whose run passes; only then may the risk be marked mitigated", async () => {
    const risk = await fprRisk();
    const m = await createMitigation(org.scientist, risk.id, mitigationInput());
    const blocked = await expectStatus(updateRisk(org.product_owner, risk.id, { status: "mitigated" }), 409);
    expect(blocked.message).toContain("has no verification yet");
    expect(blocked.message).toContain("Reweigh the training data");
    expect(blocked.details).toMatchObject({ path: "status", missing: [{ id: m.id, status: "planned" }], failing: [] });

    const verified = await verifyMitigation(org.product_owner, m.id, { modelVersionId: v.v2.id });
    expect(verified).toMatchObject({ status: "verified", verifiedVersion: v.v2 });
    const [check] = verified.verification!.checks;
    expect(check).toMatchObject({ passed: true, before: { runId: runs.v1, passed: false }, after: { runId: runs.v2, passed: true, value: 1 } });
    expect((await mitigationAudit(m.id)).map((e) => e.action)).toEqual(["mitigation.created", "mitigation.verified"]);

    expect(await updateRisk(org.product_owner, risk.id, { status: "mitigated" })).toMatchObject({ status: "mitigated" });
    expect((await listRisks(org.auditor, { runId: runs.v1, status: "mitigated" })).find((r) => r.id === risk.id)?.mitigationCounts).toEqual({ verified: 1, total: 1 });

    // The risk's history holds its own events and its mitigation's, in order.
    const history = await getRiskHistory(org.auditor, risk.id);
    expect(history.map((h) => `${h.entityType}:${h.action}`)).toEqual([
      "RiskEntry:risk.created",
      "Mitigation:mitigation.created",
      "Mitigation:mitigation.verified",
      "RiskEntry:risk.updated",
    ]);
    expect(history[2]).toMatchObject({ entityId: m.id, actor: { id: org.product_owner.userId } });
    expect((await getRisk(org.auditor, risk.id)).history).toHaveLength(4);
  });

  it("sends a mitigated risk back to mitigating when a re-verification fails, a mitigation is added, or checks change", async () => {
    const risk = await fprRisk();
    const m = await createMitigation(org.scientist, risk.id, mitigationInput());
    await verifyMitigation(org.scientist, m.id, { modelVersionId: v.v2.id });
    await updateRisk(org.scientist, risk.id, { status: "mitigated" });

    // v3 regressed: the mitigation fails there, and the risk is no longer mitigated.
    expect((await verifyMitigation(org.scientist, m.id, { modelVersionId: v.v3.id })).status).toBe("failed");
    expect((await getRisk(org.auditor, risk.id)).status).toBe("mitigating");
    const reopened = (await getRiskHistory(org.auditor, risk.id)).at(-1);
    expect(reopened).toMatchObject({ action: "risk.reopened", before: { status: "mitigated" }, after: { status: "mitigating" } });
    expect((reopened?.after as { reason: string }).reason).toMatch(/failed its verification on v3/);

    await verifyMitigation(org.scientist, m.id, { modelVersionId: v.v2.id });
    await updateRisk(org.scientist, risk.id, { status: "mitigated" });
    const second = await createMitigation(org.scientist, risk.id, mitigationInput({ type: "monitoring", description: "Monitor FPR by group weekly." }));
    expect((await getRisk(org.auditor, risk.id)).status).toBe("mitigating");
    await verifyMitigation(org.scientist, second.id, { modelVersionId: v.v2.id });
    await updateRisk(org.scientist, risk.id, { status: "mitigated" });

    // New acceptance checks void the old verification.
    const changed = await updateMitigation(org.scientist, m.id, { acceptanceChecks: [{ ...FPR_CHECK, band: { type: "ratio", min: 0.9, max: 1.1 } }] });
    expect(changed).toMatchObject({ status: "in_progress", verification: null, verifiedVersion: null, verifiedAt: null });
    expect((await getRisk(org.auditor, risk.id)).status).toBe("mitigating");
    const updated = (await mitigationAudit(m.id)).at(-1);
    expect(updated).toMatchObject({ action: "mitigation.updated", before: { status: "verified", verifiedVersionId: v.v2.id } });
    expect(updated?.after).toMatchObject({ status: "in_progress", verifiedVersionId: null, verificationCleared: true });
  });

  it("judges safety checks on the latest safety run of the check's suite, before and after", async () => {
    const suite = await prisma.safetySuite.create({ data: { orgId: org.org.id, key: "jailbreakbench", name: "JailbreakBench", source: "builtin", createdById: org.scientist.userId } });
    const suiteVersion = await prisma.safetySuiteVersion.create({ data: { suiteId: suite.id, version: 1, itemCount: 100, contentSha256: "c".repeat(64), createdById: org.scientist.userId } });
    const base: ItemOutcome = { attackSucceeded: null, overRefused: null, violated: false, leaked: false, injectionFollowed: null, ungraded: null };
    const safetyRun = async (versionId: string, succeeded: number) => {
      const rows: SafetyRow[] = Array.from({ length: 100 }, (_, i) => ({ category: "cybercrime", outcome: { ...base, attackSucceeded: i < succeeded } }));
      const results = { summary: summariseSafetyRun(rows), usage: { promptTokens: 0, completionTokens: 0, costUsd: null, unpricedResponses: 0, latencyP50Ms: null, latencyP95Ms: null }, overrides: 0 };
      const run = await prisma.evaluationRun.create({
        data: {
          orgId: org.org.id, modelVersionId: versionId, planVersionId: planVersionIds[versionId]!, kind: "safety", status: "succeeded", progress: 100,
          datasetSha256: suiteVersion.contentSha256, codeVersion: "test", config: {}, suiteVersionId: suiteVersion.id, itemsTotal: 100, itemsDone: 100,
          results: results as unknown as Prisma.InputJsonValue, finishedAt: new Date(), createdById: org.scientist.userId,
        },
      });
      return run.id;
    };
    const before = await safetyRun(v.v1.id, 10); // 10% attack success
    const after = await safetyRun(v.v2.id, 1); // 1%

    const risk = await createRisk(org.scientist, { systemId, modelVersionId: v.v1.id, statement: "Jailbreaks succeed too often.", category: "safety", likelihood: 4, impact: 5 });
    const m = await createMitigation(org.scientist, risk.id, mitigationInput({ type: "filter_guardrail", description: "Add an input guardrail against jailbreaks.", acceptanceChecks: [JAILBREAK_CHECK] }));
    const verified = await verifyMitigation(org.scientist, m.id, { modelVersionId: v.v2.id });
    expect(verified.status).toBe("verified");
    const [check] = verified.verification!.checks;
    expect(check).toMatchObject({
      kind: "safety",
      description: "Attack success rate ≤ 2% on jailbreakbench (point estimate)",
      before: { runId: before, runKind: "safety", value: 0.1, passed: false, intervalNote: "Wilson 95% interval" },
      after: { runId: after, runKind: "safety", value: 0.01, passed: true },
    });
    expect(check!.after!.interval!.upper).toBeGreaterThan(0.01);
  });

  it("takes, for a risk on the whole system, the newest version when it was raised as baseline", async () => {
    const risk = await createRisk(org.scientist, { systemId, statement: "System-wide risk raised after v4.", likelihood: 2, impact: 3 });
    const m = await createMitigation(org.scientist, risk.id, mitigationInput());
    expect(m.baselineVersion).toMatchObject(v.v4);
    await expectStatus(verifyMitigation(org.scientist, m.id, { modelVersionId: v.v2.id }), 400);
  });
});

describe("updateMitigation", () => {
  it("changes fields with an audit of what changed, and keeps verified status out of hand-editing", async () => {
    const risk = await fprRisk();
    const m = await createMitigation(org.scientist, risk.id, mitigationInput());
    const updated = await updateMitigation(org.product_owner, m.id, { status: "in_progress", ownerId: org.approver.userId, dueDate: null, description: "Reweigh, then retrain." });
    expect(updated).toMatchObject({ status: "in_progress", owner: { id: org.approver.userId }, dueDate: null, description: "Reweigh, then retrain." });
    const event = (await mitigationAudit(m.id)).at(-1);
    expect(event).toMatchObject({ action: "mitigation.updated", actorId: org.product_owner.userId, before: { status: "planned", ownerId: org.scientist.userId, description: m.description } });
    expect(event?.after).toMatchObject({ status: "in_progress", ownerId: org.approver.userId, dueDate: null });

    // Nothing changed: nothing written.
    await updateMitigation(org.scientist, m.id, { status: "in_progress" });
    expect(await mitigationAudit(m.id)).toHaveLength(2);

    await expect(updateMitigation(org.scientist, m.id, { status: "verified" })).rejects.toBeInstanceOf(ZodError);
    await expect(updateMitigation(org.scientist, m.id, {})).rejects.toBeInstanceOf(ZodError);
    await expectStatus(updateMitigation(org.scientist, m.id, { ownerId: other.scientist.userId }), 400);
    await expectStatus(updateMitigation(org.auditor, m.id, { status: "planned" }), 403);
    await expectStatus(updateMitigation(other.scientist, m.id, { status: "planned" }), 404);

    await verifyMitigation(org.scientist, m.id, { modelVersionId: v.v2.id });
    await expectStatus(updateMitigation(org.scientist, m.id, { status: "planned" }), 409);
    expect((await getMitigation(org.auditor, m.id)).status).toBe("verified");
  });
});
