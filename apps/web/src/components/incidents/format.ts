import {
  INCIDENT_EVENT_KIND_LABELS,
  INCIDENT_LEVEL_LABELS,
  INCIDENT_LEVELS,
  INCIDENT_SOURCE_LABELS,
  INCIDENT_SOURCES,
  ROOT_CAUSE_LABELS,
  ROOT_CAUSES,
  type CorrectiveActionState,
  type IncidentLevel,
  type IncidentSource,
  type RootCause,
} from "@assay/core";
import type { BadgeTone } from "@/components/ui";

export { INCIDENT_LEVEL_LABELS, INCIDENT_LEVELS, INCIDENT_SOURCE_LABELS, INCIDENT_SOURCES, ROOT_CAUSE_LABELS, ROOT_CAUSES };
export type { IncidentLevel, IncidentSource, RootCause, CorrectiveActionState };

export const LEVEL_TONES: Record<IncidentLevel, BadgeTone> = { sev1: "bad", sev2: "bad", sev3: "warn", sev4: "neutral", near_miss: "info" };

/** What people log on the timeline, in the order things usually happen. */
export const LOGGABLE_EVENT_KINDS = ["detected", "reproduced", "contained", "mitigated", "resolved", "note"] as const;
export type LoggableEventKind = (typeof LOGGABLE_EVENT_KINDS)[number];
export const EVENT_KIND_HINTS: Record<LoggableEventKind, string> = {
  detected: "Someone noticed it. Keeps the status.",
  reproduced: "The problem was reproduced. Moves the incident to investigating.",
  contained: "The harm was stopped from spreading. Moves it to mitigated.",
  mitigated: "A fix or workaround is in place. Moves it to mitigated.",
  resolved: "Done. Needs a root cause and a corrective action linked to a suite item or a monitor.",
  note: "Anything worth keeping. Keeps the status.",
};

export const eventKindLabel = (kind: string) => INCIDENT_EVENT_KIND_LABELS[kind] ?? kind;

export const CORRECTIVE_ACTION_STATE_LABELS: Record<CorrectiveActionState, string> = {
  done_on_time: "Done on time",
  done_late: "Done late",
  overdue: "Overdue",
  open: "Open",
};
export const CORRECTIVE_ACTION_STATE_TONES: Record<CorrectiveActionState, BadgeTone> = { done_on_time: "good", done_late: "warn", overdue: "bad", open: "neutral" };

/** "2026-03-01T10:00" (the value of an <input type="datetime-local">, read as UTC) for a moment. */
export function toUtcInput(value: Date | string): string {
  return new Date(value).toISOString().slice(0, 16);
}

/** The moment an <input type="datetime-local"> value names, read as UTC; null when empty or malformed. */
export function fromUtcInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** "33%", or "—" when there is nothing to rate yet. */
export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}%`;
}

/** Whole days between two moments, for "12 days earlier". */
export function daysBetween(earlier: Date | string, later: Date | string): number {
  return Math.round((new Date(later).getTime() - new Date(earlier).getTime()) / (24 * 3600_000));
}
