import { EXCEPTION_EXPIRING_DAYS, exceptionDaysLeft, pastDueBefore, ROLE_LABELS, type GovernanceEvent, type Role, type Severity } from "@assay/core";
import { prisma, type RiskException, type Tx } from "@assay/db";
import { appendAudit } from "../audit";
import { flushGovernanceWebhooks, notify, type NotifyInput } from "../notifications/notify";
import { assessReview } from "../reviews";
import { ACTIVE_RISK_STATUSES } from "../risks/schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The notices the sweep sends. */
export const SWEEP_KINDS = ["exception.expired", "exception.expiring", "risk.overdue", "review.requested", "signoff.needed", "signoff.stale"] as const satisfies readonly GovernanceEvent[];
export type SweepKind = (typeof SWEEP_KINDS)[number];

export type GovernanceSweepOutcome = {
  /** Organisations swept. */
  organisations: number;
  /** Exceptions this sweep marked expired. */
  exceptionsExpired: number;
  /** Exceptions this sweep warned about (expiring within 14 days). */
  exceptionsWarned: number;
  /** New in-app notifications recorded, per kind. Zero everywhere on a re-run with nothing new. */
  notifications: Record<SweepKind, number>;
  /** New webhook deliveries recorded, per kind. */
  deliveries: Record<SweepKind, number>;
  /** Organisations whose sweep failed (the next tick tries again), with the reason. */
  failures: Array<{ orgId: string; error: string }>;
};

const zeroCounts = () => Object.fromEntries(SWEEP_KINDS.map((k) => [k, 0])) as Record<SweepKind, number>;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const roleList = (roles: readonly Role[]) => roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(", ");

/** low/medium → medium, high/critical → high: an overdue risk is never just informational, nor an emergency by itself. */
const overdueSeverity = (severity: Severity): Severity => (severity === "high" || severity === "critical" ? "high" : "medium");

type Tally = Pick<GovernanceSweepOutcome, "notifications" | "deliveries">;

async function send(tx: Tx, tally: Tally, input: NotifyInput & { event: SweepKind }): Promise<void> {
  const result = await notify(tx, input);
  tally.notifications[input.event] += result.notified;
  tally.deliveries[input.event] += result.deliveries;
}

/**
 * The governance sweep, run by a scheduled job: in every organisation it
 * expires exceptions past their expiry (so the gates they waived fail again,
 * for good), warns about exceptions expiring within 14 days, and sends the
 * notices for overdue risks, requested reviews, needed and stale sign-offs.
 *
 * Idempotent: every state change is conditional on the state it changes from,
 * and every notice is keyed by its subject, so running it twice (or two
 * workers running it at once) changes and notifies nothing the second time.
 * Each change commits in its own transaction with its audit event (actor
 * null: the system) and its notices. One organisation failing does not stop
 * the others; it is reported and retried on the next run.
 */
export async function runGovernanceSweep(now: Date = new Date()): Promise<GovernanceSweepOutcome> {
  const outcome: GovernanceSweepOutcome = {
    organisations: 0,
    exceptionsExpired: 0,
    exceptionsWarned: 0,
    notifications: zeroCounts(),
    deliveries: zeroCounts(),
    failures: [],
  };
  const orgs = await prisma.organization.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
  for (const org of orgs) {
    outcome.organisations += 1;
    try {
      await sweepOrganisation(org.id, now, outcome);
    } catch (error) {
      outcome.failures.push({ orgId: org.id, error: error instanceof Error ? error.message : String(error) });
    } finally {
      // Whatever committed is handed to the webhook queue, even if a later step failed.
      await flushGovernanceWebhooks(org.id);
    }
  }
  return outcome;
}

async function sweepOrganisation(orgId: string, now: Date, outcome: GovernanceSweepOutcome): Promise<void> {
  outcome.exceptionsExpired += await expireExceptions(orgId, now, outcome);
  outcome.exceptionsWarned += await warnExpiringExceptions(orgId, now, outcome);
  await noticeOverdueRisks(orgId, now, outcome);
  await noticeOpenReviews(orgId, now, outcome);
}

async function systemsById(orgId: string, ids: readonly string[]) {
  const systems = await prisma.aiSystem.findMany({ where: { orgId, id: { in: [...new Set(ids)] } }, select: { id: true, name: true, ownerIds: true } });
  return new Map(systems.map((s) => [s.id, s]));
}

/** Who hears about an exception: whoever asked for it, whoever approved it, the system's owners and the product owners. */
function exceptionRecipients(e: RiskException, ownerIds: readonly string[]): NotifyInput["recipients"] {
  return { userIds: [e.createdById, e.approverId, ...ownerIds], roles: ["product_owner"] };
}

const exceptionAudit = (e: Pick<RiskException, "status" | "expiresAt" | "expiredAt">) => ({ status: e.status, expiresAt: e.expiresAt, expiredAt: e.expiredAt });

/** Active exceptions past their expiry become expired; the gates they waived count again. */
async function expireExceptions(orgId: string, now: Date, tally: Tally): Promise<number> {
  const due = await prisma.riskException.findMany({
    where: { orgId, status: "active", expiresAt: { lte: now } },
    orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
  });
  if (due.length === 0) return 0;
  const systems = await systemsById(orgId, due.map((e) => e.systemId));
  let expired = 0;
  for (const e of due) {
    const system = systems.get(e.systemId);
    const changed = await prisma.$transaction(async (tx) => {
      // Conditional: a concurrent sweep, a revocation or a renewal since the read wins.
      const { count } = await tx.riskException.updateMany({
        where: { id: e.id, status: "active", expiresAt: { lte: now } },
        data: { status: "expired", expiredAt: now },
      });
      if (count === 0) return false;
      await appendAudit(tx, orgId, null, {
        action: "exception.expired",
        entityType: "RiskException",
        entityId: e.id,
        before: exceptionAudit(e),
        after: exceptionAudit({ ...e, status: "expired", expiredAt: now }),
      });
      await send(tx, tally, {
        orgId,
        event: "exception.expired",
        recipients: exceptionRecipients(e, system?.ownerIds ?? []),
        title: `Exception expired: ${e.gateLabel}${system ? ` on ${system.name}` : ""}`,
        body: `The exception waiving “${e.gateLabel}” expired on ${isoDay(e.expiresAt)}. It no longer waives the gate: on every review it applied to, the gate fails again unless the underlying issue has been fixed or a new exception is approved.`,
        path: "/exceptions",
        subjectKey: `exception:${e.id}:expired`,
        subject: { type: "RiskException", id: e.id },
        system: system ? { id: system.id, name: system.name } : null,
        severity: "high",
      });
      return true;
    });
    if (changed) expired += 1;
  }
  return expired;
}

/** Active exceptions expiring within 14 days get one warning each. */
async function warnExpiringExceptions(orgId: string, now: Date, tally: Tally): Promise<number> {
  const horizon = new Date(now.getTime() + EXCEPTION_EXPIRING_DAYS * DAY_MS);
  const expiring = await prisma.riskException.findMany({
    where: { orgId, status: "active", expiryWarnedAt: null, expiresAt: { gt: now, lte: horizon } },
    orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
  });
  if (expiring.length === 0) return 0;
  const systems = await systemsById(orgId, expiring.map((e) => e.systemId));
  let warned = 0;
  for (const e of expiring) {
    const system = systems.get(e.systemId);
    const days = exceptionDaysLeft(e.expiresAt, now);
    const changed = await prisma.$transaction(async (tx) => {
      const { count } = await tx.riskException.updateMany({
        where: { id: e.id, status: "active", expiryWarnedAt: null },
        data: { expiryWarnedAt: now },
      });
      if (count === 0) return false;
      await appendAudit(tx, orgId, null, {
        action: "exception.expiry_warned",
        entityType: "RiskException",
        entityId: e.id,
        before: { expiryWarnedAt: null },
        after: { expiryWarnedAt: now, expiresAt: e.expiresAt },
      });
      await send(tx, tally, {
        orgId,
        event: "exception.expiring",
        recipients: exceptionRecipients(e, system?.ownerIds ?? []),
        title: `Exception expires in ${days} ${days === 1 ? "day" : "days"}: ${e.gateLabel}${system ? ` on ${system.name}` : ""}`,
        body: `The exception waiving “${e.gateLabel}” expires on ${isoDay(e.expiresAt)}. After that the gate fails again: fix the underlying issue or ask for a renewal before then.`,
        path: "/exceptions",
        subjectKey: `exception:${e.id}:expiring`,
        subject: { type: "RiskException", id: e.id },
        system: system ? { id: system.id, name: system.name } : null,
        severity: "medium",
      });
      return true;
    });
    if (changed) warned += 1;
  }
  return warned;
}

/** Open or mitigating risks past their due date: their owner hears once per due date. */
async function noticeOverdueRisks(orgId: string, now: Date, tally: Tally): Promise<void> {
  const overdue = await prisma.riskEntry.findMany({
    where: { orgId, status: { in: [...ACTIVE_RISK_STATUSES] }, dueDate: { lt: pastDueBefore(now) } },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    select: { id: true, statement: true, severity: true, status: true, ownerId: true, dueDate: true, system: { select: { id: true, name: true } } },
  });
  for (const risk of overdue) {
    const dueDate = risk.dueDate!;
    await prisma.$transaction((tx) =>
      send(tx, tally, {
        orgId,
        event: "risk.overdue",
        recipients: { userIds: [risk.ownerId] },
        title: `Risk overdue: ${clip(risk.statement, 120)}`,
        body: `This ${risk.severity}-severity risk on ${risk.system.name} was due on ${isoDay(dueDate)} and is still ${risk.status}. Mitigate it, accept it, or set a new due date.`,
        path: `/risks/${risk.id}`,
        subjectKey: `risk:${risk.id}:overdue:${isoDay(dueDate)}`,
        subject: { type: "RiskEntry", id: risk.id },
        system: risk.system,
        severity: overdueSeverity(risk.severity),
      }),
    );
  }
}

/**
 * Open reviews: the request goes once to the owner and the roles that must
 * sign; every role without a current sign-off is asked (again whenever the
 * evidence changes); whoever signed evidence that has since changed is told
 * their sign-off went stale.
 */
async function noticeOpenReviews(orgId: string, now: Date, tally: Tally): Promise<void> {
  const reviews = await prisma.releaseReview.findMany({ where: { orgId, status: "open" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
  for (const { id } of reviews) {
    // Read-only: the reviews service's own view of the evidence and the sign-offs.
    const { evidence, signOffs, checklist } = await assessReview(prisma, id, now);
    const { review, system, version, hash } = evidence;
    const roles = [...review.requiredSignoffRoles] as Role[];
    const path = `/reviews/${review.id}`;
    const common = { orgId, path, subject: { type: "ReleaseReview", id: review.id }, system: { id: system.id, name: system.name }, severity: "medium" as const };
    const what = `${system.name} ${version.label}`;
    await prisma.$transaction(async (tx) => {
      await send(tx, tally, {
        ...common,
        event: "review.requested",
        recipients: { userIds: [review.ownerId], roles },
        title: `Review requested: ${review.title}`,
        body: `A release review of ${what} is open${roles.length ? ` and needs sign-off from the ${roleList(roles)}` : ""}.${review.dueAt ? ` It is due on ${isoDay(review.dueAt)}.` : ""}`,
        subjectKey: `review:${review.id}:requested`,
      });
      for (const role of checklist.awaitingSignoff) {
        await send(tx, tally, {
          ...common,
          event: "signoff.needed",
          recipients: { roles: [role] },
          title: `Sign-off needed (${ROLE_LABELS[role]}): ${review.title}`,
          body: `The review of ${what} is waiting for a ${ROLE_LABELS[role].toLowerCase()} sign-off on the current evidence.`,
          subjectKey: `review:${review.id}:signoff:${role}:${hash}`,
        });
      }
      for (const s of signOffs.filter((s) => s.stale && !s.superseded)) {
        await send(tx, tally, {
          ...common,
          event: "signoff.stale",
          recipients: { userIds: [s.user.id] },
          title: `Your sign-off went stale: ${review.title}`,
          body: `You signed the review of ${what} as ${ROLE_LABELS[s.role].toLowerCase()} on ${isoDay(s.createdAt)}; the evidence has changed since. Check what changed and sign again if you still agree.`,
          subjectKey: `signoff:${s.id}:stale:${hash}`,
        });
      }
    });
  }
}
