import {
  describeSafetyCheck,
  exceptionLapsed,
  hashCanonical,
  RATE_METRIC_LABELS,
  type ChecklistException,
  type ChecklistInput,
  type PlanCheck,
  type RequiredEvaluation,
  type Role,
  type Severity,
  type TierPolicy,
} from "@assay/core";
import { type AiSystem, type ModelVersion, type ReleaseReview, type ReviewHold, type RiskEntry, type RiskException, type Tx } from "@assay/db";
import { notFound } from "../errors";
import { tierPolicyFor } from "../governance/tier-policies";
import { currentPlanVersion } from "../plans";
import { ACTIVE_RISK_STATUSES } from "../risks/schemas";

/**
 * Bumped whenever the snapshot's shape changes, so old and new hashes are never compared as equals by accident.
 * 2: tier policy, owners, monitors, holds and exceptions.
 * 3: what a risk says (statement, category, residual severity) instead of when its row was last touched, and no
 *    system update time: an edit that changes nothing a signer relied on no longer makes sign-offs stale.
 */
export const EVIDENCE_SNAPSHOT_FORMAT = "assay.review-evidence/3";

export type EvidenceCheckRun = {
  runId: string;
  datasetSha256: string;
  codeVersion: string;
  finishedAt: string | null;
  passed: boolean;
  value: number | null;
};

/**
 * What a sign-off vouches for. Dates are ISO strings so the snapshot is plain
 * JSON: the hash, the evidence pack and the UI all read the same bytes.
 */
export type EvidenceSnapshot = {
  format: typeof EVIDENCE_SNAPSHOT_FORMAT;
  system: {
    id: string;
    name: string;
    riskTier: AiSystem["riskTier"];
    purpose: string;
    intendedUse: string;
    prohibitedUses: string;
    lifecycleStage: AiSystem["lifecycleStage"];
    ownerIds: string[];
  };
  version: {
    id: string;
    systemId: string;
    label: string;
    modelType: ModelVersion["modelType"];
    provider: string;
    artifactUri: string;
    commitSha: string;
    createdAt: string;
  };
  plan: { planVersionId: string; version: number; checks: PlanCheck[] } | null;
  /** One entry per check of the current plan, in plan order; `run` is null until a run on that plan version evaluated it. */
  checks: Array<{ checkId: string; run: EvidenceCheckRun | null }>;
  /** Open or mitigating risks of the system (system-wide or on this version), by id. */
  openRisks: Array<{ id: string; statement: string; category: RiskEntry["category"]; severity: Severity; residualSeverity: Severity | null; status: RiskEntry["status"] }>;
  /** What the system's tier requires, as read now (sign-off roles were fixed when the review opened). */
  policy: { tier: AiSystem["riskTier"]; requiredEvaluations: RequiredEvaluation[] };
  /** Active monitors on this version. */
  monitors: Array<{ id: string; name: string }>;
  /** Every hold on this review, placed and cleared. */
  holds: Array<{ id: string; concern: string; placedAt: string; clearedAt: string | null }>;
  /**
   * Exceptions of the system that apply to this version. `status` is the
   * effective one at read time: an exception past its expiry reads "expired"
   * before the expiry job marks it so, so the hash changes once, when the
   * waiver lapses (and sign-offs given while it was valid go stale), and not
   * again when the job catches up.
   */
  exceptions: Array<{ id: string; gateKey: string; modelVersionId: string | null; status: RiskException["status"]; expiresAt: string; expired: boolean }>;
};

export type EvidenceRisk = {
  id: string;
  statement: string;
  severity: Severity;
  status: RiskEntry["status"];
  modelVersionId: string | null;
  /** The run the risk was raised from, if any. */
  runId: string | null;
  updatedAt: Date;
};

export type EvidenceHold = ReviewHold & { placedByName: string };
export type EvidenceException = RiskException & { approverName: string };

export type ReviewEvidence = {
  snapshot: EvidenceSnapshot;
  /** hashCanonical(snapshot): what sign-offs and decisions bind to. */
  hash: string;
  review: ReleaseReview;
  system: AiSystem;
  version: ModelVersion;
  /** The current plan version, or null when the model version has no plan. */
  planVersion: { id: string; version: number; checks: PlanCheck[] } | null;
  /** Per check id of the current plan: the result in the latest succeeded run on this version that used that plan version. */
  checkResults: Record<string, { runId: string; passed: boolean; value: number | null; summary: string; createdById: string } | undefined>;
  openRisks: EvidenceRisk[];
  /** The system tier's policy as it is now. */
  policy: TierPolicy;
  /** Every hold on the review, oldest first. */
  holds: EvidenceHold[];
  /** Exceptions of the system that apply to this version, any status, oldest first. */
  exceptions: EvidenceException[];
  /** The moment expiry was judged at. */
  judgedAt: Date;
  /** The checklist input minus sign-offs, which the caller adds (see checklistInputFor). */
  checklistBase: Omit<ChecklistInput, "signOffs">;
};

/** e.g. "False-positive rate ratio across race within [0.8, 1.25]". */
export function describePlanCheck(check: PlanCheck): string {
  if (check.kind === "safety") return describeSafetyCheck(check);
  return `${RATE_METRIC_LABELS[check.metric]} ${check.band.type} across ${check.attribute} within [${check.band.min}, ${check.band.max}]`;
}

const iso = (d: Date) => d.toISOString();

/**
 * Gathers the evidence a release review rests on and hashes it. The caller
 * has already checked that the review belongs to its organisation. Pass a
 * transaction client to read a consistent view while writing (a sign-off
 * binds to the hash computed in its own transaction).
 */
export async function getReviewEvidence(db: Tx, reviewId: string, now: Date = new Date()): Promise<ReviewEvidence> {
  const review = await db.releaseReview.findUnique({
    where: { id: reviewId },
    include: { modelVersion: { include: { system: true } } },
  });
  if (!review) throw notFound("Review");
  const { modelVersion, ...reviewRow } = review;
  const { system, ...version } = modelVersion;

  // Sequential: inside a transaction both would share one connection anyway.
  const plan = await currentPlanVersion(db, version.id);
  const risks = await db.riskEntry.findMany({
    where: {
      orgId: review.orgId,
      systemId: system.id,
      status: { in: [...ACTIVE_RISK_STATUSES] },
      OR: [{ modelVersionId: version.id }, { modelVersionId: null }],
    },
    orderBy: { id: "asc" },
    select: { id: true, statement: true, category: true, severity: true, residualSeverity: true, status: true, modelVersionId: true, runId: true, updatedAt: true },
  });
  const policy = await tierPolicyFor(db, review.orgId, system.riskTier);
  const monitors = await db.monitor.findMany({
    where: { orgId: review.orgId, modelVersionId: version.id, status: "active" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
  const holdRows = await db.reviewHold.findMany({ where: { reviewId: review.id }, orderBy: [{ placedAt: "asc" }, { id: "asc" }] });
  const exceptionRows = await db.riskException.findMany({
    where: { orgId: review.orgId, systemId: system.id, OR: [{ modelVersionId: version.id }, { modelVersionId: null }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const people = await db.user.findMany({
    where: { id: { in: [...new Set([...holdRows.map((h) => h.placedById), ...exceptionRows.map((e) => e.approverId)])] } },
    select: { id: true, name: true },
  });
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? "Unknown user";
  const holds: EvidenceHold[] = holdRows.map((h) => ({ ...h, placedByName: nameOf(h.placedById) }));
  const exceptions: EvidenceException[] = exceptionRows.map((e) => ({ ...e, approverName: nameOf(e.approverId) }));
  const effectiveStatus = (e: RiskException): RiskException["status"] =>
    e.status === "revoked" ? "revoked" : exceptionLapsed({ status: e.status, expiresAt: iso(e.expiresAt) }, now) ? "expired" : "active";

  const checks = plan?.checks ?? [];
  const checkResults: ReviewEvidence["checkResults"] = {};
  const checkRuns = new Map<string, EvidenceCheckRun>();
  if (plan) {
    const runs = await db.evaluationRun.findMany({
      where: { orgId: review.orgId, modelVersionId: version.id, planVersionId: plan.id, status: "succeeded" },
      // Latest first; id breaks ties so the choice is stable across rebuilds.
      orderBy: [{ finishedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }, { id: "desc" }],
      select: { id: true, datasetSha256: true, codeVersion: true, finishedAt: true, createdById: true, checkResults: true },
    });
    for (const check of checks) {
      for (const run of runs) {
        const result = run.checkResults.find((r) => r.checkId === check.id);
        if (!result) continue;
        checkResults[check.id] = { runId: run.id, passed: result.passed, value: result.value, summary: result.summary, createdById: run.createdById };
        checkRuns.set(check.id, {
          runId: run.id,
          datasetSha256: run.datasetSha256,
          codeVersion: run.codeVersion,
          finishedAt: run.finishedAt ? iso(run.finishedAt) : null,
          passed: result.passed,
          value: result.value,
        });
        break;
      }
    }
  }

  const snapshot: EvidenceSnapshot = {
    format: EVIDENCE_SNAPSHOT_FORMAT,
    system: {
      id: system.id,
      name: system.name,
      riskTier: system.riskTier,
      purpose: system.purpose,
      intendedUse: system.intendedUse,
      prohibitedUses: system.prohibitedUses,
      lifecycleStage: system.lifecycleStage,
      ownerIds: [...system.ownerIds],
    },
    version: {
      id: version.id,
      systemId: version.systemId,
      label: version.label,
      modelType: version.modelType,
      provider: version.provider,
      artifactUri: version.artifactUri,
      commitSha: version.commitSha,
      createdAt: iso(version.createdAt),
    },
    plan: plan ? { planVersionId: plan.id, version: plan.version, checks } : null,
    checks: checks.map((c) => ({ checkId: c.id, run: checkRuns.get(c.id) ?? null })),
    openRisks: risks.map((r) => ({ id: r.id, statement: r.statement, category: r.category, severity: r.severity, residualSeverity: r.residualSeverity, status: r.status })),
    policy: { tier: system.riskTier, requiredEvaluations: [...policy.requiredEvaluations] },
    monitors,
    holds: holds.map((h) => ({ id: h.id, concern: h.concern, placedAt: iso(h.placedAt), clearedAt: h.clearedAt ? iso(h.clearedAt) : null })),
    exceptions: exceptions.map((e) => {
      const status = effectiveStatus(e);
      return { id: e.id, gateKey: e.gateKey, modelVersionId: e.modelVersionId, status, expiresAt: iso(e.expiresAt), expired: status === "expired" };
    }),
  };
  const hash = hashCanonical(snapshot);

  return {
    snapshot,
    hash,
    review: reviewRow,
    system,
    version,
    planVersion: plan ? { id: plan.id, version: plan.version, checks } : null,
    checkResults,
    openRisks: risks,
    policy,
    holds,
    exceptions,
    judgedAt: now,
    checklistBase: {
      plan: plan ? { planVersionId: plan.id, version: plan.version } : null,
      checks: checks.map((c) => ({ id: c.id, description: describePlanCheck(c), kind: c.kind })),
      checkResults: Object.fromEntries(
        Object.entries(checkResults).flatMap(([id, r]) => (r ? [[id, { runId: r.runId, passed: r.passed, summary: r.summary }] as const] : [])),
      ),
      openRisks: risks.map((r) => ({ id: r.id, statement: r.statement, severity: r.severity })),
      requiredRoles: [...reviewRow.requiredSignoffRoles] as Role[],
      currentEvidenceHash: hash,
      tier: system.riskTier,
      requiredEvaluations: [...policy.requiredEvaluations],
      monitors,
      documentation: {
        purpose: system.purpose,
        intendedUse: system.intendedUse,
        prohibitedUses: system.prohibitedUses,
        ownerCount: system.ownerIds.length,
        provider: version.provider,
        artifactUri: version.artifactUri,
      },
      activeHolds: holds
        .filter((h) => !h.clearedAt)
        .map((h) => ({ id: h.id, concern: h.concern, reason: h.reason, placedByName: h.placedByName, placedAt: iso(h.placedAt) })),
      exceptions: exceptions.map((e): ChecklistException => ({
        id: e.id,
        gateKey: e.gateKey,
        gateLabel: e.gateLabel,
        approverId: e.approverId,
        approverName: e.approverName,
        expiresAt: iso(e.expiresAt),
        reReviewAt: iso(e.reReviewAt),
        status: e.status,
      })),
      now: iso(now),
    },
  };
}

