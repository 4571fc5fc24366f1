import { severityFor, type PlanCheck } from "@assay/core";
import { prisma, type Prisma, type RiskEntry } from "@assay/db";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { invalid, notFound } from "../errors";
import { refFor, userRefs, type UserRef } from "../registry/systems";
import {
  ACTIVE_RISK_STATUSES,
  createRiskSchema,
  listRisksFilterSchema,
  updateRiskSchema,
  type UpdateRiskInput,
} from "./schemas";

export type RiskRecord = {
  id: string;
  systemId: string;
  modelVersionId: string | null;
  runId: string | null;
  checkId: string | null;
  statement: string;
  likelihood: number;
  impact: number;
  severity: RiskEntry["severity"];
  ownerId: string;
  dueDate: Date | null;
  status: RiskEntry["status"];
  createdById: string;
  createdAt: Date;
  updatedAt: Date;
};

export type RiskSummary = RiskRecord & {
  system: { id: string; name: string };
  modelVersion: { id: string; label: string } | null;
  owner: UserRef;
  /** Past its due date while still open or being mitigated. */
  overdue: boolean;
};

export type RiskHistoryEvent = {
  id: string;
  seq: number;
  action: string;
  actor: UserRef | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
};

export type RiskDetail = RiskSummary & {
  createdBy: UserRef;
  run: { id: string; status: string; createdAt: Date; finishedAt: Date | null } | null;
  history: RiskHistoryEvent[];
};

const EDITABLE_FIELDS = ["statement", "likelihood", "impact", "ownerId", "dueDate", "status"] as const;
type EditableField = (typeof EDITABLE_FIELDS)[number];

export function toRiskRecord(r: RiskEntry): RiskRecord {
  return {
    id: r.id,
    systemId: r.systemId,
    modelVersionId: r.modelVersionId,
    runId: r.runId,
    checkId: r.checkId,
    statement: r.statement,
    likelihood: r.likelihood,
    impact: r.impact,
    severity: r.severity,
    ownerId: r.ownerId,
    dueDate: r.dueDate,
    status: r.status,
    createdById: r.createdById,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function isActiveRiskStatus(status: RiskEntry["status"]): boolean {
  return (ACTIVE_RISK_STATUSES as readonly string[]).includes(status);
}

export function isOverdue(risk: Pick<RiskEntry, "dueDate" | "status">, now = new Date()): boolean {
  return risk.dueDate !== null && risk.dueDate.getTime() < now.getTime() && isActiveRiskStatus(risk.status);
}

const summaryInclude = {
  system: { select: { id: true, name: true } },
  modelVersion: { select: { id: true, label: true } },
} satisfies Prisma.RiskEntryInclude;

type RiskRow = Prisma.RiskEntryGetPayload<{ include: typeof summaryInclude }>;

function toSummary(row: RiskRow, refs: Map<string, UserRef>, now: Date): RiskSummary {
  const { system, modelVersion, ...risk } = row;
  return { ...toRiskRecord(risk), system, modelVersion, owner: refFor(refs, risk.ownerId), overdue: isOverdue(risk, now) };
}

async function assertOwnerIsMember(orgId: string, ownerId: string) {
  const membership = await prisma.membership.findUnique({ where: { orgId_userId: { orgId, userId: ownerId } }, select: { id: true } });
  if (!membership) throw invalid("The owner must be a member of this organisation.", { path: "ownerId" });
}

/**
 * Most severe first, then the soonest due: the order in which a register is
 * worked through.
 */
const SEVERITY_RANK: Record<RiskEntry["severity"], number> = { critical: 0, high: 1, medium: 2, low: 3 };
const STATUS_RANK: Record<RiskEntry["status"], number> = { open: 0, mitigating: 1, mitigated: 2, accepted: 3, closed: 4 };

function registerOrder(a: RiskSummary, b: RiskSummary): number {
  return (
    Number(isActiveRiskStatus(b.status)) - Number(isActiveRiskStatus(a.status)) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    (a.dueDate?.getTime() ?? Infinity) - (b.dueDate?.getTime() ?? Infinity) ||
    b.createdAt.getTime() - a.createdAt.getTime()
  );
}

export async function listRisks(ctx: ServiceContext, rawFilter: unknown = {}): Promise<RiskSummary[]> {
  assertCan(ctx, "org.read");
  const filter = listRisksFilterSchema.parse(rawFilter ?? {});
  const rows = await prisma.riskEntry.findMany({
    where: {
      orgId: ctx.orgId,
      ...(filter.systemId ? { systemId: filter.systemId } : {}),
      ...(filter.versionId ? { modelVersionId: filter.versionId } : {}),
      ...(filter.runId ? { runId: filter.runId } : {}),
      ...(filter.status && filter.status.length > 0 ? { status: { in: filter.status } } : {}),
    },
    include: summaryInclude,
  });
  const refs = await userRefs(rows.map((r) => r.ownerId));
  const now = new Date();
  return rows.map((r) => toSummary(r, refs, now)).sort(registerOrder);
}

/**
 * The risks that concern one model version: those raised on it and those
 * raised on its system as a whole. Risks on sibling versions are left out;
 * they concern a different model.
 */
export async function listRisksForVersion(ctx: ServiceContext, versionId: string): Promise<RiskSummary[]> {
  assertCan(ctx, "org.read");
  const version = await prisma.modelVersion.findFirst({ where: { id: versionId, orgId: ctx.orgId }, select: { id: true, systemId: true } });
  if (!version) throw notFound("Model version");
  const rows = await prisma.riskEntry.findMany({
    where: { orgId: ctx.orgId, systemId: version.systemId, OR: [{ modelVersionId: version.id }, { modelVersionId: null }] },
    include: summaryInclude,
  });
  const refs = await userRefs(rows.map((r) => r.ownerId));
  const now = new Date();
  return rows.map((r) => toSummary(r, refs, now)).sort(registerOrder);
}

export async function getRisk(ctx: ServiceContext, riskId: string): Promise<RiskDetail> {
  assertCan(ctx, "org.read");
  const row = await prisma.riskEntry.findFirst({
    where: { id: riskId, orgId: ctx.orgId },
    include: { ...summaryInclude, run: { select: { id: true, status: true, createdAt: true, finishedAt: true } } },
  });
  if (!row) throw notFound("Risk");
  const events = await prisma.auditEvent.findMany({
    where: { orgId: ctx.orgId, entityType: "RiskEntry", entityId: row.id },
    orderBy: { seq: "asc" },
  });
  const refs = await userRefs([row.ownerId, row.createdById, ...events.flatMap((e) => (e.actorId ? [e.actorId] : []))]);
  const { run, ...rest } = row;
  return {
    ...toSummary(rest, refs, new Date()),
    createdBy: refFor(refs, row.createdById),
    run,
    history: events.map((e) => ({
      id: e.id,
      seq: e.seq,
      action: e.action,
      actor: e.actorId ? refFor(refs, e.actorId) : null,
      before: e.before,
      after: e.after,
      createdAt: e.createdAt,
    })),
  };
}

/** Resolves where a new risk belongs, from its run or from the system and version given. */
async function resolveScope(
  ctx: ServiceContext,
  input: { systemId?: string; modelVersionId?: string | null; runId?: string | null; checkId?: string | null },
): Promise<{ systemId: string; modelVersionId: string | null; runId: string | null; checkId: string | null }> {
  if (input.runId) {
    const run = await prisma.evaluationRun.findFirst({
      where: { id: input.runId, orgId: ctx.orgId },
      select: { id: true, modelVersionId: true, modelVersion: { select: { systemId: true } }, planVersion: { select: { checks: true } } },
    });
    if (!run) throw notFound("Run");
    const systemId = run.modelVersion.systemId;
    if (input.systemId && input.systemId !== systemId) {
      throw invalid("The run belongs to a different system than the one chosen.", { path: "systemId" });
    }
    if (input.modelVersionId && input.modelVersionId !== run.modelVersionId) {
      throw invalid("The run belongs to a different model version than the one chosen.", { path: "modelVersionId" });
    }
    if (input.checkId) {
      // Plan versions are immutable and validated when written.
      const checks = run.planVersion.checks as unknown as PlanCheck[];
      if (!checks.some((c) => c.id === input.checkId)) {
        throw invalid(`The run's plan has no check “${input.checkId}”.`, { path: "checkId" });
      }
    }
    return { systemId, modelVersionId: run.modelVersionId, runId: run.id, checkId: input.checkId ?? null };
  }

  const systemId = input.systemId;
  if (!systemId) throw invalid("Choose the system this risk concerns.", { path: "systemId" });
  const system = await prisma.aiSystem.findFirst({ where: { id: systemId, orgId: ctx.orgId }, select: { id: true } });
  if (!system) throw notFound("System");
  if (input.modelVersionId) {
    const version = await prisma.modelVersion.findFirst({ where: { id: input.modelVersionId, orgId: ctx.orgId }, select: { id: true, systemId: true } });
    if (!version) throw notFound("Model version");
    if (version.systemId !== system.id) throw invalid("That model version belongs to another system.", { path: "modelVersionId" });
  }
  return { systemId: system.id, modelVersionId: input.modelVersionId ?? null, runId: null, checkId: null };
}

export async function createRisk(ctx: ServiceContext, raw: unknown): Promise<RiskRecord> {
  assertCan(ctx, "risk.write");
  const input = createRiskSchema.parse(raw);
  const scope = await resolveScope(ctx, input);
  const ownerId = input.ownerId ?? ctx.userId;
  await assertOwnerIsMember(ctx.orgId, ownerId);
  return mutate(ctx, async (tx, record) => {
    const created = await tx.riskEntry.create({
      data: {
        orgId: ctx.orgId,
        ...scope,
        statement: input.statement,
        likelihood: input.likelihood,
        impact: input.impact,
        severity: severityFor(input.likelihood, input.impact),
        ownerId,
        dueDate: input.dueDate ?? null,
        status: input.status,
        createdById: ctx.userId,
      },
    });
    const dto = toRiskRecord(created);
    await record({ action: "risk.created", entityType: "RiskEntry", entityId: created.id, after: dto });
    return dto;
  });
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) out[key] = source[key];
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return (a instanceof Date ? a.getTime() : a) === (b instanceof Date ? b.getTime() : b);
  }
  return a === b;
}

/**
 * Applies the fields sent and re-derives severity. The audit event carries
 * only what changed (severity included when it moves).
 */
export async function updateRisk(ctx: ServiceContext, riskId: string, raw: unknown): Promise<RiskRecord> {
  assertCan(ctx, "risk.write");
  const input: UpdateRiskInput = updateRiskSchema.parse(raw);
  const existing = await prisma.riskEntry.findFirst({ where: { id: riskId, orgId: ctx.orgId } });
  if (!existing) throw notFound("Risk");

  const next: Pick<RiskEntry, EditableField | "severity"> = {
    statement: input.statement ?? existing.statement,
    likelihood: input.likelihood ?? existing.likelihood,
    impact: input.impact ?? existing.impact,
    ownerId: input.ownerId ?? existing.ownerId,
    dueDate: input.dueDate === undefined ? existing.dueDate : input.dueDate,
    status: input.status ?? existing.status,
    severity: severityFor(input.likelihood ?? existing.likelihood, input.impact ?? existing.impact),
  };
  const changed = [...EDITABLE_FIELDS, "severity" as const].filter((f) => !sameValue(next[f], existing[f]));
  if (changed.length === 0) return toRiskRecord(existing);
  if (changed.includes("ownerId")) await assertOwnerIsMember(ctx.orgId, next.ownerId);

  const before = pick(existing, changed);
  const after = pick(next, changed);

  return mutate(ctx, async (tx, record) => {
    const updated = await tx.riskEntry.update({ where: { id: existing.id }, data: after });
    await record({ action: "risk.updated", entityType: "RiskEntry", entityId: existing.id, before, after });
    return toRiskRecord(updated);
  });
}
