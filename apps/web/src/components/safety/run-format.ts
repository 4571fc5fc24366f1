import type { BadgeTone } from "@/components/ui";

/**
 * Labels and number formats of the safety run views, kept apart from the
 * components so that they can be tested without rendering. Plain module: the
 * server pages and the client components share it.
 */

export type SafetyRunStatus = "queued" | "running" | "succeeded" | "failed";

const STATUS_LABELS: Record<SafetyRunStatus, string> = { queued: "Queued", running: "Running", succeeded: "Succeeded", failed: "Failed" };
const STATUS_TONES: Record<SafetyRunStatus, BadgeTone> = { queued: "neutral", running: "info", succeeded: "good", failed: "bad" };

const isKnownStatus = (status: string): status is SafetyRunStatus => status in STATUS_LABELS;

export function statusLabel(status: string): string {
  return isKnownStatus(status) ? STATUS_LABELS[status] : status;
}

export function statusTone(status: string): BadgeTone {
  return isKnownStatus(status) ? STATUS_TONES[status] : "neutral";
}

/** Queued and running runs change by themselves; views of them poll. */
export function isActiveStatus(status: string): boolean {
  return status === "queued" || status === "running";
}

/** A safety run answers item after item; its page asks for news every second. */
export const SAFETY_POLL_INTERVAL_MS = 1000;

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** "1 item", "520 items". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** Share of the items answered, 0–100; 0 when the total is not known yet. */
export function progressPercent(done: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)));
}

/**
 * Time left at the current pace, rounded the way a person would say it:
 * "about 40 s left", "about 3 min left", "about 1 h 05 min left". null
 * before the first answers (the server has no pace yet).
 */
export function formatEta(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return null;
  if (seconds < 10) return "a few seconds left";
  if (seconds < 60) return `about ${Math.round(seconds / 5) * 5} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  return `about ${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min left`;
}

/** "120 of 520 items answered" */
export function formatItemsProgress(done: number, total: number): string {
  return `${formatCount(done)} of ${plural(total, "item")} answered`;
}

/**
 * A run's cost in US dollars; "unknown price" when no response had a price,
 * because a total of $0 would claim the run was free.
 */
export function formatCostUsd(cost: number | null | undefined): string {
  if (cost === null || cost === undefined || !Number.isFinite(cost)) return "unknown price";
  if (cost === 0) return "$0.00";
  if (cost < 0.01) return `$${Number(cost.toPrecision(2))}`;
  return `$${cost.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** 850 → "850 ms", 1234 → "1.23 s"; "—" when unknown. */
export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Gates of a run: how many of its plan's safety checks passed. */
export function gatesSummary(checkResults: ReadonlyArray<{ passed: boolean }>): { passed: number; total: number; text: string; tone: BadgeTone } {
  const total = checkResults.length;
  const passed = checkResults.filter((c) => c.passed).length;
  if (total === 0) return { passed, total, text: "No gates", tone: "neutral" };
  return { passed, total, text: `${passed} of ${total} passed`, tone: passed === total ? "good" : "bad" };
}

/** The first 12 hex digits: enough to tell suites apart at a glance. */
export function shortSha(sha: string): string {
  return sha.slice(0, 12);
}

/** Where a safety run's page lives. */
export const safetyRunHref = (runId: string) => `/safety/runs/${encodeURIComponent(runId)}`;
