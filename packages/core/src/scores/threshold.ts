import { rateEstimates } from "../fairness/compute";
import type { ConfusionCounts } from "../fairness/types";
import { mergeGroupScoreHistograms, parseScoreHistogram } from "./histogram";
import type { GroupScoreHistogram, GroupThresholdSweep, ScoreHistogram, ThresholdPoint } from "./types";

/**
 * 0.05, 0.10, …, 0.95, each computed as i / 20 so that it is the double
 * nearest the decimal (0.15, not 3 × 0.05 = 0.15000000000000002) and
 * therefore exactly an edge of any uniform histogram whose bin count is a
 * multiple of 20, such as the default 1000.
 */
export const DEFAULT_THRESHOLDS: readonly number[] = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);

/**
 * Index of the first cell whose rows are all predicted positive
 * (score >= threshold); every later cell is positive too, every earlier one
 * negative. A uniform histogram can answer only at its edges k / B, since a
 * threshold inside a bin would split rows the histogram has merged; any other
 * threshold throws instead of guessing. A distinct-score histogram answers
 * any threshold.
 */
function firstPositiveCell(h: ScoreHistogram, threshold: number): number {
  if (!Number.isFinite(threshold)) throw new RangeError(`A threshold must be a finite number, got ${threshold}`);
  if (h.kind === "distinct") {
    let lo = 0;
    let hi = h.scores.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((h.scores[mid] ?? Infinity) >= threshold) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  const B = h.binCount;
  // Every score lies in [0, 1], so thresholds outside it need no edge.
  if (threshold <= 0) return 0;
  if (threshold > 1) return B;
  const k = Math.round(threshold * B);
  // Strict equality with the edge double: a threshold a rounding error away
  // from the edge (3 * 0.05) would put rows at exactly 0.15 on the other side
  // in `score >= threshold`, and the histogram could not tell.
  if (k < B && k / B === threshold) return k;
  const nearest = Math.min(k, B - 1) / B;
  throw new RangeError(
    `Threshold ${threshold} is not an edge of this ${B}-bin histogram (edges are k/${B} below 1; nearest ${nearest}). ` +
      "Use an edge, a bin count the threshold falls on, or a distinct-score histogram.",
  );
}

type Tails = { positives: number[]; negatives: number[] };

/** Positives and negatives in cells i and above; index m, past the last cell, is the "nothing predicted positive" case. */
function tails(h: ScoreHistogram): Tails {
  const m = h.positives.length;
  const positives = new Array<number>(m + 1).fill(0);
  const negatives = new Array<number>(m + 1).fill(0);
  for (let i = m - 1; i >= 0; i--) {
    positives[i] = (positives[i + 1] ?? 0) + (h.positives[i] ?? 0);
    negatives[i] = (negatives[i + 1] ?? 0) + (h.negatives[i] ?? 0);
  }
  return { positives, negatives };
}

function countsAt(h: ScoreHistogram, t: Tails, threshold: number): ConfusionCounts {
  const k = firstPositiveCell(h, threshold);
  const tp = t.positives[k] ?? 0;
  const fp = t.negatives[k] ?? 0;
  return { tp, fp, fn: (t.positives[0] ?? 0) - tp, tn: (t.negatives[0] ?? 0) - fp };
}

/**
 * Confusion counts of the prediction "positive when score >= threshold", the
 * same rule as the threshold of the DuckDB confusion-count aggregate, so both
 * paths agree row for row. For a uniform histogram the threshold must be an
 * edge k / B (0 <= k < B) or lie outside [0, 1]; see `firstPositiveCell`.
 */
export function confusionAtThreshold(histogram: ScoreHistogram, threshold: number): ConfusionCounts {
  const h = parseScoreHistogram(histogram);
  return countsAt(h, tails(h), threshold);
}

/** Selection rate, TPR and FPR (with Wilson intervals) of one histogram at each threshold, in the given order. */
export function thresholdCurve(histogram: ScoreHistogram, thresholds: readonly number[] = DEFAULT_THRESHOLDS): ThresholdPoint[] {
  const h = parseScoreHistogram(histogram);
  const t = tails(h);
  return thresholds.map((threshold) => {
    const counts = countsAt(h, t, threshold);
    const rates = rateEstimates(counts);
    return { threshold, counts, selectionRate: rates.selection_rate, tpr: rates.tpr, fpr: rates.fpr };
  });
}

/**
 * `thresholdCurve` per group, largest group first, repeated labels merged:
 * how selection rate, TPR and FPR gaps between groups move with the
 * threshold, which a single-threshold fairness check cannot show.
 */
export function thresholdSweep(groups: readonly GroupScoreHistogram[], thresholds: readonly number[] = DEFAULT_THRESHOLDS): GroupThresholdSweep[] {
  return mergeGroupScoreHistograms(groups).map(({ group, histogram }) => ({ group, points: thresholdCurve(histogram, thresholds) }));
}
