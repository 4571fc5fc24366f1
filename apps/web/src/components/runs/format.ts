import type { Interval } from "@assay/core";
import type { RunSummary } from "@assay/services";
import type { BadgeTone } from "@/components/ui";

/**
 * Number formats shared by every run view: rates and their intervals with
 * three decimals, shares of the data as percentages with one decimal.
 */

export type RunStatus = RunSummary["status"];

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
};

export const RUN_STATUS_TONES: Record<RunStatus, BadgeTone> = {
  queued: "neutral",
  running: "info",
  succeeded: "good",
  failed: "bad",
};

/** Queued and running runs change by themselves; views of them poll. */
export function isActive(status: RunStatus): boolean {
  return status === "queued" || status === "running";
}

/** How often views of unfinished runs ask for news. */
export const POLL_INTERVAL_MS = 1500;

const RATE_DIGITS = 3;

/** A rate with three decimals; an undefined rate (zero denominator) as an em dash. */
export function formatRate(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : value.toFixed(RATE_DIGITS);
}

/** A 95% interval as "0.380–0.445". */
export function formatInterval(ci: Interval | null | undefined): string {
  return ci ? `${ci.lower.toFixed(RATE_DIGITS)}–${ci.upper.toFixed(RATE_DIGITS)}` : "—";
}

/** A share of the rows (0–1) as a percentage with one decimal. */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

const BYTE_UNITS = ["bytes", "KiB", "MiB", "GiB", "TiB"] as const;

/** 1536 → "1.5 KiB"; whole bytes below 1 KiB. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} ${bytes === 1 ? "byte" : "bytes"}` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** The first 12 hex digits: enough to tell files apart at a glance. */
export function shortSha(sha: string): string {
  return sha.slice(0, 12);
}

/** Wall time between two instants, e.g. "4 s", "2 min 05 s", "1 h 03 min". */
export function formatDuration(from: Date | string | null | undefined, to: Date | string | null | undefined): string | null {
  if (!from || !to) return null;
  const ms = new Date(to).getTime() - new Date(from).getTime();
  if (!Number.isFinite(ms) || ms < 0) return null;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** "3 of 4" */
export function formatChecksPassed(passed: number, total: number): string {
  return `${passed} of ${total}`;
}

const MINUS = "\u2212";

/** A difference with its sign: "+0.400", "−0.125", "0.000". */
export function formatSigned(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const text = Math.abs(value).toFixed(RATE_DIGITS);
  if (Number(text) === 0) return text;
  return `${value < 0 ? MINUS : "+"}${text}`;
}

/** An interval as "0.120 to 0.480" ("−0.100 to +0.300" when signed): "to", since a dash would read as a minus. */
export function formatRange(ci: Interval | null | undefined, signed = false): string {
  if (!ci) return "—";
  const f = (v: number) => (signed ? formatSigned(v) : v.toFixed(RATE_DIGITS));
  return `${f(ci.lower)} to ${f(ci.upper)}`;
}

/** A p-value to three significant figures; below 0.001 only its order matters to a reader (the exact value goes in a title). */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "—";
  return p < 0.001 ? "< 0.001" : p.toPrecision(3);
}
