import { AUDIT_GENESIS_HASH, buildAuditSegment, canonicalJson, sha256Hex, type AuditSegment, type Checklist, type Json, type PlanCheck } from "@assay/core";
import {
  prisma,
  type AiSystem,
  type AuditEvent,
  type CheckResult,
  type Dataset,
  type Monitor,
  type MonitorWindow,
  type EvaluationPlanVersion,
  type EvaluationRun,
  type ModelVersion,
  type ReleaseDecision,
  type ReleaseReview,
  type RiskEntry,
  type Tx,
  type Mitigation,
  type Incident,
  type IncidentEvent,
  type CorrectiveAction,
} from "@assay/db";
import { zipSync } from "fflate";
import { slugify } from "../accounts/users";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { notFound } from "../errors";
import { refFor, userRefs, type UserRef } from "../registry/systems";
import { assessReview, type EvidenceException, type EvidenceSnapshot, type SignOffView } from "../reviews";
import { buildDecisionMemo, loadDecisionMemoInput, type DecisionMemoInput } from "./decision-memo";
import { buildDriftReport, type DriftReportInput } from "./drift-report";
import { loadDriftReportInput } from "./drift-window-report";
import { buildSafetyReport, type SafetyReportInput } from "./safety-report";
import { loadSafetyReportInput } from "./safety-run-report";
import { buildFairnessReport, type ReportRun } from "./fairness-report";
import { renderReportMarkdown } from "./report-document";
import { renderReportPdf } from "./report-pdf";
import { renderSummary } from "./summary";

export const EVIDENCE_PACK_FORMAT = "assay-evidence-pack/1";

/**
 * Recorded when a pack is built. Such events are left out of every pack:
 * including them would make each download change the next one, and a pack
 * rebuilt from unchanged evidence must be byte-identical.
 */
export const PACK_GENERATED_ACTION = "evidence_pack.generated";

export type ManifestEntry = { path: string; sha256: string; bytes: number };
export type Manifest = { format: typeof EVIDENCE_PACK_FORMAT; reviewId: string; files: ManifestEntry[] };

export type EvidencePackBuild = {
  fileName: string;
  zip: Uint8Array;
  manifest: Manifest;
  /** SHA-256 of manifest.json as stored in the zip. */
  manifestSha256: string;
};

/**
 * A fixed timestamp for every zip entry, so the archive's bytes depend on the
 * evidence only. Built from local-time parts because fflate writes DOS times
 * from local time: the result is 2000-01-01 00:00 in every server timezone.
 */
const ZIP_ENTRY_MTIME = new Date(2000, 0, 1, 0, 0, 0);

type PackMonitor = {
  monitor: Monitor;
  windows: Array<Pick<MonitorWindow, "windowStart" | "status" | "computedAt" | "codeVersion">>;
  latestReport: DriftReportInput | null;
};

type RunWithResults = EvaluationRun & {
  checkResults: CheckResult[];
  planVersion: { id: string; version: number };
  /** Null for safety runs, which read a suite version. */
  dataset: { id: string; name: string; contentSha256: string } | null;
};

/** Everything the pack shows, read in one consistent snapshot of the database. */
export type PackData = {
  review: ReleaseReview;
  system: AiSystem;
  version: ModelVersion;
  evidenceHash: string;
  evidenceSnapshot: EvidenceSnapshot;
  checklist: Checklist;
  planId: string | null;
  planVersions: Array<EvaluationPlanVersion & { checks: PlanCheck[] }>;
  currentPlanVersion: (EvaluationPlanVersion & { checks: PlanCheck[] }) | null;
  runs: RunWithResults[];
  datasets: Dataset[];
  risks: RiskEntry[];
  /** Every mitigation of those risks, with its verification. */
  mitigations: Mitigation[];
  /** The system's incidents, with their timelines and corrective actions. */
  incidents: Array<Incident & { timeline: IncidentEvent[]; correctiveActions: CorrectiveAction[] }>;
  /** Production monitors of the version, each with its latest evaluated window's drift report. */
  monitors: PackMonitor[];
  /** The safety assessment of every succeeded safety run of the version. */
  safetyReports: SafetyReportInput[];
  signOffs: SignOffView[];
  decision: ReleaseDecision | null;
  auditEvents: AuditEvent[];
  /** The contiguous chain from the first of those events to the last, with anchors (see verifyAuditSegment). */
  auditSegment: AuditSegment;
  /** The decision memo (recommendation, decision, waived gates, dissent, holds). */
  decisionMemo: DecisionMemoInput;
  /** Exceptions of the system that apply to this version, any status. */
  exceptions: EvidenceException[];
  /** Names of every user the pack refers to. */
  users: Map<string, UserRef>;
};

async function collectPackData(tx: Tx, orgId: string, reviewId: string): Promise<PackData> {
  const assessment = await assessReview(tx, reviewId);
  const { evidence } = assessment;
  const { review, system, version } = evidence;

  // Sequential on purpose: a transaction has one connection, which runs one query at a time.
  const decision = await tx.releaseDecision.findUnique({ where: { reviewId } });
  const plan = await tx.evaluationPlan.findFirst({
    where: { orgId, modelVersionId: version.id },
    include: { versions: { orderBy: { version: "asc" } } },
  });
  const runs = await tx.evaluationRun.findMany({
    where: { orgId, modelVersionId: version.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: {
      checkResults: { orderBy: { checkId: "asc" } },
      planVersion: { select: { id: true, version: true } },
      dataset: { select: { id: true, name: true, contentSha256: true } },
    },
  });
  const safetyReports: SafetyReportInput[] = [];
  for (const run of runs.filter((r) => r.kind === "safety" && r.status === "succeeded")) {
    const input = await loadSafetyReportInput(tx, orgId, run.id);
    if (input) safetyReports.push(input);
  }
  const datasets = await tx.dataset.findMany({ where: { orgId, modelVersionId: version.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const decisionMemo = await loadDecisionMemoInput(tx, orgId, reviewId, assessment);
  const risks = await tx.riskEntry.findMany({ where: { orgId, systemId: system.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const mitigations = await tx.mitigation.findMany({
    where: { orgId, riskId: { in: risks.map((r) => r.id) } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const incidents = await tx.incident.findMany({
    where: { orgId, systemId: system.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: {
      timeline: { orderBy: [{ occurredAt: "asc" }, { createdAt: "asc" }, { id: "asc" }] },
      correctiveActions: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  const monitors: PackMonitor[] = [];
  for (const monitor of await tx.monitor.findMany({ where: { orgId, modelVersionId: version.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })) {
    const windows = await tx.monitorWindow.findMany({
      where: { monitorId: monitor.id },
      orderBy: { windowStart: "asc" },
      select: { windowStart: true, status: true, computedAt: true, codeVersion: true },
    });
    const latest = windows.findLast((w) => w.status !== "failed");
    const latestReport = latest ? await loadDriftReportInput(tx, orgId, monitor.id, latest.windowStart) : null;
    monitors.push({ monitor, windows, latestReport });
  }

  const planVersions = (plan?.versions ?? []).map((v) => ({ ...v, checks: v.checks as unknown as PlanCheck[] }));
  const entityIds = [
    system.id,
    version.id,
    review.id,
    ...(plan ? [plan.id, ...plan.versions.map((v) => v.id)] : []),
    ...runs.map((r) => r.id),
    ...datasets.map((d) => d.id),
    ...risks.map((r) => r.id),
    ...mitigations.map((m) => m.id),
    ...incidents.map((i) => i.id),
    ...monitors.map((m) => m.monitor.id),
    ...assessment.signOffs.map((s) => s.id),
    ...(decision ? [decision.id] : []),
    ...evidence.exceptions.map((e) => e.id),
  ];
  const auditEvents = await tx.auditEvent.findMany({
    where: { orgId, entityId: { in: entityIds }, action: { not: PACK_GENERATED_ACTION } },
    orderBy: { seq: "asc" },
  });
  // The chain from the first relevant event to the last, so the pack can be verified offline end to end.
  // It stops at the last relevant event, not the head: later, unrelated events (this pack's own
  // "generated" event among them) must not change a pack rebuilt from unchanged data.
  const relevantIds = new Set(auditEvents.map((e) => e.id));
  const chainFrom = auditEvents[0]?.seq;
  const chainTo = auditEvents.at(-1)?.seq;
  const chainRows =
    chainFrom === undefined ? [] : await tx.auditEvent.findMany({ where: { orgId, seq: { gte: chainFrom, lte: chainTo } }, orderBy: { seq: "asc" } });
  const auditSegment = buildAuditSegment(orgId, chainRows, AUDIT_GENESIS_HASH, (e) => relevantIds.has((e as (typeof chainRows)[number]).id));

  const users = await userRefs([
    review.ownerId,
    review.createdById,
    ...system.ownerIds,
    system.createdById,
    version.createdById,
    ...planVersions.map((v) => v.createdById),
    ...runs.map((r) => r.createdById),
    ...datasets.map((d) => d.createdById),
    ...risks.flatMap((r) => [r.ownerId, r.createdById]),
    ...mitigations.flatMap((m) => [m.ownerId, m.createdById]),
    ...incidents.flatMap((i) => [i.ownerId, i.createdById, ...i.timeline.flatMap((e) => (e.actorId ? [e.actorId] : [])), ...i.correctiveActions.map((c) => c.ownerId)]),
    ...monitors.map((m) => m.monitor.createdById),
    ...assessment.signOffs.map((s) => s.user.id),
    ...(decision ? [decision.decidedById] : []),
    ...evidence.exceptions.flatMap((e) => [e.approverId, e.createdById, ...(e.revokedById ? [e.revokedById] : [])]),
    ...auditEvents.flatMap((e) => (e.actorId ? [e.actorId] : [])),
  ]);

  return {
    review,
    system,
    version,
    evidenceHash: evidence.hash,
    evidenceSnapshot: evidence.snapshot,
    checklist: assessment.checklist,
    planId: plan?.id ?? null,
    planVersions,
    currentPlanVersion: planVersions[planVersions.length - 1] ?? null,
    runs,
    datasets,
    risks,
    mitigations,
    incidents,
    monitors,
    safetyReports,
    signOffs: assessment.signOffs,
    decision,
    auditEvents,
    auditSegment,
    decisionMemo,
    exceptions: evidence.exceptions,
    users,
  };
}

/** JSON with sorted keys and two-space indentation: readable, and identical for identical data. */
export function stableJson(value: unknown): string {
  return `${render(JSON.parse(canonicalJson(value)) as Json, "")}\n`;
}

function render(value: Json, indent: string): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => inner + render(v, inner)).join(",\n")}\n${indent}]`;
  }
  const keys = Object.keys(value).sort();
  if (keys.length === 0) return "{}";
  return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${render(value[k] as Json, inner)}`).join(",\n")}\n${indent}}`;
}

const person = (users: Map<string, UserRef>, id: string) => refFor(users, id);

/** A pack file's content: text is stored as UTF-8, bytes as they are. */
export type PackFileContent = string | Uint8Array;

/** The pack's files (manifest.json aside), path → content. */
export async function renderPackFiles(data: PackData): Promise<Map<string, PackFileContent>> {
  const { users } = data;
  const files = new Map<string, PackFileContent>();

  files.set("system.json", stableJson({
    ...data.system,
    owners: data.system.ownerIds.map((id) => person(users, id)),
    createdBy: person(users, data.system.createdById),
  }));
  files.set("model-version.json", stableJson({ ...data.version, createdBy: person(users, data.version.createdById) }));
  files.set("plan.json", stableJson({
    planId: data.planId,
    modelVersionId: data.version.id,
    currentVersion: data.currentPlanVersion?.version ?? null,
    versions: data.planVersions.map((v) => ({ ...v, createdBy: person(users, v.createdById) })),
  }));
  for (const run of data.runs) {
    files.set(`runs/${run.id}.json`, stableJson({ ...run, createdBy: person(users, run.createdById) }));
    if (run.status === "succeeded" && run.kind === "fairness" && run.dataset) {
      const report: ReportRun = {
        id: run.id,
        datasetName: run.dataset.name,
        datasetSha256: run.datasetSha256,
        planVersion: run.planVersion.version,
        codeVersion: run.codeVersion,
        finishedAt: run.finishedAt,
        // Written by processEvaluationRun; runs are never edited afterwards.
        results: run.results as unknown as ReportRun["results"],
        checkResults: run.checkResults,
      };
      const document = buildFairnessReport(data.system.name, data.version.label, report, data.risks);
      files.set(`runs/${run.id}-fairness-report.md`, renderReportMarkdown(document));
      files.set(`runs/${run.id}-fairness-report.pdf`, await renderReportPdf(document));
    }
  }
  for (const input of data.safetyReports) {
    const document = buildSafetyReport(input);
    files.set(`runs/${input.run.id}-safety-assessment.md`, renderReportMarkdown(document));
    files.set(`runs/${input.run.id}-safety-assessment.pdf`, await renderReportPdf(document));
  }
  files.set("datasets.json", stableJson(data.datasets.map((d) => ({ ...d, createdBy: person(users, d.createdById) }))));
  for (const { monitor, windows, latestReport } of data.monitors) {
    files.set(`monitors/${monitor.id}.json`, stableJson({ ...monitor, createdBy: person(users, monitor.createdById), windows }));
    if (latestReport) {
      const stem = `monitors/${monitor.id}-${latestReport.window.start.toISOString().replace(/[:.]/g, "-")}-drift-report`;
      const document = buildDriftReport(latestReport);
      files.set(`${stem}.md`, renderReportMarkdown(document));
      files.set(`${stem}.pdf`, await renderReportPdf(document));
    }
  }
  files.set("risks.json", stableJson(data.risks.map((r) => ({
    ...r,
    owner: person(users, r.ownerId),
    createdBy: person(users, r.createdById),
    // Each mitigation with its acceptance checks and the before/after verification that decided it.
    mitigations: data.mitigations.filter((m) => m.riskId === r.id).map((m) => ({ ...m, owner: person(users, m.ownerId), createdBy: person(users, m.createdById) })),
  }))));
  files.set("incidents.json", stableJson(data.incidents.map((i) => ({
    ...i,
    owner: person(users, i.ownerId),
    createdBy: person(users, i.createdById),
    timeline: i.timeline.map((e) => ({ ...e, actor: e.actorId ? person(users, e.actorId) : null })),
    correctiveActions: i.correctiveActions.map((c) => ({ ...c, owner: person(users, c.ownerId) })),
  }))));
  files.set("review.json", stableJson({
    ...data.review,
    owner: person(users, data.review.ownerId),
    evidenceHash: data.evidenceHash,
    // sha256(canonicalJson(evidenceSnapshot)) === evidenceHash: what sign-offs bind to.
    evidenceSnapshot: data.evidenceSnapshot,
    checklist: data.checklist,
  }));
  files.set("signoffs.json", stableJson(data.signOffs));
  files.set("decision.json", stableJson(
    data.decision
      ? { ...data.decision, decidedBy: person(users, data.decision.decidedById), evidenceChanged: data.decision.evidenceHash !== data.evidenceHash }
      : null,
  ));
  files.set("audit-chain.json", stableJson(data.auditSegment));
  files.set("audit-events.json", stableJson({
    events: data.auditEvents.map((e) => ({
      id: e.id,
      orgId: e.orgId,
      seq: e.seq,
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: e.before,
      after: e.after,
      createdAt: e.createdAt,
      prevHash: e.prevHash,
      hash: e.hash,
    })),
    actors: Object.fromEntries(
      [...new Set(data.auditEvents.flatMap((e) => (e.actorId ? [e.actorId] : [])))].sort().map((id) => [id, person(users, id).name]),
    ),
  }));
  files.set("summary.md", renderSummary(data));
  const memo = buildDecisionMemo(data.decisionMemo);
  files.set("decision-memo.md", renderReportMarkdown(memo));
  files.set("decision-memo.pdf", await renderReportPdf(memo));
  // `expired` as judged when the pack was built (the snapshot's view), whatever the expiry job has marked.
  const judged = new Map(data.evidenceSnapshot.exceptions.map((e) => [e.id, e]));
  files.set("exceptions.json", stableJson(data.exceptions.map(({ approverName: _approverName, ...e }: EvidenceException) => ({
    ...e,
    approver: person(users, e.approverId),
    requestedBy: person(users, e.createdById),
    revokedBy: e.revokedById ? person(users, e.revokedById) : null,
    effectiveStatus: judged.get(e.id)?.status ?? e.status,
    expired: judged.get(e.id)?.expired ?? false,
  }))));
  return files;
}

const encoder = new TextEncoder();

/** Pure: the same files always give the same manifest and the same zip bytes. */
export function assemblePack(reviewId: string, files: ReadonlyMap<string, PackFileContent>): { zip: Uint8Array; manifest: Manifest; manifestSha256: string } {
  const paths = [...files.keys()].sort();
  const bytes = new Map(paths.map((p) => {
    const content = files.get(p)!;
    return [p, typeof content === "string" ? encoder.encode(content) : content] as const;
  }));
  const manifest: Manifest = {
    format: EVIDENCE_PACK_FORMAT,
    reviewId,
    files: paths.map((path) => ({ path, sha256: sha256Hex(bytes.get(path)!), bytes: bytes.get(path)!.byteLength })),
  };
  const manifestBytes = encoder.encode(stableJson(manifest));
  const entries: Record<string, Uint8Array> = {};
  for (const path of [...paths, "manifest.json"].sort()) entries[path] = path === "manifest.json" ? manifestBytes : bytes.get(path)!;
  const zip = zipSync(entries, { level: 6, mtime: ZIP_ENTRY_MTIME });
  return { zip, manifest, manifestSha256: sha256Hex(manifestBytes) };
}

export function evidencePackFileName(system: Pick<AiSystem, "name">, version: Pick<ModelVersion, "label">, reviewId: string): string {
  return `assay-evidence-${slugify(system.name)}-${slugify(version.label)}-${reviewId}.zip`;
}

/**
 * Builds the evidence pack of a review: every record the decision rests on,
 * their audit events, a readable summary and a manifest of SHA-256 hashes.
 * Each build is recorded (who, when, which manifest) in the audit trail.
 */
export async function buildEvidencePack(ctx: ServiceContext, reviewId: string): Promise<EvidencePackBuild> {
  assertCan(ctx, "evidence.download");
  const review = await prisma.releaseReview.findFirst({ where: { id: reviewId, orgId: ctx.orgId }, select: { id: true } });
  if (!review) throw notFound("Review");

  // Repeatable read: every file describes the same moment, even while others write.
  const data = await prisma.$transaction((tx) => collectPackData(tx, ctx.orgId, review.id), {
    isolationLevel: "RepeatableRead",
    timeout: 30_000,
  });
  const { zip, manifest, manifestSha256 } = assemblePack(review.id, await renderPackFiles(data));

  await mutate(ctx, async (tx, record) => {
    const pack = await tx.evidencePack.create({
      data: { orgId: ctx.orgId, reviewId: review.id, manifestSha256, generatedById: ctx.userId },
    });
    await record({
      action: PACK_GENERATED_ACTION,
      entityType: "ReleaseReview",
      entityId: review.id,
      after: { evidencePackId: pack.id, manifestSha256, evidenceHash: data.evidenceHash, files: manifest.files.length },
    });
  });

  return { fileName: evidencePackFileName(data.system, data.version, review.id), zip, manifest, manifestSha256 };
}
