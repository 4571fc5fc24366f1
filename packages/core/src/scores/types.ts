import { z } from "zod";
import type { ConfusionCounts, Interval, RateEstimate } from "../fairness/types";

/**
 * Fine bins of a uniform histogram unless the caller picks another count.
 * 1000 is divisible by every calibration bin count a report is likely to ask
 * for (5, 10, 20, 25, 50, 100) and puts every two-decimal score (and every
 * threshold of the default sweep) exactly on an edge.
 */
export const DEFAULT_SCORE_BINS = 1000;
/** Upper bound on fine bins, so a malformed aggregate cannot allocate without limit. */
export const MAX_SCORE_BINS = 1_000_000;

/**
 * Equal-width bins on [0, 1]. Bin k (0-based) holds the scores s with
 * k/B <= s < (k+1)/B, the last bin also holds s = 1. The edges are the
 * doubles k / B (IEEE division, correctly rounded), so a threshold t equal to
 * such an edge splits the rows exactly as `score >= t` does.
 *
 * `floor(score * B)` alone does not implement that rule: the product rounds,
 * so 0.8999999999999999 (just below the edge 0.9) lands in bin 9 of 10, and
 * with B = 49 the edge 1/49 itself lands in bin 0. The correction below
 * compares with the edges themselves; floor is off by at most one.
 */
export function scoreBinIndex(score: number, binCount: number): number {
  if (!Number.isSafeInteger(binCount) || binCount < 1) throw new RangeError(`binCount must be a positive integer, got ${binCount}`);
  if (!(score >= 0 && score <= 1)) throw new RangeError(`A score must lie in [0, 1], got ${score}`);
  let k = Math.floor(score * binCount);
  if (score < k / binCount) k -= 1;
  else if (score >= (k + 1) / binCount) k += 1;
  return Math.min(k, binCount - 1);
}

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const sum = z.number().nonnegative();
const score = z.number().min(0).max(1);

/**
 * Per-bin sums are checked against their bin's range with this slack (times
 * the bin's row count): DuckDB adds the scores in an order of its choosing, so
 * the sum may be off by rounding, while a query that used another B or bin
 * rule is off by whole bins and fails loudly.
 */
const SUM_TOLERANCE = 1e-9;

/**
 * Per-group score histogram with B equal-width fine bins on [0, 1] (see
 * `scoreBinIndex` for the exact bin rule), counts and score sums per bin and
 * label. One DuckDB pass produces every group's histogram:
 *
 *   WITH src AS (
 *     SELECT grp, TRY_CAST(score AS DOUBLE) AS s, label = $positive AS positive,
 *            floor(TRY_CAST(score AS DOUBLE) * $B)::BIGINT AS f
 *     FROM ...)
 *   SELECT grp, positive,
 *          least($B - 1, f - (s < f::DOUBLE / $B)::INTEGER
 *                          + (s >= (f + 1)::DOUBLE / $B)::INTEGER) AS bin,
 *          count(*) AS n, sum(s) AS sum_score, sum(s * s) AS sum_squares
 *   FROM src
 *   GROUP BY grp, bin, positive
 *
 * (the `least(floor(score * B), B - 1)` of the textbook with the edge
 * correction of `scoreBinIndex`; rows with a NULL score or one outside [0, 1]
 * must be rejected before, since no bin would be honest for them). Absent
 * (bin, label) cells are zeros.
 *
 * The sums make the Brier score and every calibration statistic over a union
 * of fine bins exact, not approximated from bin midpoints. Only the AUC loses
 * information: pairs inside one fine bin count as ties (see `rocAucBounds`).
 * Histograms of the same B add element-wise (e.g. groups into a pooled
 * histogram, or partial aggregates of a partitioned file), and a (bin, label)
 * cell is an exchangeable unit, so a bootstrap can resample cells' counts.
 */
export const uniformScoreHistogramSchema = z
  .object({
    kind: z.literal("uniform"),
    binCount: z.number().int().min(1).max(MAX_SCORE_BINS),
    positives: z.array(count),
    negatives: z.array(count),
    /** Σ score over the bin's positive rows. */
    sumScorePositives: z.array(sum),
    /** Σ score over the bin's negative rows. */
    sumScoreNegatives: z.array(sum),
    /** Σ score² over the bin's positive rows. */
    sumSquaresPositives: z.array(sum),
    /** Σ score² over the bin's negative rows. */
    sumSquaresNegatives: z.array(sum),
  })
  .superRefine((h, ctx) => {
    const B = h.binCount;
    const arrays = ["positives", "negatives", "sumScorePositives", "sumScoreNegatives", "sumSquaresPositives", "sumSquaresNegatives"] as const;
    for (const key of arrays) {
      if (h[key].length !== B) {
        ctx.addIssue({ code: "custom", path: [key], message: `${key} has ${h[key].length} entries; binCount is ${B}.` });
        return;
      }
    }
    const cells = [
      ["positives", "sumScorePositives", "sumSquaresPositives"],
      ["negatives", "sumScoreNegatives", "sumSquaresNegatives"],
    ] as const;
    for (let k = 0; k < B; k++) {
      const lo = k / B;
      const hi = (k + 1) / B;
      for (const [countKey, sumKey, squaresKey] of cells) {
        const n = h[countKey][k] ?? 0;
        const s = h[sumKey][k] ?? 0;
        const s2 = h[squaresKey][k] ?? 0;
        const slack = SUM_TOLERANCE * Math.max(1, n);
        if (s < lo * n - slack || s > hi * n + slack) {
          ctx.addIssue({ code: "custom", path: [sumKey, k], message: `Bin ${k} holds ${n} rows with a score sum of ${s}, outside [${lo * n}, ${hi * n}]; was the histogram built with ${B} bins?` });
          return;
        }
        if (s2 < lo * lo * n - slack || s2 > hi * hi * n + slack) {
          ctx.addIssue({ code: "custom", path: [squaresKey, k], message: `Bin ${k} holds ${n} rows with a squared-score sum of ${s2}, outside [${lo * lo * n}, ${hi * hi * n}].` });
          return;
        }
      }
    }
  });
export type UniformScoreHistogram = z.infer<typeof uniformScoreHistogramSchema>;

/**
 * Per-group counts at each distinct score, for score columns with few distinct
 * values (deciles, rounded probabilities): every metric is then exact, the AUC
 * included, and any threshold works. DuckDB shape:
 *
 *   SELECT grp, TRY_CAST(score AS DOUBLE) AS s,
 *          count(*) FILTER (WHERE label = $positive) AS positives,
 *          count(*) FILTER (WHERE label <> $positive) AS negatives
 *   FROM ... GROUP BY grp, s ORDER BY grp, s
 *
 * Ask for `count(DISTINCT score)` first and fall back to the uniform variant
 * above a few thousand values. Sums are not stored: they are score × count.
 */
export const distinctScoreHistogramSchema = z
  .object({
    kind: z.literal("distinct"),
    /** Strictly increasing. */
    scores: z.array(score),
    positives: z.array(count),
    negatives: z.array(count),
  })
  .superRefine((h, ctx) => {
    if (h.positives.length !== h.scores.length || h.negatives.length !== h.scores.length) {
      ctx.addIssue({ code: "custom", path: ["scores"], message: `scores, positives and negatives must have the same length (${h.scores.length}, ${h.positives.length}, ${h.negatives.length}).` });
      return;
    }
    for (let i = 1; i < h.scores.length; i++) {
      if (!((h.scores[i] ?? 0) > (h.scores[i - 1] ?? 0))) {
        ctx.addIssue({ code: "custom", path: ["scores", i], message: `Scores must be strictly increasing; ${h.scores[i]} follows ${h.scores[i - 1]}.` });
        return;
      }
    }
  });
export type DistinctScoreHistogram = z.infer<typeof distinctScoreHistogramSchema>;

export const scoreHistogramSchema = z.discriminatedUnion("kind", [uniformScoreHistogramSchema, distinctScoreHistogramSchema]);
export type ScoreHistogram = z.infer<typeof scoreHistogramSchema>;

export type GroupScoreHistogram = { group: string; histogram: ScoreHistogram };

/** One non-empty calibration bin of a reliability diagram. */
export type ReliabilityPoint = {
  /** 0-based index of the calibration bin. */
  bin: number;
  /** The bin's edges: lower <= score < upper (the last bin includes 1). */
  lower: number;
  upper: number;
  count: number;
  positives: number;
  meanScore: number;
  observedRate: number;
  /** Wilson 95% interval of the observed positive fraction. */
  ci: Interval;
};

export type ScoreMetrics = {
  n: number;
  positives: number;
  negatives: number;
  /** Null without positives or without negatives. */
  auc: number | null;
  /** Range the exact AUC must lie in; a single point for distinct-score histograms. */
  aucBounds: Interval | null;
  /** Null without rows. */
  brier: number | null;
  /** Null without rows. */
  ece: number | null;
  calibrationBins: number;
  reliability: ReliabilityPoint[];
};

export type GroupScoreMetrics = ScoreMetrics & { group: string };

export type ThresholdPoint = {
  threshold: number;
  counts: ConfusionCounts;
  selectionRate: RateEstimate;
  tpr: RateEstimate;
  fpr: RateEstimate;
};

export type GroupThresholdSweep = { group: string; points: ThresholdPoint[] };
