/**
 * The incident timeline. People log lifecycle events (with the time they
 * happened, which may be earlier than when they are logged) and notes; the
 * service adds its own entries for changes (status, level, owner, …).
 */
export const INCIDENT_EVENT_KINDS = ["detected", "reproduced", "contained", "mitigated", "resolved", "note"] as const;
export type IncidentEventKind = (typeof INCIDENT_EVENT_KINDS)[number];

export const LIFECYCLE_EVENT_KINDS = ["detected", "reproduced", "contained", "mitigated", "resolved"] as const satisfies readonly IncidentEventKind[];
export type LifecycleEventKind = (typeof LIFECYCLE_EVENT_KINDS)[number];

export const INCIDENT_STATUSES = ["open", "investigating", "mitigated", "resolved"] as const;
export type IncidentStatusValue = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_EVENT_KIND_LABELS: Record<string, string> = {
  detected: "Detected",
  reproduced: "Reproduced",
  contained: "Contained",
  mitigated: "Mitigated",
  resolved: "Resolved",
  note: "Note",
  opened: "Opened",
  status_changed: "Status",
  severity_changed: "Severity",
  level_changed: "Level",
  owner_changed: "Owner",
  title_changed: "Title",
  root_cause_set: "Root cause",
  containment_added: "Containment",
  corrective_action_added: "Corrective action",
  corrective_action_updated: "Corrective action",
  corrective_action_completed: "Corrective action done",
};

export const isLifecycleKind = (kind: string): kind is LifecycleEventKind => (LIFECYCLE_EVENT_KINDS as readonly string[]).includes(kind);

/** The status a lifecycle event puts the incident in: reproduced → investigating, contained/mitigated → mitigated, resolved → resolved. */
export function statusForEventKind(kind: string): IncidentStatusValue | null {
  switch (kind) {
    case "detected":
      return "open";
    case "reproduced":
      return "investigating";
    case "contained":
    case "mitigated":
      return "mitigated";
    case "resolved":
      return "resolved";
    default:
      return null;
  }
}

const STATUS_ORDER: Record<IncidentStatusValue, number> = { open: 0, investigating: 1, mitigated: 2, resolved: 3 };

/**
 * Incidents move forward (steps may be skipped: a false alarm goes straight
 * to resolved). The one step back is mitigated → investigating, when a
 * mitigation did not hold. Resolved is final.
 */
export function canMoveIncidentStatus(from: IncidentStatusValue, to: IncidentStatusValue): boolean {
  if (from === "resolved") return false;
  if (from === "mitigated" && to === "investigating") return true;
  return STATUS_ORDER[to] > STATUS_ORDER[from];
}

/** A timeline entry that can set the status: a lifecycle event, or a direct status change. */
export type StatusBearingEvent = { kind: string; occurredAt: Date };

/**
 * The status after logging a lifecycle event: the incident follows its latest
 * lifecycle event, so a back-dated event that something later has overtaken
 * leaves the status alone; a move the workflow forbids (back to open, say)
 * leaves it alone too. Resolving always resolves.
 */
export function statusAfterEvent(
  current: IncidentStatusValue,
  event: { kind: string; occurredAt: Date },
  others: readonly StatusBearingEvent[],
): IncidentStatusValue {
  const target = statusForEventKind(event.kind);
  if (target === null || target === current) return current;
  if (target === "resolved") return canMoveIncidentStatus(current, target) ? target : current;
  const overtaken = others.some((e) => (isLifecycleKind(e.kind) || e.kind === "status_changed") && e.occurredAt.getTime() > event.occurredAt.getTime());
  if (overtaken) return current;
  return canMoveIncidentStatus(current, target) ? target : current;
}

/** What an incident still lacks before it may be resolved. */
export type ResolutionGap = "root_cause" | "linked_corrective_action";

export const RESOLUTION_GAP_LABELS: Record<ResolutionGap, string> = {
  root_cause: "a root cause",
  linked_corrective_action: "a corrective action linked to a regression suite item or a monitor",
};

/** A resolved incident needs a root cause and a corrective action that adds a regression test or a monitor. */
export function resolutionGaps(incident: {
  rootCause: string | null;
  correctiveActions: ReadonlyArray<{ suiteItemId: string | null; monitorId: string | null }>;
}): ResolutionGap[] {
  const gaps: ResolutionGap[] = [];
  if (!incident.rootCause) gaps.push("root_cause");
  if (!incident.correctiveActions.some((a) => a.suiteItemId !== null || a.monitorId !== null)) gaps.push("linked_corrective_action");
  return gaps;
}

/** "To resolve this incident, record a root cause and add …". */
export function resolutionGapMessage(gaps: readonly ResolutionGap[]): string {
  if (gaps.length === 0) return "";
  const parts = gaps.map((g) => `${g === "root_cause" ? "record" : "add"} ${RESOLUTION_GAP_LABELS[g]}`);
  return `To resolve this incident, ${parts.join(" and ")}.`;
}
