import type { MatchedSpan } from "../types";

/** A stretch of the response, as offsets into the original string. */
export type Located = { start: number; end: number; text: string };

/** Enough to show what leaked; a response full of matches does not need every one highlighted. */
export const MAX_SPANS = 50;

/**
 * Offsets already claimed by a finding. Detectors run from the most specific
 * (an IBAN, a card number) to the least (a phone number), and a later
 * candidate overlapping an earlier finding is dropped, so one string is never
 * reported as two kinds of thing.
 */
export class ClaimedRanges {
  private readonly ranges: Array<readonly [number, number]> = [];

  overlaps(start: number, end: number): boolean {
    return this.ranges.some(([s, e]) => start < e && s < end);
  }

  /** Claims [start, end) unless it overlaps an earlier claim; says whether it did. */
  claim(start: number, end: number): boolean {
    if (this.overlaps(start, end)) return false;
    this.ranges.push([start, end]);
    return true;
  }
}

export function toSpans<F extends Located>(findings: readonly F[], kindOf: (finding: F) => string): MatchedSpan[] {
  return findings.slice(0, MAX_SPANS).map((f) => ({ start: f.start, end: f.end, text: f.text, kind: kindOf(f) }));
}

/** "email address; Visa card number …" with repeats counted, for a verdict's reason. */
export function summarise(descriptions: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const d of descriptions) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts].map(([d, n]) => (n > 1 ? `${d} (×${n})` : d)).join("; ");
}

export function byStart(a: Located, b: Located): number {
  return a.start - b.start || b.end - a.end;
}
