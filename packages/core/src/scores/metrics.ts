import type { Interval } from "../fairness/types";
import { wilsonInterval } from "../stats/wilson";
import { histogramCells, type HistogramCells } from "./cells";
import { mergeGroupScoreHistograms, parseScoreHistogram } from "./histogram";
import type { GroupScoreHistogram, GroupScoreMetrics, ReliabilityPoint, ScoreHistogram, ScoreMetrics } from "./types";

/** Calibration bins of ECE and the reliability curve unless the caller picks another count. */
export const DEFAULT_CALIBRATION_BINS = 10;

const sumOf = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

type PairCounts = { positives: number; negatives: number; higher: number; tied: number };

/**
 * Positive–negative pairs where the positive sits in a higher cell, and pairs
 * within one cell. Counts are doubles: beyond 2^53 pairs (about 10^8 rows per
 * class) they round, at a relative error near 1e-16, far below anything an
 * AUC is read to.
 */
function pairCounts(c: HistogramCells): PairCounts {
  let positivesAbove = 0;
  let higher = 0;
  let tied = 0;
  for (let i = c.positives.length - 1; i >= 0; i--) {
    const pos = c.positives[i] ?? 0;
    const neg = c.negatives[i] ?? 0;
    higher += neg * positivesAbove;
    tied += neg * pos;
    positivesAbove += pos;
  }
  return { positives: positivesAbove, negatives: sumOf(c.negatives), higher, tied };
}

function aucOf(p: PairCounts): number | null {
  if (p.positives === 0 || p.negatives === 0) return null;
  return (p.higher + p.tied / 2) / (p.positives * p.negatives);
}

function aucBoundsOf(p: PairCounts, exact: boolean): Interval | null {
  if (p.positives === 0 || p.negatives === 0) return null;
  const pairs = p.positives * p.negatives;
  if (exact) {
    const auc = (p.higher + p.tied / 2) / pairs;
    return { lower: auc, upper: auc };
  }
  return { lower: p.higher / pairs, upper: (p.higher + p.tied) / pairs };
}

/**
 * ROC-AUC as the Mann–Whitney statistic U / (n₁·n₀): the chance that a random
 * positive scores above a random negative, ties counting 1/2. Pairs inside one
 * cell count as ties, which is exact for a distinct-score histogram (and
 * equals scikit-learn's roc_auc_score there) and, for a uniform histogram, the
 * midpoint of `rocAucBounds`. Null when the group has no positives or no
 * negatives, because the AUC is undefined then, not 0.5.
 */
export function rocAuc(histogram: ScoreHistogram): number | null {
  return aucOf(pairCounts(histogramCells(parseScoreHistogram(histogram))));
}

/**
 * The range the exact AUC of the rows behind the histogram must lie in: the
 * within-bin pairs of a uniform histogram may go either way. A single point
 * for a distinct-score histogram. Its width is what a finer B would buy.
 */
export function rocAucBounds(histogram: ScoreHistogram): Interval | null {
  const c = histogramCells(parseScoreHistogram(histogram));
  return aucBoundsOf(pairCounts(c), c.exact);
}

/**
 * Brier score, mean((s − y)²) = (Σs² − 2·Σ_{y=1}s + n₁) / n, exact from the
 * sums (no bin-midpoint approximation). Null without rows.
 */
export function brierScore(histogram: ScoreHistogram): number | null {
  return brierOf(histogramCells(parseScoreHistogram(histogram)));
}

function brierOf(c: HistogramCells): number | null {
  const positives = sumOf(c.positives);
  const n = positives + sumOf(c.negatives);
  if (n === 0) return null;
  // The three terms nearly cancel for a near-perfect model; rounding must not
  // turn a zero into a tiny negative.
  return Math.max(0, (sumOf(c.sumSquares) - 2 * sumOf(c.sumScorePositives) + positives) / n);
}

type CalibrationBin = { bin: number; count: number; positives: number; sumScore: number };

function calibrationBins(c: HistogramCells, bins: number): CalibrationBin[] {
  const binOf = c.calibrationBinOf(bins);
  const out: CalibrationBin[] = Array.from({ length: bins }, (_, bin) => ({ bin, count: 0, positives: 0, sumScore: 0 }));
  for (let i = 0; i < c.positives.length; i++) {
    const pos = c.positives[i] ?? 0;
    const n = pos + (c.negatives[i] ?? 0);
    if (n === 0) continue;
    const target = out[binOf(i)];
    if (!target) throw new Error(`Cell ${i} maps to no calibration bin.`);
    target.count += n;
    target.positives += pos;
    target.sumScore += c.sumScore[i] ?? 0;
  }
  return out;
}

/**
 * Expected calibration error of the positive-class probability over `bins`
 * equal-width bins (edges k/bins, a score on an edge in the upper bin, 1 in
 * the last): Σ_k (n_k/n)·|mean score_k − positive fraction_k|, which is
 * Σ_k |Σs_k − positives_k| / n, so it needs only per-bin sums. Empty bins
 * weigh nothing. This is the binary (class-1) ECE used for calibration within
 * groups, not the multiclass top-label ECE, which would bin max(s, 1 − s).
 *
 * For a uniform histogram `bins` must divide its bin count: then every
 * calibration bin is a union of fine bins and the result is exact; otherwise
 * this throws rather than approximate. Null without rows.
 */
export function expectedCalibrationError(histogram: ScoreHistogram, bins: number = DEFAULT_CALIBRATION_BINS): number | null {
  return eceOf(calibrationBins(histogramCells(parseScoreHistogram(histogram)), bins));
}

function eceOf(bins: CalibrationBin[]): number | null {
  const n = bins.reduce((a, b) => a + b.count, 0);
  if (n === 0) return null;
  return bins.reduce((a, b) => a + Math.abs(b.sumScore - b.positives), 0) / n;
}

/**
 * Points of a reliability diagram, one per non-empty calibration bin (same
 * bins and divisibility rule as `expectedCalibrationError`): mean predicted
 * score against the observed positive fraction, with the fraction's Wilson
 * 95% interval so sparse bins look as uncertain as they are.
 */
export function reliabilityCurve(histogram: ScoreHistogram, bins: number = DEFAULT_CALIBRATION_BINS): ReliabilityPoint[] {
  return reliabilityOf(calibrationBins(histogramCells(parseScoreHistogram(histogram)), bins), bins);
}

function reliabilityOf(calibration: CalibrationBin[], bins: number): ReliabilityPoint[] {
  const points: ReliabilityPoint[] = [];
  for (const b of calibration) {
    if (b.count === 0) continue;
    const ci = wilsonInterval(b.positives, b.count);
    if (!ci) throw new Error(`Bin ${b.bin} has rows but no interval.`);
    points.push({
      bin: b.bin,
      lower: b.bin / bins,
      upper: (b.bin + 1) / bins,
      count: b.count,
      positives: b.positives,
      // A mean of scores in [0, 1] is in [0, 1]; rounding of the sum must not say otherwise.
      meanScore: Math.min(1, Math.max(0, b.sumScore / b.count)),
      observedRate: b.positives / b.count,
      ci,
    });
  }
  return points;
}

export type ScoreMetricsOptions = {
  /** Calibration bins of ECE and the reliability curve. Default 10. */
  calibrationBins?: number;
};

/** Every score-based metric of one histogram. */
export function scoreMetrics(histogram: ScoreHistogram, options: ScoreMetricsOptions = {}): ScoreMetrics {
  const bins = options.calibrationBins ?? DEFAULT_CALIBRATION_BINS;
  const c = histogramCells(parseScoreHistogram(histogram));
  const pairs = pairCounts(c);
  const calibration = calibrationBins(c, bins);
  return {
    n: pairs.positives + pairs.negatives,
    positives: pairs.positives,
    negatives: pairs.negatives,
    auc: aucOf(pairs),
    aucBounds: aucBoundsOf(pairs, c.exact),
    brier: brierOf(c),
    ece: eceOf(calibration),
    calibrationBins: bins,
    reliability: reliabilityOf(calibration, bins),
  };
}

/**
 * Score-based metrics per group, largest group first, repeated labels merged
 * (see `mergeGroupScoreHistograms`).
 */
export function groupScoreMetrics(groups: readonly GroupScoreHistogram[], options: ScoreMetricsOptions = {}): GroupScoreMetrics[] {
  return mergeGroupScoreHistograms(groups).map(({ group, histogram }) => ({ group, ...scoreMetrics(histogram, options) }));
}
