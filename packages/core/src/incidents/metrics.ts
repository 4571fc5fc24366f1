import { dueDeadline } from "../governance/due-dates";
import { INCIDENT_LEVELS, type IncidentLevel } from "./levels";

/** A timeline entry as the metrics see it: what happened, and when it happened (not when it was logged). */
export type TimelinePoint = { kind: string; occurredAt: Date };

const firstOf = (events: readonly TimelinePoint[], kind: string): Date | null =>
  events.reduce<Date | null>((first, e) => (e.kind === kind && (first === null || e.occurredAt.getTime() < first.getTime()) ? e.occurredAt : first), null);

/** When the incident was detected: its earliest "detected" event, else the fallback (the alert's firing, or the opening). */
export function detectionTime(events: readonly TimelinePoint[], fallback: Date): Date {
  return firstOf(events, "detected") ?? fallback;
}

const durationSince = (detectedAt: Date, at: Date | null): number | null => (at === null ? null : Math.max(0, at.getTime() - detectedAt.getTime()));

/** Milliseconds from detection to the first "reproduced" event; null until it is reproduced. */
export function timeToReproduce(incident: { detectedAt: Date; events: readonly TimelinePoint[] }): number | null {
  return durationSince(incident.detectedAt, firstOf(incident.events, "reproduced"));
}

/** Milliseconds from detection to the first "mitigated" event; null until it is mitigated. */
export function timeToMitigate(incident: { detectedAt: Date; events: readonly TimelinePoint[] }): number | null {
  return durationSince(incident.detectedAt, firstOf(incident.events, "mitigated"));
}

export type CorrectiveActionTiming = { dueDate: Date; completedAt: Date | null };
export type CorrectiveActionState = "done_on_time" | "done_late" | "overdue" | "open";

/** A due date means "by the end of that day (UTC)". */
export const correctiveActionDeadline = dueDeadline;

export function correctiveActionState(action: CorrectiveActionTiming, now: Date = new Date()): CorrectiveActionState {
  const deadline = correctiveActionDeadline(action.dueDate).getTime();
  if (action.completedAt) return action.completedAt.getTime() < deadline ? "done_on_time" : "done_late";
  return now.getTime() >= deadline ? "overdue" : "open";
}

export type OnTimeCompletion = {
  /** All corrective actions. */
  total: number;
  onTime: number;
  late: number;
  /** Past due and not done: these count as missed. */
  overdue: number;
  /** Not done and not yet due: not counted either way. */
  open: number;
  /** onTime / (onTime + late + overdue); null while no action has come due or been completed. */
  rate: number | null;
};

/** On-time completion of corrective actions: done by the end of the due date, out of those done or already due. */
export function onTimeCompletion(actions: readonly CorrectiveActionTiming[], now: Date = new Date()): OnTimeCompletion {
  const counts = { done_on_time: 0, done_late: 0, overdue: 0, open: 0 };
  for (const action of actions) counts[correctiveActionState(action, now)] += 1;
  const decided = counts.done_on_time + counts.done_late + counts.overdue;
  return {
    total: actions.length,
    onTime: counts.done_on_time,
    late: counts.done_late,
    overdue: counts.overdue,
    open: counts.open,
    rate: decided === 0 ? null : counts.done_on_time / decided,
  };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type IncidentMetricsInput = {
  level: IncidentLevel | null;
  detectedAt: Date;
  events: readonly TimelinePoint[];
  correctiveActions: readonly CorrectiveActionTiming[];
};

export type IncidentMetricsSummary = {
  incidents: number;
  byLevel: Record<IncidentLevel, number>;
  /** Incidents opened before levels existed. */
  unclassified: number;
  nearMisses: number;
  medianTimeToReproduceMs: number | null;
  medianTimeToMitigateMs: number | null;
  /** How many incidents the medians are over. */
  reproduced: number;
  mitigated: number;
  correctiveActions: OnTimeCompletion;
};

/** The derived metrics over a set of incidents (the incidents page and the KPI dashboards). */
export function aggregateIncidentMetrics(incidents: readonly IncidentMetricsInput[], now: Date = new Date()): IncidentMetricsSummary {
  const byLevel = Object.fromEntries(INCIDENT_LEVELS.map((l) => [l, 0])) as Record<IncidentLevel, number>;
  let unclassified = 0;
  const reproduce: number[] = [];
  const mitigate: number[] = [];
  for (const incident of incidents) {
    if (incident.level) byLevel[incident.level] += 1;
    else unclassified += 1;
    const r = timeToReproduce(incident);
    if (r !== null) reproduce.push(r);
    const m = timeToMitigate(incident);
    if (m !== null) mitigate.push(m);
  }
  return {
    incidents: incidents.length,
    byLevel,
    unclassified,
    nearMisses: byLevel.near_miss,
    medianTimeToReproduceMs: median(reproduce),
    medianTimeToMitigateMs: median(mitigate),
    reproduced: reproduce.length,
    mitigated: mitigate.length,
    correctiveActions: onTimeCompletion(incidents.flatMap((i) => i.correctiveActions), now),
  };
}

/** "3 h 20 min", "2 d 4 h", "45 s": a duration for people. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const minutes = Math.round(ms / 60_000);
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}
