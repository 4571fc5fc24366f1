import {
  assertDecisionAllowed,
  buildReviewChecklist,
  exceptionState,
  isWaivable,
  reviewDueAt,
  reviewSla,
  ROLE_LABELS,
  SEVERITIES,
  type Checklist,
  type ChecklistInput,
  type ExceptionState,
  type RequiredEvaluation,
  type ReviewSla,
  type Role,
  type Severity,
} from "@assay/core";
import {
  prisma,
  type AiSystem,
  type ReleaseDecision,
  type ReleaseReview,
  type ReviewHold,
  type ReviewRecommendation,
  type RiskEntry,
  type SignOff,
  type Tx,
} from "@assay/db";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { tierPolicyFor } from "../governance/tier-policies";
import { refFor, userRefs, type UserRef } from "../registry/systems";
import { getReviewEvidence, type ReviewEvidence } from "./evidence";
import { decideSchema, listReviewsFilterSchema, openReviewSchema, signOffSchema } from "./schemas";

export type ReviewRecord = {
  id: string;
  modelVersionId: string;
  title: string;
  ownerId: string;
  status: ReleaseReview["status"];
  requiredSignoffRoles: Role[];
  /** Business days allowed from the request, from the tier policy when the review opened. */
  slaBusinessDays: number;
  dueAt: Date;
  createdById: string;
  createdAt: Date;
};

export type ReviewSummary = ReviewRecord & {
  owner: UserRef;
  system: { id: string; name: string; riskTier: AiSystem["riskTier"] };
  version: { id: string; label: string };
  decision: { outcome: ReleaseDecision["outcome"]; createdAt: Date } | null;
  /** Where the review stands against its SLA now; null once decided. */
  sla: ReviewSla | null;
  /** Holds placed and not yet cleared. */
  activeHolds: number;
};

export type RecommendationView = {
  id: string;
  outcome: ReviewRecommendation["outcome"];
  rationale: string;
  conditions: string;
  unknowns: string;
  recommendedBy: UserRef;
  evidenceHash: string;
  createdAt: Date;
  /** The evidence has changed since this recommendation was recorded. */
  stale: boolean;
  /** A later recommendation replaced this one. */
  superseded: boolean;
};

export type HoldView = {
  id: string;
  concern: string;
  reason: string;
  placedBy: UserRef;
  placedAt: Date;
  active: boolean;
  clearedBy: UserRef | null;
  clearedAt: Date | null;
  clearRationale: string | null;
};

/** An exception as a review shows it: which gate, for how long, and whether it still counts. */
export type ReviewExceptionView = {
  id: string;
  gateKey: string;
  gateLabel: string;
  /** "version": this version only; "system": every version of the system. */
  scope: "version" | "system";
  approver: UserRef;
  expiresAt: Date;
  reReviewAt: Date;
  state: ExceptionState;
};

export type SignOffView = {
  id: string;
  role: Role;
  user: UserRef;
  comment: string;
  evidenceHash: string;
  createdAt: Date;
  /** The evidence has changed since this sign-off was given. */
  stale: boolean;
  /** A later sign-off for the same role replaced this one. */
  superseded: boolean;
};

export type DecisionView = {
  id: string;
  outcome: ReleaseDecision["outcome"];
  rationale: string;
  conditions: string;
  decidedBy: UserRef;
  evidenceHash: string;
  createdAt: Date;
  /** The evidence has changed since the decision was recorded. */
  evidenceChanged: boolean;
};

export type ReviewDetail = Omit<ReviewSummary, "decision" | "system"> & {
  system: { id: string; name: string; riskTier: AiSystem["riskTier"]; lifecycleStage: AiSystem["lifecycleStage"] };
  plan: { planVersionId: string; version: number } | null;
  evidenceHash: string;
  checklist: Checklist;
  /** Open or mitigating risks on the system or this version, most severe first; the checklist's risk item refers to these. */
  openRisks: Array<{ id: string; statement: string; severity: Severity; status: RiskEntry["status"] }>;
  /** Every sign-off, oldest first; history is kept when a role signs again. */
  signOffs: SignOffView[];
  decision: DecisionView | null;
  /** What the system's tier requires now. */
  policy: { requiredEvaluations: RequiredEvaluation[]; approverNotEvaluator: boolean; maxExceptionDays: number; reviewSlaBusinessDays: number };
  /** Every recommendation, oldest first; the latest one counts. */
  recommendations: RecommendationView[];
  recommendation: RecommendationView | null;
  /** Every hold, oldest first. */
  holds: HoldView[];
  /** Exceptions of the system that apply to this version. */
  exceptions: ReviewExceptionView[];
  /** Checklist items an approver may grant an exception for: waivable and failing, missing or already waived (to renew). */
  waivableGates: Array<{ key: string; label: string; status: Checklist["items"][number]["status"] }>;
  /** Who ran the runs this review's check results come from (separation of duties). */
  evaluatorIds: string[];
};

/** A review's evidence, its sign-offs and the checklist computed from both. */
export type ReviewAssessment = {
  evidence: ReviewEvidence;
  signOffs: SignOffView[];
  checklistInput: ChecklistInput;
  checklist: Checklist;
};

export function toReviewRecord(r: ReleaseReview): ReviewRecord {
  return {
    id: r.id,
    modelVersionId: r.modelVersionId,
    title: r.title,
    ownerId: r.ownerId,
    status: r.status,
    requiredSignoffRoles: [...r.requiredSignoffRoles],
    slaBusinessDays: r.slaBusinessDays,
    // Reviews opened before SLAs were recorded get theirs from the stored business days.
    dueAt: r.dueAt ?? reviewDueAt(r.createdAt, r.slaBusinessDays),
    createdById: r.createdById,
    createdAt: r.createdAt,
  };
}

/** The review's SLA at `now`, or null once decided. */
export function slaOf(r: Pick<ReleaseReview, "status" | "dueAt" | "createdAt" | "slaBusinessDays">, now = new Date()): ReviewSla | null {
  if (r.status !== "open") return null;
  return reviewSla(r.dueAt ?? reviewDueAt(r.createdAt, r.slaBusinessDays), now);
}

/** Users who created the runs whose check results the review's evidence holds. */
export function evaluatorIdsOf(evidence: ReviewEvidence): string[] {
  return [...new Set(Object.values(evidence.checkResults).flatMap((r) => (r ? [r.createdById] : [])))].sort();
}

export function toRecommendationViews(rows: ReviewRecommendation[], refs: Map<string, UserRef>, currentHash: string): RecommendationView[] {
  return rows.map((r, i) => ({
    id: r.id,
    outcome: r.outcome,
    rationale: r.rationale,
    conditions: r.conditions,
    unknowns: r.unknowns,
    recommendedBy: refFor(refs, r.recommendedById),
    evidenceHash: r.evidenceHash,
    createdAt: r.createdAt,
    stale: r.evidenceHash !== currentHash,
    superseded: i < rows.length - 1,
  }));
}

export function toHoldView(h: ReviewHold, refs: Map<string, UserRef>): HoldView {
  return {
    id: h.id,
    concern: h.concern,
    reason: h.reason,
    placedBy: refFor(refs, h.placedById),
    placedAt: h.placedAt,
    active: h.clearedAt === null,
    clearedBy: h.clearedById ? refFor(refs, h.clearedById) : null,
    clearedAt: h.clearedAt,
    clearRationale: h.clearRationale,
  };
}

/**
 * Computes the checklist of a review from the database. Used for display,
 * for the decision rule, by the readiness dashboard and by the evidence pack.
 */
export async function assessReview(db: Tx, reviewId: string, now: Date = new Date()): Promise<ReviewAssessment> {
  const evidence = await getReviewEvidence(db, reviewId, now);
  const rows = await db.signOff.findMany({ where: { reviewId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const refs = await userRefs(rows.map((s) => s.userId));
  const latest = new Map<Role, SignOff>();
  for (const row of rows) latest.set(row.role, row);
  const latestIds = new Set([...latest.values()].map((s) => s.id));
  const signOffs: SignOffView[] = rows.map((s) => ({
    id: s.id,
    role: s.role,
    user: refFor(refs, s.userId),
    comment: s.comment,
    evidenceHash: s.evidenceHash,
    createdAt: s.createdAt,
    stale: s.evidenceHash !== evidence.hash,
    superseded: !latestIds.has(s.id),
  }));
  const checklistInput: ChecklistInput = {
    ...evidence.checklistBase,
    signOffs: [...latest.values()].map((s) => ({
      role: s.role,
      userId: s.userId,
      userName: refFor(refs, s.userId).name,
      evidenceHash: s.evidenceHash,
      createdAt: s.createdAt.toISOString(),
    })),
  };
  return { evidence, signOffs, checklistInput, checklist: buildReviewChecklist(checklistInput) };
}

export async function findReview(ctx: ServiceContext, reviewId: string): Promise<ReleaseReview> {
  const review = await prisma.releaseReview.findFirst({ where: { id: reviewId, orgId: ctx.orgId } });
  if (!review) throw notFound("Review");
  return review;
}

/** Serialises sign-offs and the decision of one review, so none lands after the decision. */
export async function lockReview(tx: Tx, reviewId: string): Promise<ReleaseReview> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"review:" + reviewId}, 0))`;
  return tx.releaseReview.findUniqueOrThrow({ where: { id: reviewId } });
}

export const closedForChanges = () => conflict("This review has been decided; it no longer takes sign-offs or decisions.");

export async function listReviews(ctx: ServiceContext, rawFilter: unknown = {}): Promise<ReviewSummary[]> {
  assertCan(ctx, "org.read");
  const filter = listReviewsFilterSchema.parse(rawFilter ?? {});
  const rows = await prisma.releaseReview.findMany({
    where: {
      orgId: ctx.orgId,
      ...(filter.versionId ? { modelVersionId: filter.versionId } : {}),
      ...(filter.systemId ? { modelVersion: { systemId: filter.systemId } } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: {
      modelVersion: { select: { id: true, label: true, system: { select: { id: true, name: true, riskTier: true } } } },
      decision: { select: { outcome: true, createdAt: true } },
      _count: { select: { holds: { where: { clearedAt: null } } } },
    },
  });
  const refs = await userRefs(rows.map((r) => r.ownerId));
  const now = new Date();
  return rows.map(({ modelVersion, decision, _count, ...r }) => ({
    ...toReviewRecord(r),
    owner: refFor(refs, r.ownerId),
    system: modelVersion.system,
    version: { id: modelVersion.id, label: modelVersion.label },
    decision,
    sla: slaOf(r, now),
    activeHolds: _count.holds,
  }));
}

export async function getReview(ctx: ServiceContext, reviewId: string): Promise<ReviewDetail> {
  assertCan(ctx, "org.read");
  const review = await findReview(ctx, reviewId);
  const now = new Date();
  const [assessment, decision, recommendationRows] = await Promise.all([
    assessReview(prisma, review.id, now),
    prisma.releaseDecision.findUnique({ where: { reviewId: review.id } }),
    prisma.reviewRecommendation.findMany({ where: { reviewId: review.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  ]);
  const { evidence, checklist } = assessment;
  const refs = await userRefs([
    review.ownerId,
    ...(decision ? [decision.decidedById] : []),
    ...recommendationRows.map((r) => r.recommendedById),
    ...evidence.holds.flatMap((h) => [h.placedById, ...(h.clearedById ? [h.clearedById] : [])]),
    ...evidence.exceptions.map((e) => e.approverId),
  ]);
  const recommendations = toRecommendationViews(recommendationRows, refs, evidence.hash);
  return {
    ...toReviewRecord(review),
    owner: refFor(refs, review.ownerId),
    system: {
      id: evidence.system.id,
      name: evidence.system.name,
      riskTier: evidence.system.riskTier,
      lifecycleStage: evidence.system.lifecycleStage,
    },
    version: { id: evidence.version.id, label: evidence.version.label },
    plan: evidence.checklistBase.plan,
    evidenceHash: evidence.hash,
    checklist,
    openRisks: evidence.openRisks
      .map((r) => ({ id: r.id, statement: r.statement, severity: r.severity, status: r.status }))
      .sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity)),
    signOffs: assessment.signOffs,
    decision: decision
      ? {
          id: decision.id,
          outcome: decision.outcome,
          rationale: decision.rationale,
          conditions: decision.conditions,
          decidedBy: refFor(refs, decision.decidedById),
          evidenceHash: decision.evidenceHash,
          createdAt: decision.createdAt,
          evidenceChanged: decision.evidenceHash !== evidence.hash,
        }
      : null,
    sla: slaOf(review, now),
    activeHolds: evidence.holds.filter((h) => !h.clearedAt).length,
    policy: {
      requiredEvaluations: [...evidence.policy.requiredEvaluations],
      approverNotEvaluator: evidence.policy.approverNotEvaluator,
      maxExceptionDays: evidence.policy.maxExceptionDays,
      reviewSlaBusinessDays: evidence.policy.reviewSlaBusinessDays,
    },
    recommendations,
    recommendation: recommendations.at(-1) ?? null,
    holds: evidence.holds.map((h) => toHoldView(h, refs)),
    exceptions: evidence.exceptions.map((e) => ({
      id: e.id,
      gateKey: e.gateKey,
      gateLabel: e.gateLabel,
      scope: e.modelVersionId ? "version" : "system",
      approver: refFor(refs, e.approverId),
      expiresAt: e.expiresAt,
      reReviewAt: e.reReviewAt,
      state: exceptionState(e, now),
    })),
    waivableGates: checklist.items
      .filter((i) => isWaivable(i) && (i.status === "fail" || i.status === "missing" || i.status === "waived"))
      .map((i) => ({ key: i.key, label: i.label, status: i.status })),
    evaluatorIds: evaluatorIdsOf(evidence),
  };
}

/**
 * A product owner opens a review of a model version and owns it. The roles
 * that must sign and the SLA follow from the tier policy of the system's risk
 * tier at this moment; the review is due that many business days from now.
 */
export async function openReview(ctx: ServiceContext, raw: unknown): Promise<ReviewRecord> {
  assertCan(ctx, "review.create");
  const input = openReviewSchema.parse(raw);
  const version = await prisma.modelVersion.findFirst({
    where: { id: input.modelVersionId, orgId: ctx.orgId },
    select: { id: true, label: true, system: { select: { riskTier: true } } },
  });
  if (!version) throw notFound("Model version");
  return mutate(ctx, async (tx, record) => {
    // Two open reviews of one version would split sign-offs between them.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"review-version:" + version.id}, 0))`;
    const existing = await tx.releaseReview.findFirst({ where: { modelVersionId: version.id, status: "open" }, select: { id: true, title: true } });
    if (existing) {
      throw conflict(`Version ${version.label} already has an open review (“${existing.title}”). Decide it before opening another.`, {
        reviewId: existing.id,
      });
    }
    const policy = await tierPolicyFor(tx, ctx.orgId, version.system.riskTier);
    const createdAt = new Date();
    const created = await tx.releaseReview.create({
      data: {
        orgId: ctx.orgId,
        modelVersionId: version.id,
        title: input.title,
        ownerId: ctx.userId,
        requiredSignoffRoles: [...policy.requiredSignoffRoles],
        slaBusinessDays: policy.reviewSlaBusinessDays,
        dueAt: reviewDueAt(createdAt, policy.reviewSlaBusinessDays),
        createdById: ctx.userId,
        createdAt,
      },
    });
    const dto = toReviewRecord(created);
    await record({ action: "review.created", entityType: "ReleaseReview", entityId: created.id, after: dto });
    return dto;
  });
}

/**
 * Records a sign-off bound to the evidence as it is now. Signing again for a
 * role adds a record; the latest one counts.
 */
export async function signOff(ctx: ServiceContext, reviewId: string, raw: unknown): Promise<SignOffView> {
  assertCan(ctx, "review.signoff");
  const review = await findReview(ctx, reviewId);
  const input = signOffSchema.parse(raw);
  if (!ctx.roles.includes(input.role)) {
    throw forbidden(`You do not hold the ${ROLE_LABELS[input.role]} role in this organisation, so you cannot sign as one.`);
  }
  if (!review.requiredSignoffRoles.includes(input.role)) {
    throw invalid(`This review does not need a ${ROLE_LABELS[input.role]} sign-off.`, { path: "role" });
  }
  if (review.status !== "open") throw closedForChanges();

  return mutate(ctx, async (tx, record) => {
    const locked = await lockReview(tx, review.id);
    if (locked.status !== "open") throw closedForChanges();
    const evidence = await getReviewEvidence(tx, review.id);
    if (input.role === "approver" && evidence.policy.approverNotEvaluator) {
      const runs = Object.values(evidence.checkResults).flatMap((r) => (r && r.createdById === ctx.userId ? [r.runId] : []));
      if (runs.length > 0) {
        throw forbidden(
          `Separation of duties: you ran ${[...new Set(runs)].map((id) => `run ${id}`).join(", ")}, whose results this review rests on, so you cannot sign it as the approver. Another approver must sign.`,
        );
      }
    }
    const created = await tx.signOff.create({
      data: { reviewId: review.id, userId: ctx.userId, role: input.role, evidenceHash: evidence.hash, comment: input.comment },
    });
    await record({
      action: "review.signed_off",
      entityType: "ReleaseReview",
      entityId: review.id,
      after: { signOffId: created.id, role: created.role, userId: created.userId, evidenceHash: created.evidenceHash, comment: created.comment },
    });
    const refs = await userRefs([ctx.userId]);
    return {
      id: created.id,
      role: created.role,
      user: refFor(refs, ctx.userId),
      comment: created.comment,
      evidenceHash: created.evidenceHash,
      createdAt: created.createdAt,
      stale: false,
      superseded: false,
    };
  });
}

/**
 * The review's owner records go, no-go or go with conditions, after a
 * scientist's recommendation (a separate record). The checklist is recomputed
 * inside the transaction, so a go is judged on the evidence it binds to: every
 * item must pass or be waived by a valid exception, and no hold may be in place.
 */
export async function decide(ctx: ServiceContext, reviewId: string, raw: unknown): Promise<DecisionView> {
  assertCan(ctx, "review.decide");
  // Existence before validation: another organisation's review is a 404 whatever the body says.
  const review = await findReview(ctx, reviewId);
  const input = decideSchema.parse(raw);
  if (review.ownerId !== ctx.userId) throw forbidden("Only the review's owner can decide.");
  if (review.status !== "open") throw conflict("This review has already been decided.");

  return mutate(ctx, async (tx, record) => {
    const locked = await lockReview(tx, review.id);
    if (locked.status !== "open") throw conflict("This review has already been decided.");
    const recommendation = await tx.reviewRecommendation.findFirst({
      where: { reviewId: review.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    const { evidence, checklist } = await assessReview(tx, review.id);
    const verdict = assertDecisionAllowed(input.outcome, checklist, input.conditions);
    if (!verdict.ok) {
      throw conflict(verdict.reason, { blockers: checklist.blockers.map((b) => b.key), waived: checklist.waived.map((w) => w.key) });
    }
    // Releasing rests on the scientist's reading of this evidence; stopping a release needs nobody's leave.
    if (input.outcome !== "no_go") {
      if (!recommendation) {
        throw conflict("A scientist must record a recommendation before a go decision. The decision is the product owner's; the recommendation is the scientist's, on the evidence.", {
          blockers: ["recommendation"],
        });
      }
      if (recommendation.evidenceHash !== evidence.hash) {
        throw conflict("The evidence has changed since the scientist's recommendation. A scientist must recommend again on the current evidence before a go decision.", {
          blockers: ["recommendation"],
        });
      }
    }
    const created = await tx.releaseDecision.create({
      data: {
        reviewId: review.id,
        outcome: input.outcome,
        rationale: input.rationale,
        conditions: input.conditions,
        decidedById: ctx.userId,
        evidenceHash: evidence.hash,
      },
    });
    await tx.releaseReview.update({ where: { id: review.id }, data: { status: "decided" } });
    await record({
      action: "review.decided",
      entityType: "ReleaseReview",
      entityId: review.id,
      before: { status: "open" },
      after: {
        status: "decided",
        decisionId: created.id,
        outcome: created.outcome,
        rationale: created.rationale,
        conditions: created.conditions,
        evidenceHash: created.evidenceHash,
        blockers: checklist.blockers.map((b) => b.key),
        waived: checklist.waived.map((w) => ({ key: w.key, exceptionId: w.ref?.exceptionId ?? null })),
        recommendationId: recommendation?.id ?? null,
        recommendedOutcome: recommendation?.outcome ?? null,
        dissent: recommendation !== null && recommendation.outcome !== created.outcome,
      },
    });
    const refs = await userRefs([ctx.userId]);
    return {
      id: created.id,
      outcome: created.outcome,
      rationale: created.rationale,
      conditions: created.conditions,
      decidedBy: refFor(refs, ctx.userId),
      evidenceHash: created.evidenceHash,
      createdAt: created.createdAt,
      evidenceChanged: false,
    };
  });
}
