import { prisma, type Prisma } from "@assay/db";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { savePlanVersion } from "../src/plans";
import { createModelVersion, createSystem } from "../src/registry";
import { createRisk, getRisk, listRisks, listRisksForVersion, updateRisk } from "../src/risks";
import { createTestOrg, createTestSystem, expectStatus } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

let org: TestOrg;
let other: TestOrg;
let systemId: string;
let versionId: string;
let runId: string;
let otherSystemId: string;
let otherRunId: string;


/** A system with a version, a plan and a finished run whose "fpr-race" check failed. */
async function seedSystemWithRun(o: TestOrg, name: string) {
  const system = await createSystem(o.scientist, {
    name,
    purpose: "Scores defendants for recidivism risk.",
    intendedUse: "Decision support for pre-trial officers.",
    prohibitedUses: "",
    ownerIds: [o.scientist.userId],
    riskTier: "high",
    lifecycleStage: "pilot",
  });
  const version = await createModelVersion(o.scientist, system.id, { label: "v1", modelType: "classifier", provider: "in-house" });
  const plan = await savePlanVersion(o.scientist, version.id, {
    checks: [{ id: "fpr-race", kind: "fairness", metric: "fpr", attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 } }],
  });
  const dataset = await prisma.dataset.create({
    data: {
      orgId: o.org.id, modelVersionId: version.id, name: "predictions", fileName: "p.csv", format: "csv", contentSha256: "a".repeat(64),
      sizeBytes: 100n, rowCount: 10, columns: [] as Prisma.InputJsonValue, labelColumn: "y", predictionColumn: "p", positiveValue: "1",
      sensitiveColumns: ["race"], createdById: o.scientist.userId,
    },
  });
  const run = await prisma.evaluationRun.create({
    data: {
      orgId: o.org.id, modelVersionId: version.id, datasetId: dataset.id, planVersionId: plan.id, kind: "fairness", status: "succeeded",
      progress: 100, datasetSha256: dataset.contentSha256, codeVersion: "test", config: {}, finishedAt: new Date(), createdById: o.scientist.userId,
      checkResults: { create: [{ checkId: "fpr-race", passed: false, value: 1.9, summary: "FPR ratio 1.9 outside [0.8, 1.25]", details: {} }] },
    },
  });
  return { systemId: system.id, versionId: version.id, runId: run.id };
}

beforeAll(async () => {
  org = await createTestOrg("risks");
  other = await createTestOrg("risks-other");
  ({ systemId, versionId, runId } = await seedSystemWithRun(org, "Recidivism scorer"));
  ({ systemId: otherSystemId, runId: otherRunId } = await seedSystemWithRun(other, "Other tenant's scorer"));
});

const auditOf = (entityId: string) =>
  prisma.auditEvent.findMany({ where: { orgId: org.org.id, entityType: "RiskEntry", entityId }, orderBy: { seq: "asc" } });

describe("raising a risk", () => {
  it("by hand derives severity from likelihood × impact, defaults the owner to the author, and audits the creation", async () => {
    const risk = await createRisk(org.product_owner, {
      systemId,
      modelVersionId: versionId,
      statement: "Scores may be used for sentencing, which is a prohibited use.",
      likelihood: 3,
      impact: 4,
      dueDate: "2031-05-01",
    });
    expect(risk).toMatchObject({ systemId, modelVersionId: versionId, runId: null, severity: "high", status: "open", ownerId: org.product_owner.userId });
    expect(risk.dueDate?.toISOString()).toBe("2031-05-01T00:00:00.000Z");

    const [event, ...rest] = await auditOf(risk.id);
    expect(rest).toHaveLength(0);
    expect(event).toMatchObject({ action: "risk.created", actorId: org.product_owner.userId, before: null });
    expect(event?.after).toMatchObject({ statement: risk.statement, likelihood: 3, impact: 4, severity: "high", ownerId: org.product_owner.userId });
  });

  it("from a run takes system and version from the run and links the failed check", async () => {
    const risk = await createRisk(org.scientist, {
      runId,
      checkId: "fpr-race",
      statement: "False-positive rates differ across race beyond the acceptance band.",
      likelihood: 1,
      impact: 1,
      ownerId: org.approver.userId,
    });
    expect(risk).toMatchObject({ systemId, modelVersionId: versionId, runId, checkId: "fpr-race", severity: "low", ownerId: org.approver.userId });
  });

  it("refuses inconsistent links, unknown checks, owners from outside the organisation and out-of-range scores", async () => {
    const base = { statement: "A risk statement long enough.", likelihood: 2, impact: 2 };
    const wrongSystem = await createTestSystem(org.scientist, { name: "Unrelated system", purpose: "p", intendedUse: "u", ownerIds: [org.scientist.userId], riskTier: "low", lifecycleStage: "ideation" });
    expect((await expectStatus(createRisk(org.scientist, { ...base, runId, systemId: wrongSystem.id }), 400)).details).toMatchObject({ path: "systemId" });
    expect((await expectStatus(createRisk(org.scientist, { ...base, runId, checkId: "tpr-sex" }), 400)).details).toMatchObject({ path: "checkId" });
    await expectStatus(createRisk(org.scientist, { ...base, systemId: wrongSystem.id, modelVersionId: versionId }), 400);
    expect((await expectStatus(createRisk(org.scientist, { ...base, systemId, ownerId: other.scientist.userId }), 400)).details).toMatchObject({ path: "ownerId" });
    await expect(createRisk(org.scientist, { ...base, systemId, likelihood: 6 })).rejects.toBeInstanceOf(ZodError);
    await expect(createRisk(org.scientist, { ...base })).rejects.toBeInstanceOf(ZodError);
    await expect(createRisk(org.scientist, { ...base, systemId, checkId: "fpr-race" })).rejects.toBeInstanceOf(ZodError);
  });

  it("is refused to roles without risk.write, and another organisation's system or run reads as absent", async () => {
    const input = { systemId, statement: "Auditors change nothing.", likelihood: 2, impact: 2 };
    await expectStatus(createRisk(org.auditor, input), 403);
    await expectStatus(createRisk(org.approver, input), 403);
    await expectStatus(createRisk(org.scientist, { ...input, systemId: otherSystemId }), 404);
    await expectStatus(createRisk(org.scientist, { runId: otherRunId, statement: "Not ours to link.", likelihood: 2, impact: 2 }), 404);
    expect(await prisma.riskEntry.count({ where: { orgId: org.org.id, statement: input.statement } })).toBe(0);
  });
});

describe("updating a risk", () => {
  it("re-derives severity and records only what changed, before and after", async () => {
    const risk = await createRisk(org.scientist, { systemId, statement: "Calibration drifts for small groups.", likelihood: 2, impact: 2 });
    expect(risk.severity).toBe("low");
    const updated = await updateRisk(org.product_owner, risk.id, { likelihood: 5, impact: 5, status: "mitigating", statement: risk.statement });
    expect(updated).toMatchObject({ likelihood: 5, impact: 5, severity: "critical", status: "mitigating" });

    const events = await auditOf(risk.id);
    expect(events.map((e) => e.action)).toEqual(["risk.created", "risk.updated"]);
    expect(events[1]?.actorId).toBe(org.product_owner.userId);
    expect(events[1]?.before).toEqual({ likelihood: 2, impact: 2, status: "open", severity: "low" });
    expect(events[1]?.after).toEqual({ likelihood: 5, impact: 5, status: "mitigating", severity: "critical" });

    // Nothing changed: nothing written.
    await updateRisk(org.scientist, risk.id, { status: "mitigating" });
    expect(await auditOf(risk.id)).toHaveLength(2);

    const cleared = await updateRisk(org.scientist, risk.id, { dueDate: "2030-01-02", ownerId: org.approver.userId });
    expect(cleared).toMatchObject({ ownerId: org.approver.userId });
    const removed = await updateRisk(org.scientist, risk.id, { dueDate: null });
    expect(removed.dueDate).toBeNull();

    const detail = await getRisk(org.auditor, risk.id);
    expect(detail.history.map((h) => h.action)).toEqual(["risk.created", "risk.updated", "risk.updated", "risk.updated"]);
    expect(detail.history[1]?.actor?.name).toBe(`product_owner ${org.org.slug}`);
    expect(detail.owner.id).toBe(org.approver.userId);
    expect(detail.createdBy.id).toBe(org.scientist.userId);
  });

  it("is refused to the auditor and answers 404 for another organisation", async () => {
    const risk = await createRisk(org.scientist, { systemId, statement: "A risk the auditor may only read.", likelihood: 2, impact: 3 });
    await expectStatus(updateRisk(org.auditor, risk.id, { status: "closed" }), 403);
    await expectStatus(updateRisk(other.scientist, risk.id, { status: "closed" }), 404);
    await expectStatus(getRisk(other.auditor, risk.id), 404);
    expect((await getRisk(org.auditor, risk.id)).status).toBe("open");
  });
});

describe("the risk register", () => {
  it("filters by system, version, run and status, and flags overdue risks that are still open", async () => {
    const local = await createTestOrg("risk-register");
    const seeded = await seedSystemWithRun(local, "Register system");
    const v2 = await createModelVersion(local.scientist, seeded.systemId, { label: "v2", modelType: "classifier", provider: "in-house" });
    const overdue = await createRisk(local.scientist, { systemId: seeded.systemId, statement: "Overdue and still open.", likelihood: 4, impact: 4, dueDate: "2020-01-01" });
    const lateButClosed = await createRisk(local.scientist, { systemId: seeded.systemId, statement: "Late, but closed.", likelihood: 1, impact: 1, dueDate: "2020-01-01", status: "closed" });
    const fromRun = await createRisk(local.scientist, { runId: seeded.runId, checkId: "fpr-race", statement: "Raised from the run.", likelihood: 3, impact: 4 });
    const onV2 = await createRisk(local.scientist, { systemId: seeded.systemId, modelVersionId: v2.id, statement: "Only about v2.", likelihood: 2, impact: 2 });

    const all = await listRisks(local.auditor);
    expect(all.map((r) => r.id).sort()).toEqual([overdue.id, lateButClosed.id, fromRun.id, onV2.id].sort());
    // Active risks first, most severe first.
    expect(all[0]?.id).toBe(overdue.id);
    expect(all.at(-1)?.id).toBe(lateButClosed.id);
    expect(all.find((r) => r.id === overdue.id)?.overdue).toBe(true);
    expect(all.find((r) => r.id === lateButClosed.id)?.overdue).toBe(false);
    expect(all.find((r) => r.id === fromRun.id)).toMatchObject({ overdue: false, system: { name: "Register system" }, modelVersion: { label: "v1" } });

    expect((await listRisks(local.auditor, { status: "closed" })).map((r) => r.id)).toEqual([lateButClosed.id]);
    expect((await listRisks(local.auditor, { status: "open,mitigating" })).map((r) => r.id)).not.toContain(lateButClosed.id);
    expect((await listRisks(local.auditor, { versionId: seeded.versionId })).map((r) => r.id)).toEqual([fromRun.id]);
    expect((await listRisks(local.auditor, { runId: seeded.runId })).map((r) => r.id)).toEqual([fromRun.id]);
    expect(await listRisks(local.auditor, { systemId: systemId })).toEqual([]);
    await expect(listRisks(local.auditor, { status: "resolved" })).rejects.toBeInstanceOf(ZodError);

    // A version's risks: its own and the system-wide ones, not a sibling version's.
    const forV1 = (await listRisksForVersion(local.auditor, seeded.versionId)).map((r) => r.id);
    expect(forV1.sort()).toEqual([overdue.id, lateButClosed.id, fromRun.id].sort());
    await expectStatus(listRisksForVersion(org.auditor, seeded.versionId), 404);
  });
});
