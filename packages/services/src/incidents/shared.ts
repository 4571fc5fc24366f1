import {
  findRecurrence,
  INCIDENT_LEVEL_LABELS,
  INCIDENT_SOURCE_LABELS,
  RECURRENCE_WINDOW_DAYS,
  severityForLevel,
  type IncidentLevel,
  type Severity,
} from "@assay/core";
import { prisma, type Incident, type RootCause, type Tx } from "@assay/db";
import { invalid } from "../errors";
import { notify } from "../notifications/notify";

type Db = Tx | typeof prisma;

export async function assertOwnerIsMember(orgId: string, ownerId: string, path = "ownerId") {
  const membership = await prisma.membership.findUnique({ where: { orgId_userId: { orgId, userId: ownerId } }, select: { id: true } });
  if (!membership) throw invalid("The owner must be a member of this organisation.", { path });
}

/** Locks the incident row for the rest of the transaction, so concurrent changes apply one after another. */
export async function lockIncident(tx: Tx, incidentId: string) {
  await tx.$executeRaw`SELECT 1 FROM "Incident" WHERE id = ${incidentId} FOR UPDATE`;
}

/**
 * When each incident was detected: its earliest "detected" event, else the
 * firing of the alert it was opened from, else its opening.
 */
export async function detectionTimes(
  db: Db,
  incidents: ReadonlyArray<Pick<Incident, "id" | "createdAt" | "alertId">>,
): Promise<Map<string, Date>> {
  if (incidents.length === 0) return new Map();
  const ids = incidents.map((i) => i.id);
  const alertIds = incidents.flatMap((i) => (i.alertId ? [i.alertId] : []));
  const [detected, alerts] = await Promise.all([
    db.incidentEvent.groupBy({ by: ["incidentId"], where: { incidentId: { in: ids }, kind: "detected" }, _min: { occurredAt: true } }),
    alertIds.length ? db.alert.findMany({ where: { id: { in: alertIds } }, select: { id: true, firedAt: true } }) : Promise.resolve([]),
  ]);
  const detectedBy = new Map(detected.map((d) => [d.incidentId, d._min.occurredAt]));
  const firedBy = new Map(alerts.map((a) => [a.id, a.firedAt]));
  return new Map(
    incidents.map((i) => {
      const fallback = (i.alertId ? firedBy.get(i.alertId) : undefined) ?? i.createdAt;
      return [i.id, detectedBy.get(i.id) ?? fallback];
    }),
  );
}

export type IncidentRecurrence = {
  /** The earlier incident this one repeats. */
  incidentId: string;
  title: string;
  detectedAt: Date;
  rootCause: RootCause;
  windowDays: number;
};

/**
 * Recurrence is computed on read: for each incident with a system and a root
 * cause, the latest other incident of that system with the same root cause
 * detected in the 90 days before it.
 */
export async function recurrences(
  orgId: string,
  incidents: ReadonlyArray<{ id: string; systemId: string | null; rootCause: RootCause | null; detectedAt: Date }>,
): Promise<Map<string, IncidentRecurrence>> {
  const relevant = incidents.filter((i) => i.systemId && i.rootCause);
  if (relevant.length === 0) return new Map();
  const candidates = await prisma.incident.findMany({
    where: {
      orgId,
      systemId: { in: [...new Set(relevant.map((i) => i.systemId!))] },
      rootCause: { in: [...new Set(relevant.map((i) => i.rootCause!))] },
    },
    select: { id: true, title: true, systemId: true, rootCause: true, createdAt: true, alertId: true },
  });
  const detected = await detectionTimes(prisma, candidates);
  const others = candidates.map((c) => ({ ...c, detectedAt: detected.get(c.id)! }));
  const result = new Map<string, IncidentRecurrence>();
  for (const incident of relevant) {
    const found = findRecurrence(incident, others);
    if (found) result.set(incident.id, { incidentId: found.id, title: found.title, detectedAt: found.detectedAt, rootCause: found.rootCause!, windowDays: RECURRENCE_WINDOW_DAYS });
  }
  return result;
}

export const levelLabel = (level: IncidentLevel | null) => (level ? INCIDENT_LEVEL_LABELS[level] : "Unclassified");

/** The severity an incident's notices carry: its level's, or the stored one for incidents from before levels. */
export const noticeSeverity = (incident: Pick<Incident, "level" | "severity">): Severity => (incident.level ? severityForLevel(incident.level) : incident.severity);

/**
 * In-app notices and webhook deliveries about an incident, in the caller's
 * transaction: to its owner, the owners of the affected system and every
 * approver. Flush the webhooks after the commit.
 */
export async function notifyIncident(
  tx: Tx,
  incident: Pick<Incident, "id" | "orgId" | "title" | "level" | "severity" | "ownerId" | "systemId" | "source">,
  event: "incident.opened" | "incident.severity_changed",
  subjectKey: string,
  body: string,
) {
  const system = incident.systemId ? await tx.aiSystem.findUnique({ where: { id: incident.systemId }, select: { id: true, name: true, ownerIds: true } }) : null;
  const what = event === "incident.opened" ? "Incident opened" : "Incident level changed";
  return notify(tx, {
    orgId: incident.orgId,
    event,
    recipients: { userIds: [incident.ownerId, ...(system?.ownerIds ?? [])], roles: ["approver"] },
    title: `${what} (${levelLabel(incident.level)}): ${incident.title}`,
    body: [body, `Source: ${INCIDENT_SOURCE_LABELS[incident.source]}.`, system ? `System: ${system.name}.` : ""].filter(Boolean).join(" "),
    path: `/incidents/${incident.id}`,
    subjectKey,
    subject: { type: "Incident", id: incident.id },
    system: system ? { id: system.id, name: system.name } : null,
    severity: noticeSeverity(incident),
  });
}
