import {
  can,
  EXCEPTION_EXPIRING_DAYS,
  exceptionDatesProblem,
  exceptionDaysLeft,
  exceptionState,
  isBlockingSeverity,
  isWaivable,
  ROLE_LABELS,
  type ExceptionState,
  type Role,
} from "@assay/core";
import { prisma, type AiSystem, type Prisma, type RiskException, type Tx } from "@assay/db";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { refFor, userRefs, type UserRef } from "../registry/systems";
import type { ReviewEvidence } from "../reviews/evidence";
import { assessReview } from "../reviews/reviews";
import { createExceptionSchema, listExceptionsFilterSchema, revokeExceptionSchema } from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

/** An exception (risk acceptance) as the register and the API show it. */
export type ExceptionView = {
  id: string;
  system: { id: string; name: string; riskTier: AiSystem["riskTier"] };
  /** Null: every version of the system. */
  version: { id: string; label: string } | null;
  gateKey: string;
  gateLabel: string;
  rationale: string;
  compensatingControls: string;
  residualRisk: string;
  approver: UserRef;
  /** Who asked for it: the approver, or the scientist or product owner on whose request it was granted. */
  requestedBy: UserRef;
  createdAt: Date;
  expiresAt: Date;
  reReviewAt: Date;
  /** As stored; the expiry job sets "expired" some time after the date. */
  status: RiskException["status"];
  /** As it counts now: an exception past its expiry date is "expired" whatever the stored status says. */
  state: ExceptionState;
  /** Whole days until expiry (negative once past). */
  daysLeft: number;
  expiredAt: Date | null;
  revokedAt: Date | null;
  revokedBy: UserRef | null;
};

type ExceptionRow = RiskException & {
  system: { id: string; name: string; riskTier: AiSystem["riskTier"] };
  version: { id: string; label: string } | null;
};

async function loadRows(where: Prisma.RiskExceptionWhereInput): Promise<ExceptionRow[]> {
  const rows = await prisma.riskException.findMany({ where, orderBy: [{ expiresAt: "asc" }, { id: "asc" }] });
  const systems = await prisma.aiSystem.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.systemId))] } },
    select: { id: true, name: true, riskTier: true },
  });
  const versionIds = [...new Set(rows.flatMap((r) => (r.modelVersionId ? [r.modelVersionId] : [])))];
  const versions = await prisma.modelVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, label: true } });
  return rows.map((r) => ({
    ...r,
    system: systems.find((s) => s.id === r.systemId) ?? { id: r.systemId, name: "Unknown system", riskTier: "low" },
    version: r.modelVersionId ? (versions.find((v) => v.id === r.modelVersionId) ?? { id: r.modelVersionId, label: "unknown" }) : null,
  }));
}

async function toViews(rows: ExceptionRow[], now: Date): Promise<ExceptionView[]> {
  const refs = await userRefs(rows.flatMap((r) => [r.approverId, r.createdById, ...(r.revokedById ? [r.revokedById] : [])]));
  return rows.map((r) => ({
    id: r.id,
    system: r.system,
    version: r.version,
    gateKey: r.gateKey,
    gateLabel: r.gateLabel,
    rationale: r.rationale,
    compensatingControls: r.compensatingControls,
    residualRisk: r.residualRisk,
    approver: refFor(refs, r.approverId),
    requestedBy: refFor(refs, r.createdById),
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    reReviewAt: r.reReviewAt,
    status: r.status,
    state: exceptionState(r, now),
    daysLeft: exceptionDaysLeft(r.expiresAt, now),
    expiredAt: r.expiredAt,
    revokedAt: r.revokedAt,
    revokedBy: r.revokedById ? refFor(refs, r.revokedById) : null,
  }));
}

/**
 * The register: exceptions of the organisation, soonest expiry first.
 * "active" is every exception still in force (expiring ones included),
 * "expiring" those in force that lapse within 14 days, "expired" those past
 * their date (whether or not the expiry job has marked them yet), "revoked"
 * those an approver withdrew.
 */
export async function listExceptions(ctx: ServiceContext, rawFilter: unknown = {}): Promise<ExceptionView[]> {
  assertCan(ctx, "org.read");
  const filter = listExceptionsFilterSchema.parse(rawFilter ?? {});
  const now = new Date();
  const soon = new Date(now.getTime() + EXCEPTION_EXPIRING_DAYS * DAY_MS);
  const byStatus: Record<typeof filter.status, Prisma.RiskExceptionWhereInput> = {
    all: {},
    active: { status: "active", expiresAt: { gt: now } },
    expiring: { status: "active", expiresAt: { gt: now, lte: soon } },
    expired: { OR: [{ status: "expired" }, { status: "active", expiresAt: { lte: now } }] },
    revoked: { status: "revoked" },
  };
  const rows = await loadRows({
    orgId: ctx.orgId,
    ...(filter.systemId ? { systemId: filter.systemId } : {}),
    ...(filter.versionId ? { OR: [{ modelVersionId: filter.versionId }, { modelVersionId: null }] } : {}),
    AND: [byStatus[filter.status]],
  });
  return toViews(rows, now);
}

export async function getException(ctx: ServiceContext, exceptionId: string): Promise<ExceptionView> {
  assertCan(ctx, "org.read");
  const [row] = await loadRows({ id: exceptionId, orgId: ctx.orgId });
  if (!row) throw notFound("Exception");
  const [view] = await toViews([row], new Date());
  return view!;
}

/**
 * Runs behind a gate, with who ran them: the run of a check, the runs of a
 * required evaluation's checks, or the runs that blocking risks were raised from.
 */
async function gateRuns(tx: Tx, evidence: ReviewEvidence, gateKey: string): Promise<Array<{ runId: string; createdById: string }>> {
  const results = (checkIds: string[]) =>
    checkIds.flatMap((id) => {
      const r = evidence.checkResults[id];
      return r ? [{ runId: r.runId, createdById: r.createdById }] : [];
    });
  const checks = evidence.planVersion?.checks ?? [];
  if (gateKey.startsWith("check:")) return results([gateKey.slice("check:".length)]);
  if (gateKey === "evaluation:fairness" || gateKey === "evaluation:safety") {
    const kind = gateKey.slice("evaluation:".length);
    return results(checks.filter((c) => c.kind === kind).map((c) => c.id));
  }
  if (gateKey === "risks") {
    const runIds = [...new Set(evidence.openRisks.filter((r) => isBlockingSeverity(r.severity) && r.runId).map((r) => r.runId!))];
    if (runIds.length === 0) return [];
    const runs = await tx.evaluationRun.findMany({ where: { id: { in: runIds } }, select: { id: true, createdById: true } });
    return runs.map((r) => ({ runId: r.id, createdById: r.createdById }));
  }
  return [];
}

/**
 * Grants an exception: an approver accepts the residual risk of a failing or
 * missing gate of a review, for this version or every version of the system,
 * until a date the tier caps.
 *
 * The schema has no pending state (approverId is required), so a request and
 * its approval are one step: the approver creates the exception. When a
 * scientist or product owner asked for it, `requestedById` names them and is
 * stored as createdById; otherwise the approver is recorded as both.
 *
 * Refused: a gate that is not on the review's checklist, not waivable (holds
 * and sign-offs) or passing (400); an expiry in the past or beyond the tier's
 * maxExceptionDays, a re-review date after it (400); an approver who ran a run
 * behind the gate when the tier separates duties (403).
 */
export async function createException(ctx: ServiceContext, raw: unknown): Promise<ExceptionView> {
  assertCan(ctx, "exception.approve");
  const input = createExceptionSchema.parse(raw);
  const review = await prisma.releaseReview.findFirst({ where: { id: input.reviewId, orgId: ctx.orgId }, select: { id: true, status: true } });
  if (!review) throw notFound("Review");
  if (review.status !== "open") throw conflict("This review has been decided; exceptions are granted while a review is open.");

  const created = await mutate(ctx, async (tx, record) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"review:" + review.id}, 0))`;
    const now = new Date();
    const { evidence, checklist } = await assessReview(tx, review.id, now);
    const item = checklist.items.find((i) => i.key === input.gateKey);
    if (!item) {
      throw invalid(`This review's checklist has no item “${input.gateKey}”. Choose one of its failing or missing items.`, { path: "gateKey" });
    }
    if (!isWaivable(item)) {
      throw invalid(`“${item.label}” cannot be waived by an exception: a hold is cleared by an approver and a sign-off is given.`, { path: "gateKey" });
    }
    if (item.status === "pass") throw invalid(`“${item.label}” passes; there is nothing to waive.`, { path: "gateKey" });

    const { policy } = evidence;
    const problem = exceptionDatesProblem({
      expiresAt: input.expiresAt,
      reReviewAt: input.reReviewAt,
      now,
      tier: evidence.system.riskTier,
      maxExceptionDays: policy.maxExceptionDays,
    });
    if (problem) throw invalid(problem.message, { path: problem.path, maxExceptionDays: policy.maxExceptionDays });

    if (policy.approverNotEvaluator) {
      const own = (await gateRuns(tx, evidence, item.key)).filter((r) => r.createdById === ctx.userId);
      if (own.length > 0) {
        throw forbidden(
          `Separation of duties: you ran ${[...new Set(own.map((r) => `run ${r.runId}`))].join(", ")} behind “${item.label}”, so you cannot accept its residual risk. Another approver must grant this exception.`,
        );
      }
    }

    let requesterId = ctx.userId;
    if (input.requestedById && input.requestedById !== ctx.userId) {
      const membership = await tx.membership.findFirst({ where: { orgId: ctx.orgId, userId: input.requestedById }, select: { roles: true } });
      if (!membership || !can(membership.roles as Role[], "exception.request")) {
        throw invalid(
          `The requester must be a member who may request exceptions (${["scientist", "product_owner"].map((r) => ROLE_LABELS[r as Role].toLowerCase()).join(" or ")}).`,
          { path: "requestedById" },
        );
      }
      requesterId = input.requestedById;
    }

    const row = await tx.riskException.create({
      data: {
        orgId: ctx.orgId,
        systemId: evidence.system.id,
        modelVersionId: input.scope === "version" ? evidence.version.id : null,
        gateKey: item.key,
        gateLabel: item.label,
        rationale: input.rationale,
        compensatingControls: input.compensatingControls,
        residualRisk: input.residualRisk,
        approverId: ctx.userId,
        expiresAt: input.expiresAt,
        reReviewAt: input.reReviewAt,
        status: "active",
        createdById: requesterId,
      },
    });
    await record({
      action: "exception.created",
      entityType: "RiskException",
      entityId: row.id,
      after: {
        reviewId: review.id,
        systemId: row.systemId,
        modelVersionId: row.modelVersionId,
        gateKey: row.gateKey,
        gateLabel: row.gateLabel,
        gateStatus: item.status,
        rationale: row.rationale,
        compensatingControls: row.compensatingControls,
        residualRisk: row.residualRisk,
        approverId: row.approverId,
        requestedById: row.createdById,
        expiresAt: row.expiresAt,
        reReviewAt: row.reReviewAt,
        maxExceptionDays: policy.maxExceptionDays,
      },
    });
    return row;
  });
  return getException(ctx, created.id);
}

/** An approver withdraws an exception still in force; the gate it waived applies again at once. */
export async function revokeException(ctx: ServiceContext, exceptionId: string, raw: unknown): Promise<ExceptionView> {
  assertCan(ctx, "exception.approve");
  // Existence before validation: another organisation's exception is a 404 whatever the body says.
  const existing = await prisma.riskException.findFirst({ where: { id: exceptionId, orgId: ctx.orgId }, select: { id: true } });
  if (!existing) throw notFound("Exception");
  const input = revokeExceptionSchema.parse(raw);

  await mutate(ctx, async (tx, record) => {
    const [row] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "RiskException" WHERE id = ${existing.id} FOR UPDATE`;
    if (!row) throw notFound("Exception");
    const current = await tx.riskException.findUniqueOrThrow({ where: { id: existing.id } });
    const now = new Date();
    if (current.status === "revoked") throw conflict("This exception has already been revoked.");
    if (exceptionState(current, now) === "expired") throw conflict("This exception has already expired; there is nothing to revoke.");
    const updated = await tx.riskException.update({
      where: { id: current.id },
      data: { status: "revoked", revokedAt: now, revokedById: ctx.userId },
    });
    await record({
      action: "exception.revoked",
      entityType: "RiskException",
      entityId: current.id,
      before: { status: current.status },
      after: { status: updated.status, revokedAt: updated.revokedAt, reason: input.reason },
    });
  });
  return getException(ctx, existing.id);
}
