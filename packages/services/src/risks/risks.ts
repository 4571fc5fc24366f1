import { isPastDue, mitigatedGate, pastDueBefore, riskHeatmap, severityFor, type PlanCheck, type RiskHeatmap, type Role } from "@assay/core";
import { prisma, type AiSystem, type Prisma, type RiskEntry, type RiskLink, type Tx } from "@assay/db";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { isUniqueViolation, refFor, userRefs, type UserRef } from "../registry/systems";
import {
  ACTIVE_RISK_STATUSES,
  addRiskLinkSchema,
  createRiskSchema,
  listRisksFilterSchema,
  RESIDUAL_PAIR_ERROR,
  updateRiskSchema,
  type ListRisksFilter,
  type UpdateRiskInput,
} from "./schemas";

export type RiskRecord = {
  id: string;
  systemId: string;
  modelVersionId: string | null;
  runId: string | null;
  checkId: string | null;
  statement: string;
  category: RiskEntry["category"];
  controls: string;
  likelihood: number;
  impact: number;
  severity: RiskEntry["severity"];
  /** Expected once the mitigations are in place; null until assessed. */
  residualLikelihood: number | null;
  residualImpact: number | null;
  residualSeverity: RiskEntry["severity"] | null;
  ownerId: string;
  dueDate: Date | null;
  status: RiskEntry["status"];
  createdById: string;
  createdAt: Date;
  updatedAt: Date;
};

export type RiskSummary = RiskRecord & {
  system: { id: string; name: string; riskTier: AiSystem["riskTier"] };
  modelVersion: { id: string; label: string } | null;
  owner: UserRef;
  /** Past its due date while still open or being mitigated. */
  overdue: boolean;
  /** How many of the risk's mitigations a run has verified, of how many. */
  mitigationCounts: { verified: number; total: number };
};

export type RiskHistoryEvent = {
  id: string;
  seq: number;
  action: string;
  /** "RiskEntry" for the risk itself (and its links), "Mitigation" for one of its mitigations. */
  entityType: string;
  entityId: string;
  actor: UserRef | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
};

/** What a link points at, read when the risk is shown; null when the target no longer exists. */
export type RiskLinkTarget = {
  label: string;
  /** For runs: which kind, so the link opens the right run page. */
  runKind?: "fairness" | "safety";
  /** For findings: the red-team campaign the attempt belongs to. */
  campaignId?: string;
};

export type RiskLinkDto = {
  id: string;
  kind: RiskLink["kind"];
  targetId: string;
  target: RiskLinkTarget | null;
  createdBy: UserRef;
  createdAt: Date;
};

export type RiskDetail = RiskSummary & {
  createdBy: UserRef;
  run: { id: string; kind: "fairness" | "safety"; status: string; createdAt: Date; finishedAt: Date | null } | null;
  /** The plan check the risk was raised from, when it came from a run's check. */
  check: PlanCheck | null;
  links: RiskLinkDto[];
  history: RiskHistoryEvent[];
};

const EDITABLE_FIELDS = [
  "statement",
  "category",
  "controls",
  "likelihood",
  "impact",
  "residualLikelihood",
  "residualImpact",
  "ownerId",
  "dueDate",
  "status",
] as const;
type EditableField = (typeof EDITABLE_FIELDS)[number];
/** Fields the service derives; audited when they move. */
const DERIVED_FIELDS = ["severity", "residualSeverity"] as const;

export function toRiskRecord(r: RiskEntry): RiskRecord {
  return {
    id: r.id,
    systemId: r.systemId,
    modelVersionId: r.modelVersionId,
    runId: r.runId,
    checkId: r.checkId,
    statement: r.statement,
    category: r.category,
    controls: r.controls,
    likelihood: r.likelihood,
    impact: r.impact,
    severity: r.severity,
    residualLikelihood: r.residualLikelihood,
    residualImpact: r.residualImpact,
    residualSeverity: r.residualSeverity,
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

/** Overdue: its due day (UTC) is over while it is still open or being mitigated (not mitigated, accepted or closed). */
export function isOverdue(risk: Pick<RiskEntry, "dueDate" | "status">, now = new Date()): boolean {
  return risk.dueDate !== null && isPastDue(risk.dueDate, now) && isActiveRiskStatus(risk.status);
}

/**
 * Residual severity comes from the same matrix as the inherent one, so the
 * two can be compared cell for cell; null until both residual scores are set.
 */
function residualSeverityOf(likelihood: number | null, impact: number | null): RiskEntry["severity"] | null {
  return likelihood === null || impact === null ? null : severityFor(likelihood, impact);
}

/**
 * Accepting a risk is a decision to live with it, which is not the call of
 * whoever measured it. It takes the product owner, who owns the system's
 * residual risk, or an approver, the independent governance role that signs
 * releases off (tier policies already name the approver as the one who
 * accepts residual risk). Scientists may raise and treat risks but not
 * accept them. Time-boxed formal exceptions are a separate workflow.
 */
const ACCEPTING_ROLES: readonly Role[] = ["approver", "product_owner"];
export function canAcceptRisk(ctx: ServiceContext): boolean {
  return ctx.roles.some((r) => ACCEPTING_ROLES.includes(r));
}

const summaryInclude = {
  system: { select: { id: true, name: true, riskTier: true } },
  modelVersion: { select: { id: true, label: true } },
  mitigations: { select: { status: true } },
} satisfies Prisma.RiskEntryInclude;

type RiskRow = Prisma.RiskEntryGetPayload<{ include: typeof summaryInclude }>;

function toSummary(row: RiskRow, refs: Map<string, UserRef>, now: Date): RiskSummary {
  const { system, modelVersion, mitigations, ...risk } = row;
  return {
    ...toRiskRecord(risk),
    system,
    modelVersion,
    owner: refFor(refs, risk.ownerId),
    overdue: isOverdue(risk, now),
    mitigationCounts: { verified: mitigations.filter((m) => m.status === "verified").length, total: mitigations.length },
  };
}

export async function assertOwnerIsMember(orgId: string, ownerId: string) {
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

function registerWhere(ctx: ServiceContext, filter: ListRisksFilter, now: Date): Prisma.RiskEntryWhereInput {
  const has = <T>(list: T[] | undefined): list is T[] => list !== undefined && list.length > 0;
  // Overdue only ever covers active risks, so it narrows any status filter to those.
  let statuses = has(filter.status) ? filter.status : undefined;
  if (filter.overdue) statuses = (statuses ?? [...ACTIVE_RISK_STATUSES]).filter((s) => isActiveRiskStatus(s));
  return {
    orgId: ctx.orgId,
    ...(filter.systemId ? { systemId: filter.systemId } : {}),
    ...(filter.versionId ? { modelVersionId: filter.versionId } : {}),
    ...(filter.runId ? { runId: filter.runId } : {}),
    ...(statuses ? { status: { in: statuses } } : {}),
    ...(has(filter.category) ? { category: { in: filter.category } } : {}),
    ...(has(filter.severity) ? { severity: { in: filter.severity } } : {}),
    ...(has(filter.tier) ? { system: { riskTier: { in: filter.tier } } } : {}),
    ...(filter.overdue ? { dueDate: { lt: pastDueBefore(now) } } : {}),
    ...(filter.likelihood !== undefined ? { likelihood: filter.likelihood } : {}),
    ...(filter.impact !== undefined ? { impact: filter.impact } : {}),
    ...(filter.residualLikelihood !== undefined ? { residualLikelihood: filter.residualLikelihood } : {}),
    ...(filter.residualImpact !== undefined ? { residualImpact: filter.residualImpact } : {}),
  };
}

/**
 * The register, filtered by system, version, run, status, category,
 * (inherent) severity, the system's risk tier, overdue, and a heat-map cell.
 */
export async function listRisks(ctx: ServiceContext, rawFilter: unknown = {}): Promise<RiskSummary[]> {
  assertCan(ctx, "org.read");
  const filter = listRisksFilterSchema.parse(rawFilter ?? {});
  const now = new Date();
  const rows = await prisma.riskEntry.findMany({ where: registerWhere(ctx, filter, now), include: summaryInclude });
  const refs = await userRefs(rows.map((r) => r.ownerId));
  return rows.map((r) => toSummary(r, refs, now)).sort(registerOrder);
}

export type RiskHeatmaps = { inherent: RiskHeatmap; residual: RiskHeatmap; total: number };

/**
 * Both heat maps of the risks matching the register's filters. Cell filters
 * (likelihood, impact and their residual pair) are ignored, so the map stays
 * whole while the table below it shows one cell.
 */
export async function getRiskHeatmaps(ctx: ServiceContext, rawFilter: unknown = {}): Promise<RiskHeatmaps> {
  const filter = listRisksFilterSchema.parse(rawFilter ?? {});
  const risks = await listRisks(ctx, {
    ...filter,
    likelihood: undefined,
    impact: undefined,
    residualLikelihood: undefined,
    residualImpact: undefined,
  });
  return { inherent: riskHeatmap(risks, "inherent"), residual: riskHeatmap(risks, "residual"), total: risks.length };
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

async function findRisk(ctx: ServiceContext, riskId: string) {
  const risk = await prisma.riskEntry.findFirst({ where: { id: riskId, orgId: ctx.orgId } });
  if (!risk) throw notFound("Risk");
  return risk;
}

/** The risk's audit events and those of its mitigations, oldest first. */
async function historyOf(orgId: string, riskId: string): Promise<Array<Omit<RiskHistoryEvent, "actor"> & { actorId: string | null }>> {
  const mitigations = await prisma.mitigation.findMany({ where: { orgId, riskId }, select: { id: true } });
  const events = await prisma.auditEvent.findMany({
    where: {
      orgId,
      OR: [
        { entityType: "RiskEntry", entityId: riskId },
        ...(mitigations.length > 0 ? [{ entityType: "Mitigation", entityId: { in: mitigations.map((m) => m.id) } }] : []),
      ],
    },
    orderBy: { seq: "asc" },
  });
  return events.map((e) => ({
    id: e.id,
    seq: e.seq,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    actorId: e.actorId,
    before: e.before,
    after: e.after,
    createdAt: e.createdAt,
  }));
}

/** A risk's history: every audit event of the risk, its links and its mitigations, with who did it. */
export async function getRiskHistory(ctx: ServiceContext, riskId: string): Promise<RiskHistoryEvent[]> {
  assertCan(ctx, "org.read");
  const risk = await findRisk(ctx, riskId);
  const events = await historyOf(ctx.orgId, risk.id);
  const refs = await userRefs(events.flatMap((e) => (e.actorId ? [e.actorId] : [])));
  return events.map(({ actorId, ...e }) => ({ ...e, actor: actorId ? refFor(refs, actorId) : null }));
}

const runTargetSelect = {
  id: true,
  kind: true,
  status: true,
  createdAt: true,
  modelVersion: { select: { label: true } },
  suiteVersion: { select: { suite: { select: { key: true } } } },
} satisfies Prisma.EvaluationRunSelect;
const findingTargetSelect = {
  id: true,
  category: true,
  severity: true,
  succeeded: true,
  campaignId: true,
  campaign: { select: { name: true } },
} satisfies Prisma.RedTeamAttemptSelect;
const titledTargetSelect = { id: true, title: true, status: true } as const;

const day = (d: Date) => d.toISOString().slice(0, 10);
const runTarget = (r: Prisma.EvaluationRunGetPayload<{ select: typeof runTargetSelect }>): RiskLinkTarget => {
  const what = r.kind === "safety" ? `Safety run${r.suiteVersion ? ` of ${r.suiteVersion.suite.key}` : ""}` : "Fairness run";
  return { label: `${what} on ${r.modelVersion.label}, ${day(r.createdAt)} (${r.status})`, runKind: r.kind };
};
const findingTarget = (f: Prisma.RedTeamAttemptGetPayload<{ select: typeof findingTargetSelect }>): RiskLinkTarget => ({
  label: `Red-team finding: ${f.category} (${f.severity}${f.succeeded ? ", attack succeeded" : ""}) in “${f.campaign.name}”`,
  campaignId: f.campaignId,
});
const incidentTarget = (i: { title: string; status: string }): RiskLinkTarget => ({ label: `Incident: ${i.title} (${i.status})` });
const reviewTarget = (r: { title: string; status: string }): RiskLinkTarget => ({ label: `Release review: ${r.title} (${r.status})` });

/** Labels of link targets, looked up per kind in the caller's organisation. */
async function linkTargets(orgId: string, links: readonly Pick<RiskLink, "kind" | "targetId">[]): Promise<Map<string, RiskLinkTarget>> {
  const ids = (kind: RiskLink["kind"]) => links.filter((l) => l.kind === kind).map((l) => l.targetId);
  const [runs, findings, incidents, reviews] = await Promise.all([
    prisma.evaluationRun.findMany({ where: { orgId, id: { in: ids("run") } }, select: runTargetSelect }),
    prisma.redTeamAttempt.findMany({ where: { orgId, id: { in: ids("finding") } }, select: findingTargetSelect }),
    prisma.incident.findMany({ where: { orgId, id: { in: ids("incident") } }, select: titledTargetSelect }),
    prisma.releaseReview.findMany({ where: { orgId, id: { in: ids("review") } }, select: titledTargetSelect }),
  ]);
  const out = new Map<string, RiskLinkTarget>();
  for (const r of runs) out.set(`run:${r.id}`, runTarget(r));
  for (const f of findings) out.set(`finding:${f.id}`, findingTarget(f));
  for (const i of incidents) out.set(`incident:${i.id}`, incidentTarget(i));
  for (const r of reviews) out.set(`review:${r.id}`, reviewTarget(r));
  return out;
}

export type RiskLinkCandidate = { kind: RiskLink["kind"]; targetId: string; label: string };

/** How many candidates of each kind are offered, newest first. */
const CANDIDATES_PER_KIND = 50;

/**
 * What may be linked to a risk, for a picker: the runs, red-team findings and
 * release reviews of its system's versions, and incidents of its system or of
 * none, newest first, leaving out those already linked. The API accepts any
 * target of the organisation; this only narrows the choice to the likely ones.
 */
export async function listRiskLinkCandidates(ctx: ServiceContext, riskId: string): Promise<RiskLinkCandidate[]> {
  assertCan(ctx, "org.read");
  const risk = await findRisk(ctx, riskId);
  const linked = new Set((await prisma.riskLink.findMany({ where: { riskId: risk.id }, select: { kind: true, targetId: true } })).map((l) => `${l.kind}:${l.targetId}`));
  const ofSystem = { orgId: ctx.orgId, modelVersion: { systemId: risk.systemId } };
  const newest = { orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }], take: CANDIDATES_PER_KIND };
  const [runs, findings, incidents, reviews] = await Promise.all([
    prisma.evaluationRun.findMany({ where: ofSystem, select: runTargetSelect, ...newest }),
    prisma.redTeamAttempt.findMany({ where: { orgId: ctx.orgId, campaign: { modelVersion: { systemId: risk.systemId } } }, select: findingTargetSelect, ...newest }),
    prisma.incident.findMany({ where: { orgId: ctx.orgId, OR: [{ systemId: risk.systemId }, { systemId: null }] }, select: titledTargetSelect, ...newest }),
    prisma.releaseReview.findMany({ where: ofSystem, select: titledTargetSelect, ...newest }),
  ]);
  const all: RiskLinkCandidate[] = [
    ...runs.map((r) => ({ kind: "run" as const, targetId: r.id, label: runTarget(r).label })),
    ...findings.map((f) => ({ kind: "finding" as const, targetId: f.id, label: findingTarget(f).label })),
    ...incidents.map((i) => ({ kind: "incident" as const, targetId: i.id, label: incidentTarget(i).label })),
    ...reviews.map((r) => ({ kind: "review" as const, targetId: r.id, label: reviewTarget(r).label })),
  ];
  return all.filter((c) => !linked.has(`${c.kind}:${c.targetId}`));
}

async function linksOf(orgId: string, riskId: string): Promise<RiskLinkDto[]> {
  const links = await prisma.riskLink.findMany({ where: { riskId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const [targets, refs] = await Promise.all([linkTargets(orgId, links), userRefs(links.map((l) => l.createdById))]);
  return links.map((l) => ({
    id: l.id,
    kind: l.kind,
    targetId: l.targetId,
    target: targets.get(`${l.kind}:${l.targetId}`) ?? null,
    createdBy: refFor(refs, l.createdById),
    createdAt: l.createdAt,
  }));
}

export async function listRiskLinks(ctx: ServiceContext, riskId: string): Promise<RiskLinkDto[]> {
  assertCan(ctx, "org.read");
  const risk = await findRisk(ctx, riskId);
  return linksOf(ctx.orgId, risk.id);
}

export async function getRisk(ctx: ServiceContext, riskId: string): Promise<RiskDetail> {
  assertCan(ctx, "org.read");
  const row = await prisma.riskEntry.findFirst({
    where: { id: riskId, orgId: ctx.orgId },
    include: {
      ...summaryInclude,
      run: { select: { id: true, kind: true, status: true, createdAt: true, finishedAt: true, planVersion: { select: { checks: true } } } },
    },
  });
  if (!row) throw notFound("Risk");
  const [events, links] = await Promise.all([historyOf(ctx.orgId, row.id), linksOf(ctx.orgId, row.id)]);
  const refs = await userRefs([row.ownerId, row.createdById, ...events.flatMap((e) => (e.actorId ? [e.actorId] : []))]);
  const { run, ...rest } = row;
  // Plan versions are immutable and validated when written.
  const checks = run ? (run.planVersion.checks as unknown as PlanCheck[]) : [];
  return {
    ...toSummary(rest, refs, new Date()),
    createdBy: refFor(refs, row.createdById),
    run: run ? { id: run.id, kind: run.kind, status: run.status, createdAt: run.createdAt, finishedAt: run.finishedAt } : null,
    check: (row.checkId && checks.find((c) => c.id === row.checkId)) || null,
    links,
    history: events.map(({ actorId, ...e }) => ({ ...e, actor: actorId ? refFor(refs, actorId) : null })),
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

/** Takes the risk's row lock, so a status change and a mitigation change cannot interleave. */
export async function lockRisk(tx: Tx, riskId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM "RiskEntry" WHERE "id" = ${riskId} FOR UPDATE`;
}

/** Refuses "mitigated" unless the risk has mitigations and a run verified every one (409, naming the others). */
async function assertMayBeMitigated(tx: Tx, riskId: string): Promise<void> {
  const mitigations = await tx.mitigation.findMany({ where: { riskId }, select: { id: true, description: true, status: true }, orderBy: { createdAt: "asc" } });
  const gate = mitigatedGate(mitigations);
  if (!gate.allowed) {
    throw conflict(gate.message ?? "The risk cannot be marked mitigated.", {
      path: "status",
      missing: gate.missing.map((m) => ({ id: m.id, description: m.description, status: m.status })),
      failing: gate.failing.map((m) => ({ id: m.id, description: m.description, status: m.status })),
    });
  }
}

const ACCEPT_FORBIDDEN = "Only an approver or a product owner can accept a risk.";
const CLOSE_FORBIDDEN = "Only an approver or a product owner can close a risk that is neither mitigated nor accepted.";
const CLOSABLE_BY_ANY_EDITOR: ReadonlySet<RiskEntry["status"]> = new Set(["mitigated", "accepted"]);

export async function createRisk(ctx: ServiceContext, raw: unknown): Promise<RiskRecord> {
  assertCan(ctx, "risk.write");
  const input = createRiskSchema.parse(raw);
  if (input.status === "accepted" && !canAcceptRisk(ctx)) throw forbidden(ACCEPT_FORBIDDEN);
  // A new risk has no mitigations, so nothing has verified it yet.
  if (input.status === "mitigated") {
    throw conflict(
      "A new risk cannot start as mitigated: add a mitigation and verify it with a run on a later model version first.",
      { path: "status", missing: [], failing: [] },
    );
  }
  const scope = await resolveScope(ctx, input);
  const ownerId = input.ownerId ?? ctx.userId;
  await assertOwnerIsMember(ctx.orgId, ownerId);
  const residualLikelihood = input.residualLikelihood ?? null;
  const residualImpact = input.residualImpact ?? null;
  return mutate(ctx, async (tx, record) => {
    const created = await tx.riskEntry.create({
      data: {
        orgId: ctx.orgId,
        ...scope,
        statement: input.statement,
        category: input.category,
        controls: input.controls,
        likelihood: input.likelihood,
        impact: input.impact,
        severity: severityFor(input.likelihood, input.impact),
        residualLikelihood,
        residualImpact,
        residualSeverity: residualSeverityOf(residualLikelihood, residualImpact),
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

/** Whether an update does nothing but set the status to "accepted", which approvers may do without risk.write. */
function onlyAccepts(raw: unknown): boolean {
  if (!raw || typeof raw !== "object") return false;
  const entries = Object.entries(raw).filter(([, v]) => v !== undefined);
  return entries.length === 1 && entries[0]![0] === "status" && entries[0]![1] === "accepted";
}

/**
 * Applies the fields sent and re-derives both severities. The audit event
 * carries only what changed (severities included when they move).
 *
 * Status changes are checked: "mitigated" needs at least one mitigation and
 * every mitigation verified (409 otherwise, naming the ones in the way);
 * "accepted" needs an approver or a product owner (see canAcceptRisk), and so
 * does "closed" unless the risk was mitigated or accepted first.
 * An approver, who cannot otherwise edit risks, may send { status: "accepted" }.
 */
export async function updateRisk(ctx: ServiceContext, riskId: string, raw: unknown): Promise<RiskRecord> {
  if (!(onlyAccepts(raw) && canAcceptRisk(ctx))) assertCan(ctx, "risk.write");
  // Another organisation's risk is a 404 whatever the body says.
  const existing = await findRisk(ctx, riskId);
  const input: UpdateRiskInput = updateRiskSchema.parse(raw);

  const residualLikelihood = input.residualLikelihood === undefined ? existing.residualLikelihood : input.residualLikelihood;
  const residualImpact = input.residualImpact === undefined ? existing.residualImpact : input.residualImpact;
  if ((residualLikelihood === null) !== (residualImpact === null)) {
    throw invalid(RESIDUAL_PAIR_ERROR, { path: residualLikelihood === null ? "residualLikelihood" : "residualImpact" });
  }
  const likelihood = input.likelihood ?? existing.likelihood;
  const impact = input.impact ?? existing.impact;
  const next: Pick<RiskEntry, EditableField | (typeof DERIVED_FIELDS)[number]> = {
    statement: input.statement ?? existing.statement,
    category: input.category ?? existing.category,
    controls: input.controls ?? existing.controls,
    likelihood,
    impact,
    residualLikelihood,
    residualImpact,
    ownerId: input.ownerId ?? existing.ownerId,
    dueDate: input.dueDate === undefined ? existing.dueDate : input.dueDate,
    status: input.status ?? existing.status,
    severity: severityFor(likelihood, impact),
    residualSeverity: residualSeverityOf(residualLikelihood, residualImpact),
  };
  const changed = [...EDITABLE_FIELDS, ...DERIVED_FIELDS].filter((f) => !sameValue(next[f], existing[f]));
  if (changed.length === 0) return toRiskRecord(existing);
  if (changed.includes("ownerId")) await assertOwnerIsMember(ctx.orgId, next.ownerId);
  const statusChanged = changed.includes("status");
  if (statusChanged && next.status === "accepted" && !canAcceptRisk(ctx)) throw forbidden(ACCEPT_FORBIDDEN);
  // Closing an unmitigated, unaccepted risk takes it off the release gate with no evidence: that is an
  // acceptance in effect, so it needs someone who may accept.
  if (statusChanged && next.status === "closed" && !CLOSABLE_BY_ANY_EDITOR.has(existing.status) && !canAcceptRisk(ctx)) throw forbidden(CLOSE_FORBIDDEN);

  const before = pick(existing, changed);
  const after = pick(next, changed);

  return mutate(ctx, async (tx, record) => {
    if (statusChanged && next.status === "mitigated") {
      await lockRisk(tx, existing.id);
      await assertMayBeMitigated(tx, existing.id);
    }
    const updated = await tx.riskEntry.update({ where: { id: existing.id }, data: after });
    await record({ action: "risk.updated", entityType: "RiskEntry", entityId: existing.id, before, after });
    return toRiskRecord(updated);
  });
}

const LINK_TARGET_NAMES: Record<RiskLink["kind"], string> = {
  run: "run",
  finding: "red-team finding",
  incident: "incident",
  review: "release review",
};

/** Whether the target exists in the caller's organisation. */
async function linkTargetExists(orgId: string, kind: RiskLink["kind"], targetId: string): Promise<boolean> {
  const where = { id: targetId, orgId };
  switch (kind) {
    case "run":
      return (await prisma.evaluationRun.count({ where })) > 0;
    case "finding":
      return (await prisma.redTeamAttempt.count({ where })) > 0;
    case "incident":
      return (await prisma.incident.count({ where })) > 0;
    case "review":
      return (await prisma.releaseReview.count({ where })) > 0;
  }
}

/**
 * Links a run, red-team finding, incident or release review to the risk. The
 * target must exist in the organisation (400 otherwise: the request names
 * something that is not there); linking the same target twice is a 409.
 */
export async function addRiskLink(ctx: ServiceContext, riskId: string, raw: unknown): Promise<RiskLinkDto> {
  assertCan(ctx, "risk.write");
  const risk = await findRisk(ctx, riskId);
  const input = addRiskLinkSchema.parse(raw);
  if (!(await linkTargetExists(ctx.orgId, input.kind, input.targetId))) {
    throw invalid(`There is no ${LINK_TARGET_NAMES[input.kind]} with id “${input.targetId}” in this organisation.`, { path: "targetId" });
  }
  const duplicate = () => conflict(`That ${LINK_TARGET_NAMES[input.kind]} is already linked to this risk.`, { path: "targetId" });
  if (await prisma.riskLink.findUnique({ where: { riskId_kind_targetId: { riskId: risk.id, kind: input.kind, targetId: input.targetId } } })) {
    throw duplicate();
  }
  try {
    const link = await mutate(ctx, async (tx, record) => {
      const created = await tx.riskLink.create({ data: { riskId: risk.id, kind: input.kind, targetId: input.targetId, createdById: ctx.userId } });
      await record({
        action: "risk.link_added",
        entityType: "RiskEntry",
        entityId: risk.id,
        after: { linkId: created.id, kind: created.kind, targetId: created.targetId },
      });
      return created;
    });
    return (await linksOf(ctx.orgId, risk.id)).find((l) => l.id === link.id)!;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

export async function removeRiskLink(ctx: ServiceContext, riskId: string, linkId: string): Promise<void> {
  assertCan(ctx, "risk.write");
  const risk = await findRisk(ctx, riskId);
  const link = await prisma.riskLink.findFirst({ where: { id: linkId, riskId: risk.id } });
  if (!link) throw notFound("Link");
  await mutate(ctx, async (tx, record) => {
    await tx.riskLink.delete({ where: { id: link.id } });
    await record({
      action: "risk.link_removed",
      entityType: "RiskEntry",
      entityId: risk.id,
      before: { linkId: link.id, kind: link.kind, targetId: link.targetId },
    });
  });
}
