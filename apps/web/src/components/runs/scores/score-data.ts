import type { GroupScoreMetrics, Interval } from "@assay/core";
import type { RunDetail } from "@assay/services";

/** One attribute's score metrics and threshold sweep, as the run stores them. */
export type AttributeScores = NonNullable<RunDetail["scores"]>[number];

/** Bounds this close count as one point: the histogram resolved every pair, so the AUC is exact. */
const EXACT_TOLERANCE = 1e-12;

/** The AUC's bounds when binning left some pairs unordered; null when the AUC is exact or undefined. */
export function aucRange(bounds: Interval | null): Interval | null {
  if (!bounds || bounds.upper - bounds.lower <= EXACT_TOLERANCE) return null;
  return bounds;
}

export type ReliabilityDatum = {
  x: number;
  y: number;
  /** Distances below and above y to the Wilson interval's ends, as recharts' ErrorBar takes them. */
  error: [number, number];
  bin: number;
  count: number;
};

/** A group's non-empty calibration bins as chart points: mean predicted score against the observed positive rate. */
export function reliabilityData(group: GroupScoreMetrics): ReliabilityDatum[] {
  return group.reliability.map((p) => ({
    x: p.meanScore,
    y: p.observedRate,
    error: [Math.max(0, p.observedRate - p.ci.lower), Math.max(0, p.ci.upper - p.observedRate)],
    bin: p.bin,
    count: p.count,
  }));
}

/** Distinguishable on white and in greyscale order; groups beyond the palette reuse it. */
export const GROUP_COLORS = ["#1f5fbf", "#b91c1c", "#047857", "#7c3aed", "#b45309", "#0e7490", "#be185d", "#334155"] as const;

export const groupColor = (index: number) => GROUP_COLORS[index % GROUP_COLORS.length]!;
