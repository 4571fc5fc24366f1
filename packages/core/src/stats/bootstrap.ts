import type { GroupCounts, Interval } from "../fairness/types";
import { createRandom, multinomialPlan, sampleMultinomialWithPlan, type RandomSource } from "./random";

/**
 * How a resample is drawn.
 *
 * - "stratified" (default): every group keeps its observed size and only its
 *   four cells are resampled. This is the row bootstrap within each group.
 *   It is the default because the group sizes of an evaluation set are
 *   usually fixed by how the data were collected, or at least are not the
 *   uncertainty a fairness reviewer asks about. The intervals are then
 *   conditional on them, as the Wilson intervals are, and a small group
 *   cannot vanish from a resample and leave its rates undefined.
 * - "pooled": the whole dataset is resampled row by row, so group sizes vary
 *   too (one multinomial over every group × cell). This is the classic row
 *   bootstrap, right when the rows are one random sample of a population
 *   whose group shares are themselves uncertain; intervals are a little wider
 *   and small groups can come out empty.
 */
export type BootstrapScheme = "stratified" | "pooled";

export type BootstrapOptions = {
  /** Number of resamples; 1000 by default. */
  resamples?: number;
  /** Required, so that every interval can be reproduced from what is recorded with it. */
  seed: number;
  /** Two-sided level of the percentile intervals; 0.95 by default. */
  confidence?: number;
  scheme?: BootstrapScheme;
};

/** Maps one resample's groups (same order and labels as the input) to named numbers, e.g. rates and disparities. */
export type BootstrapStatistic = (groups: readonly GroupCounts[]) => Readonly<Record<string, number | null | undefined>>;

/** Percentile bounds over the resamples where the value was defined. */
export type BootstrapInterval = Interval & {
  /**
   * Resamples where the value was missing, null, NaN or infinite (e.g. a
   * rate with a zero denominator). The bounds ignore them, so they describe
   * the statistic given that it is defined; many undefined draws mean the
   * interval should not be trusted on its own.
   */
  undefinedDraws: number;
};

export type BootstrapResult = {
  resamples: number;
  seed: number;
  confidence: number;
  scheme: BootstrapScheme;
  /**
   * One entry per name the statistic returned, on the observed data or on
   * any resample; null when the value was undefined in every resample
   * (so all `resamples` draws were undefined).
   */
  intervals: Record<string, BootstrapInterval | null>;
  /** The statistic on the observed counts, same names; null where it is undefined there. */
  estimates: Record<string, number | null>;
};

const DEFAULT_RESAMPLES = 1000;
const DEFAULT_CONFIDENCE = 0.95;

const CELLS = ["tp", "fp", "tn", "fn"] as const;

function assertGroups(groups: readonly GroupCounts[]): void {
  for (const g of groups) {
    for (const key of CELLS) {
      const v = g[key];
      if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`Group "${g.group}": ${key} must be a non-negative integer, got ${v}`);
    }
  }
}

/**
 * The q-quantile of ascending values with linear interpolation between order
 * statistics (Hyndman & Fan type 7), numpy.percentile's default.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const m = sorted.length;
  if (m === 0) throw new RangeError("quantileSorted needs at least one value");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must lie in [0, 1], got ${q}`);
  const h = (m - 1) * q;
  const i = Math.floor(h);
  const lo = sorted[i]!;
  if (i + 1 >= m) return lo;
  const hi = sorted[i + 1]!;
  // lo + f·(hi − lo) would overshoot hi by rounding when they are equal; this form cannot.
  return h === i || lo === hi ? lo : lo + (h - i) * (hi - lo);
}

/** Draws one resample of the groups' confusion counts. */
type Resampler = (random: RandomSource) => GroupCounts[];

function makeResampler(groups: readonly GroupCounts[], scheme: BootstrapScheme): Resampler {
  // Resampling rows with replacement within a group of n rows is, for the
  // counts, exactly a Multinomial(n; tp/n, fp/n, tn/n, fn/n) draw, so the cost
  // is O(groups) per resample instead of O(rows).
  const plans = groups.map((g) => multinomialPlan([g.tp, g.fp, g.tn, g.fn]));
  const sizes = groups.map((g) => g.tp + g.fp + g.tn + g.fn);
  const sizePlan = multinomialPlan(sizes);
  const total = sizes.reduce((s, n) => s + n, 0);
  const cells: number[] = [];
  const drawnSizes: number[] = [];
  return (random) => {
    const n = scheme === "pooled" ? sampleMultinomialWithPlan(random, total, sizePlan, drawnSizes) : sizes;
    return groups.map((g, i) => {
      const [tp, fp, tn, fn] = sampleMultinomialWithPlan(random, n[i]!, plans[i]!, cells) as [number, number, number, number];
      return { group: g.group, tp, fp, tn, fn };
    });
  };
}

const usable = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * Percentile bootstrap intervals for any statistics of per-group confusion
 * counts. Each resample redraws the counts of every group from their
 * multinomial law (see BootstrapScheme), which is what resampling the rows
 * would do to the counts, at a cost independent of the number of rows.
 * Same seed and inputs, same intervals: the generator is xoshiro128**, and
 * the samplers are deterministic given its stream. (Math.log and Math.exp are
 * not specified to the last bit, so another JavaScript engine could, in rare
 * accept/reject borderline draws, diverge.)
 *
 * Values that are undefined in a resample (missing, null, NaN, ±∞) are left
 * out of that name's interval and counted in `undefinedDraws`.
 */
export function bootstrapGroupCounts(
  groups: readonly GroupCounts[],
  options: BootstrapOptions,
  statistic: BootstrapStatistic,
): BootstrapResult {
  assertGroups(groups);
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const scheme = options.scheme ?? "stratified";
  if (!Number.isSafeInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must lie in (0, 1), got ${confidence}`);
  if (scheme !== "stratified" && scheme !== "pooled") throw new RangeError(`Unknown bootstrap scheme "${String(scheme)}"`);

  const random = createRandom(options.seed);
  const observed = statistic(groups.map((g) => ({ group: g.group, tp: g.tp, fp: g.fp, tn: g.tn, fn: g.fn })));
  const draws = new Map<string, { values: Float64Array; count: number }>();
  const track = (name: string) => {
    let entry = draws.get(name);
    if (!entry) {
      entry = { values: new Float64Array(resamples), count: 0 };
      draws.set(name, entry);
    }
    return entry;
  };
  for (const name of Object.keys(observed)) track(name);

  const resample = makeResampler(groups, scheme);
  for (let r = 0; r < resamples; r++) {
    const values = statistic(resample(random));
    for (const name of Object.keys(values)) {
      const entry = track(name);
      const v = values[name];
      if (usable(v)) entry.values[entry.count++] = v;
    }
  }

  const alpha = 1 - confidence;
  const intervals: Record<string, BootstrapInterval | null> = {};
  const estimates: Record<string, number | null> = {};
  for (const [name, { values, count }] of draws) {
    const estimate = observed[name];
    estimates[name] = usable(estimate) ? estimate : null;
    if (count === 0) {
      intervals[name] = null;
      continue;
    }
    const sorted = values.subarray(0, count).sort();
    intervals[name] = {
      lower: quantileSorted(sorted, alpha / 2),
      upper: quantileSorted(sorted, 1 - alpha / 2),
      undefinedDraws: resamples - count,
    };
  }
  return { resamples, seed: options.seed, confidence, scheme, intervals, estimates };
}
