import { prisma, type Prisma } from "@assay/db";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { savePlanVersion } from "../src/plans";
import { createModelVersion, createSystem } from "../src/registry";
import { openReview } from "../src/reviews";
import {
  addRiskLink,
  createRisk,
  getRisk,
  getRiskHeatmaps,
  getRiskHistory,
  listRiskLinkCandidates,
  listRiskLinks,
  listRisks,
  listRisksForVersion,
  removeRiskLink,
  updateRisk,
} from "../src/risks";
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

  it("closing a risk that was neither mitigated nor accepted takes someone who may accept it", async () => {
    const risk = await createRisk(org.scientist, { systemId, statement: "A risk someone would like gone.", likelihood: 4, impact: 4 });
    const error = await expectStatus(updateRisk(org.scientist, risk.id, { status: "closed" }), 403);
    expect(error.message).toMatch(/approver or a product owner/);
    expect((await getRisk(org.auditor, risk.id)).status).toBe("open");
    expect((await updateRisk(org.product_owner, risk.id, { status: "closed" })).status).toBe("closed");
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

describe("category, controls and residual scores", () => {
  it("are stored on creation, residual severity from the same matrix, and default to other / none", async () => {
    const risk = await createRisk(org.scientist, {
      systemId,
      statement: "Unequal false-positive rates across race.",
      category: "fairness",
      controls: "Human review of every high score.",
      likelihood: 4,
      impact: 4,
      residualLikelihood: 2,
      residualImpact: 3,
    });
    expect(risk).toMatchObject({ category: "fairness", controls: "Human review of every high score.", severity: "critical", residualLikelihood: 2, residualImpact: 3, residualSeverity: "medium" });
    const plain = await createRisk(org.scientist, { systemId, statement: "A risk with defaults only.", likelihood: 2, impact: 2 });
    expect(plain).toMatchObject({ category: "other", controls: "", residualLikelihood: null, residualImpact: null, residualSeverity: null });
    const [created] = await auditOf(risk.id);
    expect(created?.after).toMatchObject({ category: "fairness", residualSeverity: "medium" });
  });

  it("refuse half a residual assessment and unknown categories, changing nothing", async () => {
    const base = { systemId, statement: "Half-assessed residual risk.", likelihood: 3, impact: 3 };
    await expect(createRisk(org.scientist, { ...base, residualLikelihood: 2 })).rejects.toBeInstanceOf(ZodError);
    await expect(createRisk(org.scientist, { ...base, category: "vibes" })).rejects.toBeInstanceOf(ZodError);
    await expect(createRisk(org.scientist, { ...base, residualLikelihood: 0, residualImpact: 2 })).rejects.toBeInstanceOf(ZodError);
    expect(await prisma.riskEntry.count({ where: { orgId: org.org.id, statement: base.statement } })).toBe(0);

    const risk = await createRisk(org.scientist, { ...base, statement: "Residual set later." });
    expect((await expectStatus(updateRisk(org.scientist, risk.id, { residualLikelihood: 2 }), 400)).details).toMatchObject({ path: "residualImpact" });
    const assessed = await updateRisk(org.scientist, risk.id, { residualLikelihood: 2, residualImpact: 2, controls: "Threshold raised.", category: "reliability" });
    expect(assessed).toMatchObject({ residualSeverity: "low", controls: "Threshold raised.", category: "reliability" });
    // One score alone may change once both are set; clearing needs both.
    expect(await updateRisk(org.scientist, risk.id, { residualImpact: 5 })).toMatchObject({ residualLikelihood: 2, residualImpact: 5, residualSeverity: "high" });
    await expectStatus(updateRisk(org.scientist, risk.id, { residualImpact: null }), 400);
    expect(await updateRisk(org.scientist, risk.id, { residualLikelihood: null, residualImpact: null })).toMatchObject({ residualSeverity: null });

    const events = await auditOf(risk.id);
    expect(events.map((e) => e.action)).toEqual(["risk.created", "risk.updated", "risk.updated", "risk.updated"]);
    expect(events[1]?.before).toEqual({ category: "other", controls: "", residualLikelihood: null, residualImpact: null, residualSeverity: null });
    expect(events[1]?.after).toEqual({ category: "reliability", controls: "Threshold raised.", residualLikelihood: 2, residualImpact: 2, residualSeverity: "low" });
  });
});

describe("status transitions", () => {
  it("refuse 'mitigated' for a risk without mitigations (409), on creation too", async () => {
    const risk = await createRisk(org.scientist, { systemId, statement: "Nothing has been done about this yet.", likelihood: 3, impact: 3 });
    const error = await expectStatus(updateRisk(org.scientist, risk.id, { status: "mitigated" }), 409);
    expect(error.message).toMatch(/it has none/);
    await expectStatus(createRisk(org.scientist, { systemId, statement: "Born mitigated, allegedly.", likelihood: 2, impact: 2, status: "mitigated" }), 409);
    expect((await getRisk(org.auditor, risk.id)).status).toBe("open");
    expect(await auditOf(risk.id)).toHaveLength(1);
  });

  it("let only an approver or a product owner accept a risk; an approver may do nothing else", async () => {
    const risk = await createRisk(org.scientist, { systemId, statement: "Residual calibration gap we may live with.", likelihood: 2, impact: 2 });
    const refused = await expectStatus(updateRisk(org.scientist, risk.id, { status: "accepted" }), 403);
    expect(refused.message).toMatch(/approver or a product owner/);
    await expectStatus(createRisk(org.scientist, { systemId, statement: "Accepted from the start.", likelihood: 1, impact: 1, status: "accepted" }), 403);
    await expectStatus(updateRisk(org.approver, risk.id, { status: "accepted", likelihood: 1 }), 403);
    await expectStatus(updateRisk(org.approver, risk.id, { status: "closed" }), 403);
    await expectStatus(updateRisk(org.auditor, risk.id, { status: "accepted" }), 403);
    expect(await updateRisk(org.approver, risk.id, { status: "accepted" })).toMatchObject({ status: "accepted" });
    const events = await auditOf(risk.id);
    expect(events.at(-1)).toMatchObject({ action: "risk.updated", actorId: org.approver.userId, before: { status: "open" }, after: { status: "accepted" } });

    const other = await createRisk(org.product_owner, { systemId, statement: "Accepted by the product owner at once.", likelihood: 1, impact: 1, status: "accepted" });
    expect(other.status).toBe("accepted");
  });
});

describe("links", () => {
  it("link runs, findings, incidents and reviews of the organisation, audited, and refuse anything else", async () => {
    const risk = await createRisk(org.scientist, { systemId, statement: "A risk with evidence around it.", likelihood: 3, impact: 3 });
    const campaign = await prisma.redTeamCampaign.create({ data: { orgId: org.org.id, modelVersionId: versionId, name: "Spring campaign", createdById: org.scientist.userId } });
    const attempt = await prisma.redTeamAttempt.create({
      data: { orgId: org.org.id, campaignId: campaign.id, messages: [], response: "Sure, here is how…", succeeded: true, severity: "high", exploitability: 4, category: "jailbreak", createdById: org.scientist.userId },
    });
    const incident = await prisma.incident.create({ data: { orgId: org.org.id, title: "Complaint about scores", severity: "medium", source: "user_report", ownerId: org.scientist.userId, createdById: org.scientist.userId } });
    const review = await openReview(org.product_owner, { modelVersionId: versionId, title: "v1 release" });

    // The picker offers the system's runs, findings, reviews and incidents (of the system or of none).
    const offered = await listRiskLinkCandidates(org.auditor, risk.id);
    expect(offered.map((c) => `${c.kind}:${c.targetId}`)).toEqual(expect.arrayContaining([`run:${runId}`, `finding:${attempt.id}`, `incident:${incident.id}`, `review:${review.id}`]));
    expect(offered.some((c) => c.targetId === otherRunId)).toBe(false);

    const runLink = await addRiskLink(org.scientist, risk.id, { kind: "run", targetId: runId });
    expect(runLink).toMatchObject({ kind: "run", targetId: runId, target: { runKind: "fairness" }, createdBy: { id: org.scientist.userId } });
    expect(runLink.target?.label).toMatch(/^Fairness run on v1/);
    const findingLink = await addRiskLink(org.product_owner, risk.id, { kind: "finding", targetId: attempt.id });
    expect(findingLink.target).toMatchObject({ campaignId: campaign.id });
    expect(findingLink.target?.label).toMatch(/jailbreak .*Spring campaign/);
    await addRiskLink(org.scientist, risk.id, { kind: "incident", targetId: incident.id });
    await addRiskLink(org.scientist, risk.id, { kind: "review", targetId: review.id });

    // Not in this organisation, or not of that kind: a clear 400. Twice: 409. Roles: 403.
    expect((await expectStatus(addRiskLink(org.scientist, risk.id, { kind: "run", targetId: otherRunId }), 400)).details).toMatchObject({ path: "targetId" });
    await expectStatus(addRiskLink(org.scientist, risk.id, { kind: "incident", targetId: runId }), 400);
    await expectStatus(addRiskLink(org.scientist, risk.id, { kind: "run", targetId: runId }), 409);
    await expect(addRiskLink(org.scientist, risk.id, { kind: "dataset", targetId: runId })).rejects.toBeInstanceOf(ZodError);
    await expectStatus(addRiskLink(org.auditor, risk.id, { kind: "run", targetId: runId }), 403);
    await expectStatus(addRiskLink(other.scientist, risk.id, { kind: "run", targetId: otherRunId }), 404);

    const detail = await getRisk(org.auditor, risk.id);
    expect(detail.links.map((l) => l.kind)).toEqual(["run", "finding", "incident", "review"]);
    expect(detail.links[2]?.target?.label).toBe("Incident: Complaint about scores (open)");
    expect(detail.links[3]?.target?.label).toMatch(/^Release review: v1 release/);

    await expectStatus(removeRiskLink(org.auditor, risk.id, runLink.id), 403);
    await removeRiskLink(org.scientist, risk.id, runLink.id);
    await expectStatus(removeRiskLink(org.scientist, risk.id, runLink.id), 404);
    expect((await listRiskLinks(org.auditor, risk.id)).map((l) => l.kind)).toEqual(["finding", "incident", "review"]);
    // Linked targets are no longer offered; the unlinked run is again.
    const left = (await listRiskLinkCandidates(org.auditor, risk.id)).map((c) => `${c.kind}:${c.targetId}`);
    expect(left).toContain(`run:${runId}`);
    expect(left).not.toContain(`incident:${incident.id}`);

    const history = await getRiskHistory(org.auditor, risk.id);
    expect(history.map((h) => h.action)).toEqual(["risk.created", "risk.link_added", "risk.link_added", "risk.link_added", "risk.link_added", "risk.link_removed"]);
    expect(history[5]).toMatchObject({ entityType: "RiskEntry", actor: { id: org.scientist.userId }, before: { linkId: runLink.id, kind: "run", targetId: runId } });
    await expectStatus(getRiskHistory(other.auditor, risk.id), 404);
  });
});

describe("register filters and heat map", () => {
  it("filter by tier, category, severity, overdue and heat-map cell, and count risks per cell on both scales", async () => {
    const local = await createTestOrg("risk-filters");
    const high = await seedSystemWithRun(local, "High-tier system");
    const low = await createTestSystem(local.scientist, { name: "Low-tier system", riskTier: "low" });
    const a = await createRisk(local.scientist, { systemId: high.systemId, statement: "Fairness gap on the high-tier system.", category: "fairness", likelihood: 4, impact: 4, residualLikelihood: 2, residualImpact: 2, dueDate: "2020-01-01" });
    const b = await createRisk(local.scientist, { systemId: high.systemId, statement: "Privacy leak on the high-tier system.", category: "privacy", likelihood: 4, impact: 4, dueDate: "2999-01-01" });
    const c = await createRisk(local.scientist, { systemId: low.id, statement: "Reliability issue on the low-tier system.", category: "reliability", likelihood: 1, impact: 2, residualLikelihood: 1, residualImpact: 1, dueDate: "2020-01-01", status: "closed" });
    const ids = (risks: Array<{ id: string }>) => risks.map((r) => r.id).sort();

    expect(ids(await listRisks(local.auditor, { tier: "high" }))).toEqual(ids([a, b]));
    expect(ids(await listRisks(local.auditor, { tier: "low,medium" }))).toEqual(ids([c]));
    expect(ids(await listRisks(local.auditor, { category: "fairness,privacy" }))).toEqual(ids([a, b]));
    expect(ids(await listRisks(local.auditor, { severity: "critical" }))).toEqual(ids([a, b]));
    expect(ids(await listRisks(local.auditor, { severity: "low" }))).toEqual(ids([c]));
    // Overdue: due in the past and still open or mitigating; the closed one is late but not overdue.
    expect(ids(await listRisks(local.auditor, { overdue: "true" }))).toEqual(ids([a]));
    expect(ids(await listRisks(local.auditor, { overdue: "true", status: "closed" }))).toEqual([]);
    expect(ids(await listRisks(local.auditor, { overdue: "false" }))).toEqual(ids([a, b, c]));
    expect(ids(await listRisks(local.auditor, { likelihood: "4", impact: "4" }))).toEqual(ids([a, b]));
    expect(ids(await listRisks(local.auditor, { residualLikelihood: "2", residualImpact: "2" }))).toEqual(ids([a]));
    // Empty values from a form mean "no filter".
    expect(ids(await listRisks(local.auditor, { systemId: "", category: "", likelihood: "" }))).toEqual(ids([a, b, c]));
    await expect(listRisks(local.auditor, { severity: "huge" })).rejects.toBeInstanceOf(ZodError);
    await expect(listRisks(local.auditor, { likelihood: "6" })).rejects.toBeInstanceOf(ZodError);
    await expect(listRisks(local.auditor, { overdue: "maybe" })).rejects.toBeInstanceOf(ZodError);

    const summary = (await listRisks(local.auditor, { tier: "high" })).find((r) => r.id === a.id);
    expect(summary).toMatchObject({ system: { riskTier: "high" }, residualSeverity: "low", overdue: true, mitigationCounts: { verified: 0, total: 0 } });

    const maps = await getRiskHeatmaps(local.auditor, { likelihood: "1", impact: "1" });
    expect(maps.total).toBe(3);
    const cell = (rows: typeof maps.inherent.rows, l: number, i: number) => rows.flat().find((x) => x.likelihood === l && x.impact === i)?.count;
    expect(cell(maps.inherent.rows, 4, 4)).toBe(2);
    expect(cell(maps.inherent.rows, 1, 2)).toBe(1);
    expect(cell(maps.residual.rows, 2, 2)).toBe(1);
    expect(cell(maps.residual.rows, 1, 1)).toBe(1);
    expect(maps.residual).toMatchObject({ placed: 2, unscored: 1 });
    expect((await getRiskHeatmaps(local.auditor, { tier: "low" })).inherent.placed).toBe(1);
  });
});
