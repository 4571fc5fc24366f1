import {
  canMoveIncidentStatus,
  compareLevels,
  correctiveActionState,
  INCIDENT_LEVEL_LABELS,
  isLifecycleKind,
  levelAfterSeverityChange,
  levelForSeverity,
  onTimeCompletion,
  resolutionGapMessage,
  resolutionGaps,
  ROOT_CAUSE_LABELS,
  severityForLevel,
  statusAfterEvent,
  timeToMitigate,
  timeToReproduce,
  type CorrectiveActionState,
  type OnTimeCompletion,
  type ResolutionGap,
} from "@assay/core";
import { prisma, type Incident, type IncidentLevel, type IncidentSource, type IncidentStatus, type Prisma, type RootCause, type Tx } from "@assay/db";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, invalid, notFound } from "../errors";
import { flushGovernanceWebhooks } from "../notifications/notify";
import { refFor, userRefs, type UserRef } from "../registry/systems";
import { levelDefinitionsOf } from "./levels";
import {
  incidentNoteSchema,
  listIncidentsFilterSchema,
  logIncidentEventSchema,
  openIncidentSchema,
  openManualIncidentSchema,
  updateIncidentSchema,
} from "./schemas";
import { assertOwnerIsMember, detectionTimes, levelLabel, lockIncident, notifyIncident, recurrences, type IncidentRecurrence } from "./shared";

export type IncidentSummary = {
  id: string;
  title: string;
  /** The alert-style severity; follows the level. */
  severity: Incident["severity"];
  /** Sev-1 … Sev-4 or near miss; null for incidents opened before levels existed. */
  level: IncidentLevel | null;
  source: IncidentSource;
  status: IncidentStatus;
  owner: UserRef;
  createdBy: UserRef;
  createdAt: Date;
  updatedAt: Date;
  /** When it was detected: the "detected" event, else the alert's firing, else the opening. */
  detectedAt: Date;
  system: { id: string; name: string } | null;
  modelVersion: { id: string; label: string } | null;
  monitor: { id: string; name: string } | null;
  alertId: string | null;
  rootCause: RootCause | null;
  /** Set when the system had another incident with the same root cause in the 90 days before this one. */
  recurrence: IncidentRecurrence | null;
};

export type IncidentTimelineEvent = { id: string; kind: string; actor: UserRef | null; note: string; occurredAt: Date; createdAt: Date };

/** The evidence the incident was opened from: the alert, the window it fired on and its monitor. */
export type IncidentEvidence = {
  alert: {
    id: string;
    state: string;
    severity: string;
    message: string;
    value: number | null;
    firedAt: Date;
    windowStart: Date;
    rule: { id: string; name: string; valueKey: string; kind: string };
  };
  window: { id: string; windowStart: Date; windowEnd: Date; status: string } | null;
};

export type CorrectiveActionView = {
  id: string;
  description: string;
  owner: UserRef;
  dueDate: Date;
  completedAt: Date | null;
  state: CorrectiveActionState;
  /** The regression test it adds. */
  suiteItem: { id: string; externalId: string; category: string; suite: { id: string; key: string; name: string }; suiteVersion: number } | null;
  /** The monitor it adds. */
  monitor: { id: string; name: string } | null;
  createdBy: UserRef;
  createdAt: Date;
};

export type IncidentMetrics = {
  timeToReproduceMs: number | null;
  timeToMitigateMs: number | null;
  correctiveActions: OnTimeCompletion;
};

export type IncidentDetail = IncidentSummary & {
  evidence: IncidentEvidence | null;
  timeline: IncidentTimelineEvent[];
  /** Containment actions taken, one per line, oldest first. */
  containment: string;
  rootCauseDetail: string;
  correctiveActions: CorrectiveActionView[];
  metrics: IncidentMetrics;
  /** What is missing before it can be resolved (empty when it can be). */
  resolutionGaps: ResolutionGap[];
  /** The organisation's definition of the incident's level. */
  levelDefinition: string | null;
};

/**
 * Incidents move forward (steps may be skipped: a false alarm goes straight
 * to resolved). The one step back is mitigated → investigating, when a
 * mitigation did not hold. Resolved is final.
 */
export function canMoveIncident(from: IncidentStatus, to: IncidentStatus): boolean {
  return canMoveIncidentStatus(from, to);
}

type Named = { id: string; name: string };

async function monitorNames(orgId: string, ids: readonly (string | null)[]): Promise<Map<string, Named>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const monitors = await prisma.monitor.findMany({ where: { orgId, id: { in: unique } }, select: { id: true, name: true } });
  return new Map(monitors.map((m) => [m.id, m]));
}

async function systemNames(orgId: string, ids: readonly (string | null)[]): Promise<Map<string, Named>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const systems = await prisma.aiSystem.findMany({ where: { orgId, id: { in: unique } }, select: { id: true, name: true } });
  return new Map(systems.map((s) => [s.id, s]));
}

async function versionLabels(orgId: string, ids: readonly (string | null)[]): Promise<Map<string, { id: string; label: string }>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const versions = await prisma.modelVersion.findMany({ where: { orgId, id: { in: unique } }, select: { id: true, label: true } });
  return new Map(versions.map((v) => [v.id, v]));
}

type SummaryLookups = {
  refs: Map<string, UserRef>;
  monitors: Map<string, Named>;
  systems: Map<string, Named>;
  versions: Map<string, { id: string; label: string }>;
  detected: Map<string, Date>;
  recurring: Map<string, IncidentRecurrence>;
};

async function summaryLookups(orgId: string, rows: readonly Incident[], extraUserIds: readonly string[] = []): Promise<SummaryLookups> {
  const [refs, monitors, systems, versions, detected] = await Promise.all([
    userRefs([...rows.flatMap((r) => [r.ownerId, r.createdById]), ...extraUserIds]),
    monitorNames(orgId, rows.map((r) => r.monitorId)),
    systemNames(orgId, rows.map((r) => r.systemId)),
    versionLabels(orgId, rows.map((r) => r.modelVersionId)),
    detectionTimes(prisma, rows),
  ]);
  const recurring = await recurrences(orgId, rows.map((r) => ({ id: r.id, systemId: r.systemId, rootCause: r.rootCause, detectedAt: detected.get(r.id)! })));
  return { refs, monitors, systems, versions, detected, recurring };
}

function toSummary(incident: Incident, l: SummaryLookups): IncidentSummary {
  return {
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    level: incident.level,
    source: incident.source,
    status: incident.status,
    owner: refFor(l.refs, incident.ownerId),
    createdBy: refFor(l.refs, incident.createdById),
    createdAt: incident.createdAt,
    updatedAt: incident.updatedAt,
    detectedAt: l.detected.get(incident.id) ?? incident.createdAt,
    system: incident.systemId ? (l.systems.get(incident.systemId) ?? null) : null,
    modelVersion: incident.modelVersionId ? (l.versions.get(incident.modelVersionId) ?? null) : null,
    monitor: incident.monitorId ? (l.monitors.get(incident.monitorId) ?? null) : null,
    alertId: incident.alertId,
    rootCause: incident.rootCause,
    recurrence: l.recurring.get(incident.id) ?? null,
  };
}

const ACTIVE_FIRST: Record<IncidentStatus, number> = { open: 0, investigating: 0, mitigated: 1, resolved: 2 };
const effectiveLevel = (i: Pick<IncidentSummary, "level" | "severity">) => i.level ?? levelForSeverity(i.severity);

/** Unresolved first, then the most severe level, then the newest. */
export async function listIncidents(ctx: ServiceContext, rawFilter: unknown = {}): Promise<IncidentSummary[]> {
  assertCan(ctx, "org.read");
  const filter = listIncidentsFilterSchema.parse(rawFilter ?? {});
  const rows = await prisma.incident.findMany({
    where: {
      orgId: ctx.orgId,
      ...(filter.status?.length ? { status: { in: filter.status } } : {}),
      ...(filter.level?.length ? { level: { in: filter.level } } : {}),
      ...(filter.source?.length ? { source: { in: filter.source } } : {}),
      ...(filter.systemId ? { systemId: filter.systemId } : {}),
      ...(filter.monitorId ? { monitorId: filter.monitorId } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const lookups = await summaryLookups(ctx.orgId, rows);
  return rows
    .map((r) => toSummary(r, lookups))
    .filter((i) => filter.recurring === undefined || (i.recurrence !== null) === filter.recurring)
    .sort(
      (a, b) =>
        ACTIVE_FIRST[a.status] - ACTIVE_FIRST[b.status] || compareLevels(effectiveLevel(a), effectiveLevel(b)) || b.createdAt.getTime() - a.createdAt.getTime(),
    );
}

export async function getIncident(ctx: ServiceContext, incidentId: string): Promise<IncidentDetail> {
  assertCan(ctx, "org.read");
  const row = await prisma.incident.findFirst({
    where: { id: incidentId, orgId: ctx.orgId },
    include: {
      timeline: { orderBy: [{ occurredAt: "asc" }, { createdAt: "asc" }, { id: "asc" }] },
      alert: { include: { rule: { select: { id: true, name: true, valueKey: true, kind: true } } } },
      correctiveActions: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!row) throw notFound("Incident");
  const { timeline, alert, correctiveActions, ...incident } = row;
  const suiteItemIds = correctiveActions.flatMap((a) => (a.suiteItemId ? [a.suiteItemId] : []));
  const [lookups, window, actionMonitors, suiteItems, definitions] = await Promise.all([
    summaryLookups(ctx.orgId, [incident], [...timeline.flatMap((e) => (e.actorId ? [e.actorId] : [])), ...correctiveActions.flatMap((a) => [a.ownerId, a.createdById])]),
    alert
      ? prisma.monitorWindow.findUnique({
          where: { monitorId_windowStart: { monitorId: alert.monitorId, windowStart: alert.windowStart } },
          select: { id: true, windowStart: true, windowEnd: true, status: true },
        })
      : null,
    monitorNames(ctx.orgId, correctiveActions.map((a) => a.monitorId)),
    suiteItemIds.length
      ? prisma.safetySuiteItem.findMany({
          where: { id: { in: suiteItemIds }, suiteVersion: { suite: { orgId: ctx.orgId } } },
          select: { id: true, externalId: true, category: true, suiteVersion: { select: { version: true, suite: { select: { id: true, key: true, name: true } } } } },
        })
      : [],
    levelDefinitionsOf(ctx.orgId),
  ]);
  const items = new Map(suiteItems.map((i) => [i.id, i]));
  const summary = toSummary(incident, lookups);
  const now = new Date();
  const points = timeline.map((e) => ({ kind: e.kind, occurredAt: e.occurredAt }));
  return {
    ...summary,
    evidence: alert
      ? {
          alert: {
            id: alert.id,
            state: alert.state,
            severity: alert.severity,
            message: alert.message,
            value: alert.value,
            firedAt: alert.firedAt,
            windowStart: alert.windowStart,
            rule: alert.rule,
          },
          window,
        }
      : null,
    timeline: timeline.map((e) => ({
      id: e.id,
      kind: e.kind,
      actor: e.actorId ? refFor(lookups.refs, e.actorId) : null,
      note: e.note,
      occurredAt: e.occurredAt,
      createdAt: e.createdAt,
    })),
    containment: incident.containment,
    rootCauseDetail: incident.rootCauseDetail,
    correctiveActions: correctiveActions.map((a) => {
      const item = a.suiteItemId ? items.get(a.suiteItemId) : undefined;
      return {
        id: a.id,
        description: a.description,
        owner: refFor(lookups.refs, a.ownerId),
        dueDate: a.dueDate,
        completedAt: a.completedAt,
        state: correctiveActionState(a, now),
        suiteItem: item ? { id: item.id, externalId: item.externalId, category: item.category, suite: item.suiteVersion.suite, suiteVersion: item.suiteVersion.version } : null,
        monitor: a.monitorId ? (actionMonitors.get(a.monitorId) ?? null) : null,
        createdBy: refFor(lookups.refs, a.createdById),
        createdAt: a.createdAt,
      };
    }),
    metrics: {
      timeToReproduceMs: timeToReproduce({ detectedAt: summary.detectedAt, events: points }),
      timeToMitigateMs: timeToMitigate({ detectedAt: summary.detectedAt, events: points }),
      correctiveActions: onTimeCompletion(correctiveActions, now),
    },
    resolutionGaps: incident.status === "resolved" ? [] : resolutionGaps({ rootCause: incident.rootCause, correctiveActions }),
    levelDefinition: incident.level ? definitions[incident.level] : null,
  };
}

function incidentAuditView(
  incident: Pick<
    Incident,
    "title" | "severity" | "level" | "source" | "status" | "ownerId" | "alertId" | "monitorId" | "systemId" | "modelVersionId" | "rootCause" | "rootCauseDetail"
  >,
) {
  return {
    title: incident.title,
    severity: incident.severity,
    level: incident.level,
    source: incident.source,
    status: incident.status,
    ownerId: incident.ownerId,
    alertId: incident.alertId,
    monitorId: incident.monitorId,
    systemId: incident.systemId,
    modelVersionId: incident.modelVersionId,
    rootCause: incident.rootCause,
    rootCauseDetail: incident.rootCauseDetail,
  };
}
type AuditField = keyof ReturnType<typeof incidentAuditView>;

/** 409 unless the incident has what resolving needs: a root cause and a corrective action linked to a suite item or a monitor. */
async function assertResolvable(tx: Tx, incidentId: string, rootCause: RootCause | null) {
  const actions = await tx.correctiveAction.findMany({ where: { incidentId }, select: { suiteItemId: true, monitorId: true } });
  const gaps = resolutionGaps({ rootCause, correctiveActions: actions });
  if (gaps.length > 0) throw conflict(resolutionGapMessage(gaps), { missing: gaps });
}

export type OpenIncidentResult = { created: boolean; incident: IncidentDetail };

/**
 * Opens the incident for an alert in one step: the title and severity come
 * from the alert (the level follows the severity), the owner is the caller
 * unless another member is named, and the affected system and version are
 * the monitor's. An alert has at most one incident; asking again returns it
 * (created: false). A new incident notifies its owner, the system's owners
 * and the approvers.
 */
export async function openIncidentFromAlert(ctx: ServiceContext, alertId: string, raw: unknown): Promise<OpenIncidentResult> {
  assertCan(ctx, "incident.write");
  const alert = await prisma.alert.findFirst({
    where: { id: alertId, orgId: ctx.orgId },
    include: { rule: { select: { name: true } }, monitor: { select: { name: true, modelVersionId: true, modelVersion: { select: { systemId: true } } } } },
  });
  if (!alert) throw notFound("Alert");
  const input = openIncidentSchema.parse(raw ?? {});
  const ownerId = input.ownerId ?? ctx.userId;
  if (input.ownerId) await assertOwnerIsMember(ctx.orgId, ownerId);
  const title = input.title ?? `${alert.rule.name} on ${alert.monitor.name}`.slice(0, 200);
  const severity = input.severity ?? alert.severity;

  const opened = await mutate(ctx, async (tx, record) => {
    // ON CONFLICT (alertId) DO NOTHING: two clicks at once still make one incident.
    const inserted = await tx.incident.createMany({
      data: [
        {
          orgId: ctx.orgId,
          monitorId: alert.monitorId,
          alertId: alert.id,
          title,
          severity,
          level: levelForSeverity(severity),
          source: "alert",
          systemId: alert.monitor.modelVersion.systemId,
          modelVersionId: alert.monitor.modelVersionId,
          ownerId,
          createdById: ctx.userId,
        },
      ],
      skipDuplicates: true,
    });
    const incident = await tx.incident.findUniqueOrThrow({ where: { alertId: alert.id } });
    if (inserted.count === 0) return { id: incident.id, created: false };
    await tx.incidentEvent.create({ data: { incidentId: incident.id, actorId: ctx.userId, kind: "opened", note: `Opened from alert: ${alert.message}` } });
    await record({ action: "incident.opened", entityType: "Incident", entityId: incident.id, after: incidentAuditView(incident) });
    await notifyIncident(tx, incident, "incident.opened", `incident:${incident.id}:opened`, `Opened from alert: ${alert.message}`);
    return { id: incident.id, created: true };
  });
  if (opened.created) await flushGovernanceWebhooks(ctx.orgId);
  return { created: opened.created, incident: await getIncident(ctx, opened.id) };
}

/**
 * Opens an incident someone reports (a user, the red team, internal testing):
 * the affected system is required, the version optional (it must be the
 * system's), the owner defaults to the caller and the detection time to now.
 * The timeline starts with a "detected" event at that time. The owner, the
 * system's owners and the approvers are notified.
 */
export async function openIncident(ctx: ServiceContext, raw: unknown): Promise<IncidentDetail> {
  assertCan(ctx, "incident.write");
  const input = openManualIncidentSchema.parse(raw ?? {});
  const system = await prisma.aiSystem.findFirst({ where: { id: input.systemId, orgId: ctx.orgId }, select: { id: true } });
  if (!system) throw invalid("Choose an affected system of this organisation.", { path: "systemId" });
  if (input.modelVersionId) {
    const version = await prisma.modelVersion.findFirst({ where: { id: input.modelVersionId, orgId: ctx.orgId, systemId: system.id }, select: { id: true } });
    if (!version) throw invalid("The version must be a version of the affected system.", { path: "modelVersionId" });
  }
  const ownerId = input.ownerId ?? ctx.userId;
  if (input.ownerId) await assertOwnerIsMember(ctx.orgId, ownerId);
  const detectedAt = input.detectedAt ?? new Date();

  const id = await mutate(ctx, async (tx, record) => {
    const incident = await tx.incident.create({
      data: {
        orgId: ctx.orgId,
        title: input.title,
        level: input.level,
        severity: severityForLevel(input.level),
        source: input.source,
        systemId: system.id,
        modelVersionId: input.modelVersionId ?? null,
        ownerId,
        createdById: ctx.userId,
      },
    });
    await tx.incidentEvent.create({ data: { incidentId: incident.id, actorId: ctx.userId, kind: "detected", occurredAt: detectedAt, note: input.description ?? "" } });
    await record({ action: "incident.opened", entityType: "Incident", entityId: incident.id, after: { ...incidentAuditView(incident), detectedAt: detectedAt.toISOString() } });
    await notifyIncident(tx, incident, "incident.opened", `incident:${incident.id}:opened`, input.description ?? "");
    return incident.id;
  });
  await flushGovernanceWebhooks(ctx.orgId);
  return getIncident(ctx, id);
}

const ARROW = "→";

async function findIncidentId(ctx: ServiceContext, incidentId: string): Promise<string> {
  const existing = await prisma.incident.findFirst({ where: { id: incidentId, orgId: ctx.orgId }, select: { id: true } });
  if (!existing) throw notFound("Incident");
  return existing.id;
}

/**
 * Changes title, status, level (or the alert-style severity; each follows
 * the other), owner, root cause, or appends a containment action. Each change
 * is its own timeline entry (with the note, if one was given); the audit
 * event lists what changed. Resolving needs a root cause and a linked
 * corrective action (409 naming what is missing); a level change notifies.
 */
export async function updateIncident(ctx: ServiceContext, incidentId: string, raw: unknown): Promise<IncidentDetail> {
  assertCan(ctx, "incident.write");
  const id = await findIncidentId(ctx, incidentId);
  const input = updateIncidentSchema.parse(raw);
  if (input.level !== undefined && input.severity !== undefined && severityForLevel(input.level) !== input.severity) {
    throw invalid(`${INCIDENT_LEVEL_LABELS[input.level]} corresponds to severity ${severityForLevel(input.level)}, not ${input.severity}; send the level alone.`, { path: "severity" });
  }
  if (input.ownerId) await assertOwnerIsMember(ctx.orgId, input.ownerId);

  const notifyLevel = await mutate(ctx, async (tx, record) => {
    await lockIncident(tx, id);
    const current = await tx.incident.findUniqueOrThrow({ where: { id } });
    if (input.status !== undefined && input.status !== current.status && !canMoveIncident(current.status, input.status)) {
      throw conflict(
        current.status === "resolved"
          ? "This incident is resolved; it cannot change status."
          : `An incident cannot move from ${current.status} back to ${input.status}.`,
        { status: current.status },
      );
    }
    if (input.status === "resolved" && current.status !== "resolved") await assertResolvable(tx, id, input.rootCause ?? current.rootCause);

    const data: Prisma.IncidentUpdateInput = {};
    const events: Array<{ kind: string; note: string }> = [];
    const suffix = input.note ? `. ${input.note}` : "";
    if (input.status !== undefined && input.status !== current.status) {
      data.status = input.status;
      events.push({ kind: "status_changed", note: `${current.status} ${ARROW} ${input.status}${suffix}` });
    }
    const level = input.level ?? (input.severity !== undefined ? levelAfterSeverityChange(current.level, input.severity) : current.level);
    const severity = input.level !== undefined ? severityForLevel(input.level) : (input.severity ?? current.severity);
    if (level !== current.level) {
      data.level = level;
      if (input.level !== undefined) events.push({ kind: "level_changed", note: `${levelLabel(current.level)} ${ARROW} ${levelLabel(level)}${suffix}` });
    }
    if (severity !== current.severity) {
      data.severity = severity;
      if (input.level === undefined) events.push({ kind: "severity_changed", note: `${current.severity} ${ARROW} ${severity}${suffix}` });
    }
    if (input.ownerId !== undefined && input.ownerId !== current.ownerId) {
      data.ownerId = input.ownerId;
      const refs = await userRefs([current.ownerId, input.ownerId]);
      events.push({ kind: "owner_changed", note: `${refFor(refs, current.ownerId).name} ${ARROW} ${refFor(refs, input.ownerId).name}${suffix}` });
    }
    if (input.title !== undefined && input.title !== current.title) {
      data.title = input.title;
      events.push({ kind: "title_changed", note: `“${input.title}”${suffix}` });
    }
    const rootCause = input.rootCause ?? current.rootCause;
    const rootCauseDetail = input.rootCauseDetail ?? current.rootCauseDetail;
    if (rootCause !== current.rootCause || rootCauseDetail !== current.rootCauseDetail) {
      if (!rootCause) throw invalid("Choose a root cause from the taxonomy before describing it.", { path: "rootCause" });
      if (rootCause !== current.rootCause) data.rootCause = rootCause;
      if (rootCauseDetail !== current.rootCauseDetail) data.rootCauseDetail = rootCauseDetail;
      events.push({ kind: "root_cause_set", note: `${ROOT_CAUSE_LABELS[rootCause]}${rootCauseDetail ? `: ${rootCauseDetail}` : ""}` });
    }
    if (input.containmentAction !== undefined) {
      data.containment = current.containment ? `${current.containment}\n${input.containmentAction}` : input.containmentAction;
      events.push({ kind: "containment_added", note: input.containmentAction });
    }
    if (events.length === 0 && Object.keys(data).length === 0) return null;
    const updated = await tx.incident.update({ where: { id }, data });
    for (const event of events) await tx.incidentEvent.create({ data: { incidentId: id, actorId: ctx.userId, ...event } });
    const fields = (Object.keys(data) as string[]).filter((f): f is AuditField => f !== "containment");
    const before = incidentAuditView(current);
    const after = incidentAuditView(updated);
    await record({
      action: "incident.updated",
      entityType: "Incident",
      entityId: id,
      before: Object.fromEntries(fields.map((f) => [f, before[f]])),
      after: {
        ...Object.fromEntries(fields.map((f) => [f, after[f]])),
        ...(input.containmentAction !== undefined ? { containmentAction: input.containmentAction } : {}),
        ...(input.note ? { note: input.note } : {}),
      },
    });
    if (updated.level === current.level) return null;
    const changedAt = new Date();
    await notifyIncident(
      tx,
      updated,
      "incident.severity_changed",
      `incident:${id}:level:${updated.level}:${changedAt.getTime()}`,
      `${levelLabel(current.level)} ${ARROW} ${levelLabel(updated.level)}${suffix}`,
    );
    return updated.level;
  });
  if (notifyLevel) await flushGovernanceWebhooks(ctx.orgId);
  return getIncident(ctx, id);
}

/** Appends a note to the timeline; the timeline is append-only. */
export async function addIncidentNote(ctx: ServiceContext, incidentId: string, raw: unknown): Promise<IncidentDetail> {
  assertCan(ctx, "incident.write");
  const id = await findIncidentId(ctx, incidentId);
  const { note } = incidentNoteSchema.parse(raw);
  await mutate(ctx, async (tx, record) => {
    const event = await tx.incidentEvent.create({ data: { incidentId: id, actorId: ctx.userId, kind: "note", note } });
    await record({ action: "incident.noted", entityType: "Incident", entityId: id, after: { eventId: event.id, note } });
  });
  return getIncident(ctx, id);
}

/**
 * Logs what happened and when (detected, reproduced, contained, mitigated,
 * resolved, or a note). The time may be in the past, not in the future, and
 * nothing but a detection precedes the detection. The status follows the
 * latest lifecycle event: reproduced → investigating, contained/mitigated →
 * mitigated, resolved → resolved (which needs a root cause and a linked
 * corrective action: 409 naming what is missing). A resolved incident takes
 * notes only.
 */
export async function logIncidentEvent(ctx: ServiceContext, incidentId: string, raw: unknown): Promise<IncidentDetail> {
  assertCan(ctx, "incident.write");
  const id = await findIncidentId(ctx, incidentId);
  const input = logIncidentEventSchema.parse(raw ?? {});
  const occurredAt = input.occurredAt ?? new Date();

  await mutate(ctx, async (tx, record) => {
    await lockIncident(tx, id);
    const current = await tx.incident.findUniqueOrThrow({ where: { id } });
    const lifecycle = isLifecycleKind(input.kind);
    if (lifecycle && current.status === "resolved") throw conflict("This incident is resolved; add a note instead.", { status: current.status });
    if (lifecycle && input.kind !== "detected") {
      const detectedAt = (await detectionTimes(tx, [current])).get(id)!;
      // Times are entered to the minute; a minute's slack keeps "10:05" valid for a detection at 10:05:30.
      if (occurredAt.getTime() < detectedAt.getTime() - 60_000) {
        throw invalid(`It cannot have been ${input.kind} before the incident was detected (${detectedAt.toISOString()}).`, { path: "occurredAt" });
      }
    }
    if (input.kind === "resolved") await assertResolvable(tx, id, current.rootCause);
    const others = lifecycle
      ? await tx.incidentEvent.findMany({ where: { incidentId: id, kind: { in: ["detected", "reproduced", "contained", "mitigated", "resolved", "status_changed"] } }, select: { kind: true, occurredAt: true } })
      : [];
    const status = statusAfterEvent(current.status, { kind: input.kind, occurredAt }, others);
    const event = await tx.incidentEvent.create({ data: { incidentId: id, actorId: ctx.userId, kind: input.kind, note: input.note, occurredAt } });
    if (status !== current.status) await tx.incident.update({ where: { id }, data: { status } });
    else await tx.incident.update({ where: { id }, data: { updatedAt: new Date() } });
    await record({
      action: input.kind === "note" ? "incident.noted" : "incident.event_logged",
      entityType: "Incident",
      entityId: id,
      ...(status !== current.status ? { before: { status: current.status } } : {}),
      after: { eventId: event.id, kind: input.kind, occurredAt: occurredAt.toISOString(), note: input.note, ...(status !== current.status ? { status } : {}) },
    });
  });
  return getIncident(ctx, id);
}
