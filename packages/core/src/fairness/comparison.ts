import { bootstrapGroupCounts } from "../stats/bootstrap";
import { benjaminiHochbergAdjust, flagSignificant, holmAdjust } from "../stats/multiple-testing";
import { compareProportions, type Proportion } from "../stats/proportion-tests";
import { wilsonInterval, Z_95 } from "../stats/wilson";
import { DEFAULT_BOOTSTRAP_RESAMPLES, DEFAULT_SIGNIFICANCE_LEVEL, TESTED_METRICS, TESTED_PROPORTION, type TestedMetric } from "./analysis";

const rows = (c: ConfusionCounts) => c.tp + c.fp + c.tn + c.fn;
import { DEFAULT_MIN_GROUP_SIZE, MIN_CLASS_COUNT } from "./compute";
import { disparitySummary, type DisparitySummary } from "./disparity-summary";
import { hasMissingComponent } from "./intersections";
import type { ConfusionCounts, FairnessResult, GroupCounts, Interval } from "./types";

/**
 * Baseline against candidate: two runs of the same system (two model
 * versions, or before and after a mitigation), compared group by group on
 * every tested proportion, to answer "did the change reduce harm without an
 * unacceptable regression?".
 *
 * The two runs are treated as independent samples. When both ran on the same
 * dataset the rows are in fact paired, and a paired analysis (McNemar) would
 * need row-level predictions that runs do not keep. For the metrics whose
 * denominators the model decides (PPV, NPV, selection rate) or where the two
 * models' predictions agree on most rows, the independent-samples variance is
 * larger than the paired one, so the tests and intervals are conservative:
 * a change flagged here is, if anything, understated.
 */

/** The default tolerance: a change smaller than this (absolute, in rate units) is never a regression. */
export const DEFAULT_REGRESSION_TOLERANCE = 0.02;

/**
 * Absolute slack on the tolerance, so that float rounding (0.62 − 0.6 =
 * 0.020000000000000018) cannot turn a change of exactly the tolerance into a
 * regression; far below any difference anyone acts on.
 */
const TOLERANCE_SLACK = 1e-12;

/**
 * Which way a metric moving is harm. The error rates are the harms fairness
 * work tries to reduce; base and selection rates are not good or bad by
 * themselves (more approvals can help one group and hurt the lender), so a
 * change in them is reported as a change, never as a regression.
 */
export type HarmDirection = "higher_is_better" | "lower_is_better" | "neutral";

export const METRIC_HARM_DIRECTION: Record<TestedMetric, HarmDirection> = {
  base_rate: "neutral",
  selection_rate: "neutral",
  accuracy: "higher_is_better",
  tpr: "higher_is_better",
  fpr: "lower_is_better",
  ppv: "higher_is_better",
  npv: "higher_is_better",
};

/**
 * - `regression`: moved the harmful way by more than the tolerance, significant after Holm.
 * - `improvement`: moved the helpful way by more than the tolerance, significant after Holm.
 * - `changed`: a neutral metric moved by more than the tolerance, significant after Holm.
 * - `within_tolerance`: significant after Holm, but no larger than the tolerance.
 * - `no_significant_change`: not significant after Holm.
 * - `untested`: the rate is undefined (zero denominator) in one of the runs.
 */
export type ChangeVerdict = "regression" | "improvement" | "changed" | "within_tolerance" | "no_significant_change" | "untested";

export type RateInRun = {
  /** null when the denominator is zero. */
  value: number | null;
  successes: number;
  trials: number;
  /** Wilson 95% interval; null when the denominator is zero. */
  ci: Interval | null;
};

export type MetricChange = {
  attribute: string;
  group: string;
  metric: TestedMetric;
  direction: HarmDirection;
  baseline: RateInRun;
  candidate: RateInRun;
  /** candidate − baseline; null when the rate is undefined in either run. */
  delta: number | null;
  /** Newcombe's hybrid score 95% interval of the delta. */
  deltaCi: Interval | null;
  test: "z" | "fisher" | null;
  /** z for the z-test, the sample odds ratio for Fisher's test; null when untested or undefined. */
  statistic: number | null;
  pValue: number | null;
  /** Adjusted across every tested change of the comparison (all attributes, groups and metrics). */
  holm: number | null;
  bh: number | null;
  significantHolm: boolean;
  significantBh: boolean;
  /** Harmful by more than the tolerance and significant after Holm. */
  regression: boolean;
  verdict: ChangeVerdict;
};

export type GroupChange = {
  group: string;
  /** The group of rows without a value (or, for an intersection, with a missing component). */
  isMissing: boolean;
  baselineN: number;
  candidateN: number;
  /** In either run, fewer rows than the minimum group size or fewer than 5 actual positives or negatives. */
  smallSample: boolean;
  metrics: Record<TestedMetric, MetricChange>;
};

export type GroupPresence = { group: string; n: number; isMissing: boolean };

export type SpreadInRun = {
  /** max − min over the groups where the metric is defined; null when none is. */
  difference: number | null;
  min: { group: string; value: number } | null;
  max: { group: string; value: number } | null;
  /** Groups whose metric is undefined in this run, left out of the spread. */
  excludedGroups: string[];
};

/**
 * - `widened` / `narrowed`: the spread grew / shrank by more than the tolerance.
 * - `unchanged`: it moved by no more than the tolerance.
 * - `undefined`: no spread in one of the runs.
 */
export type DisparityTrend = "widened" | "narrowed" | "unchanged" | "undefined";

export type DisparityChange = {
  metric: TestedMetric;
  baseline: SpreadInRun;
  candidate: SpreadInRun;
  /** candidate − baseline spread. */
  change: number | null;
  /** Percentile bootstrap 95% interval of the change, resampling each group of each run; null without resamples. */
  changeCi: Interval | null;
  trend: DisparityTrend;
  /** The interval excludes 0: the change is unlikely to be resampling noise. */
  confident: boolean;
};

export type AttributeComparison = {
  attribute: string;
  /** Groups in both runs, largest (in the baseline) first. */
  groups: GroupChange[];
  onlyInBaseline: GroupPresence[];
  onlyInCandidate: GroupPresence[];
  /** Between-groups spread of each tested metric over the groups in both runs. */
  disparities: DisparityChange[];
};

export type FairnessRunComparison = {
  tolerance: number;
  alpha: number;
  confidence: number;
  resamples: number;
  seed: number;
  /** How many changes were tested, i.e. the size of the Holm and BH family. */
  comparisonCount: number;
  attributes: AttributeComparison[];
  attributesOnlyInBaseline: string[];
  attributesOnlyInCandidate: string[];
  /** Every regression, smallest Holm p first. */
  regressions: MetricChange[];
  counts: Record<ChangeVerdict, number>;
};

export type AttributeCounts = { attribute: string; groups: readonly GroupCounts[] };

export type RunComparisonOptions = {
  /** Absolute change, in rate units, a regression must exceed; 0.02 by default. */
  tolerance?: number;
  /** Significance level after correction; 0.05 by default. */
  alpha?: number;
  /** Bootstrap resamples for the disparity changes; 0 skips the bootstrap. */
  resamples?: number;
  seed?: number;
  minGroupSize?: number;
};

/** The per-attribute group counts of a stored run, the shape the comparison reads. */
export function countsOfResult(result: Pick<FairnessResult, "attributes">): AttributeCounts[] {
  return result.attributes.map((a) => ({ attribute: a.attribute, groups: a.groups.map((g) => ({ group: g.group, ...g.counts })) }));
}

/**
 * Newcombe's hybrid score interval for the difference a − b of two
 * independent proportions (Newcombe 1998, method 10): each side of the
 * difference combines the distances from each estimate to the relevant Wilson
 * bound. It inherits Wilson's good coverage near 0 and 1 and never leaves
 * [−1, 1], where the Wald interval does both badly. Null when either
 * proportion has no trials.
 */
export function newcombeInterval(a: Proportion, b: Proportion, z: number = Z_95): Interval | null {
  const wa = wilsonInterval(a.successes, a.trials, z);
  const wb = wilsonInterval(b.successes, b.trials, z);
  if (!wa || !wb) return null;
  const pa = a.successes / a.trials;
  const pb = b.successes / b.trials;
  const d = pa - pb;
  // sqrt of a sum of squares, not Math.hypot: the same rounding as the published reference implementations.
  const lower = d - Math.sqrt((pa - wa.lower) ** 2 + (wb.upper - pb) ** 2);
  const upper = d + Math.sqrt((wa.upper - pa) ** 2 + (pb - wb.lower) ** 2);
  return { lower: Math.max(-1, lower), upper: Math.min(1, upper) };
}


const valueOf = (p: Proportion) => (p.trials === 0 ? null : p.successes / p.trials);

const rateInRun = (p: Proportion): RateInRun => ({ value: valueOf(p), successes: p.successes, trials: p.trials, ci: wilsonInterval(p.successes, p.trials) });

// Code-unit order, not localeCompare: the result must not depend on the host's locale.
const byLabel = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Groups listed twice are merged, as disparitySummary does. */
function mergeGroups(groups: readonly GroupCounts[]): Map<string, ConfusionCounts> {
  const merged = new Map<string, ConfusionCounts>();
  for (const g of groups) {
    const prev = merged.get(g.group) ?? { tp: 0, fp: 0, tn: 0, fn: 0 };
    merged.set(g.group, { tp: prev.tp + g.tp, fp: prev.fp + g.fp, tn: prev.tn + g.tn, fn: prev.fn + g.fn });
  }
  return merged;
}

function byAttribute(run: readonly AttributeCounts[], which: string): Map<string, AttributeCounts> {
  const out = new Map<string, AttributeCounts>();
  for (const a of run) {
    if (out.has(a.attribute)) throw new RangeError(`The ${which} run lists attribute "${a.attribute}" twice.`);
    out.set(a.attribute, a);
  }
  return out;
}

function isSmall(c: ConfusionCounts, minGroupSize: number): boolean {
  return rows(c) < minGroupSize || c.tp + c.fn < MIN_CLASS_COUNT || c.fp + c.tn < MIN_CLASS_COUNT;
}

type RawChange = Omit<MetricChange, "holm" | "bh" | "significantHolm" | "significantBh" | "regression" | "verdict">;

function rawChange(attribute: string, group: string, metric: TestedMetric, baseline: ConfusionCounts, candidate: ConfusionCounts): RawChange {
  const b = TESTED_PROPORTION[metric](baseline);
  const c = TESTED_PROPORTION[metric](candidate);
  const common = { attribute, group, metric, direction: METRIC_HARM_DIRECTION[metric], baseline: rateInRun(b), candidate: rateInRun(c) };
  // A rate undefined in either run has nothing to compare.
  if (b.trials === 0 || c.trials === 0) return { ...common, delta: null, deltaCi: null, test: null, statistic: null, pValue: null };
  // Candidate first, so a positive statistic means the rate went up, like the delta.
  const result = compareProportions(c, b);
  return {
    ...common,
    delta: c.successes / c.trials - b.successes / b.trials,
    deltaCi: newcombeInterval(c, b),
    test: result.test,
    statistic: result.statistic ?? null,
    pValue: result.pValue,
  };
}

function verdictOf(change: RawChange, significantHolm: boolean, tolerance: number): ChangeVerdict {
  if (change.delta === null) return "untested";
  if (!significantHolm) return "no_significant_change";
  if (Math.abs(change.delta) <= tolerance + TOLERANCE_SLACK) return "within_tolerance";
  if (change.direction === "neutral") return "changed";
  const harmful = change.direction === "lower_is_better" ? change.delta > 0 : change.delta < 0;
  return harmful ? "regression" : "improvement";
}

function spreadOf(summary: DisparitySummary, metric: TestedMetric): SpreadInRun {
  const { difference, min, max, excludedGroups } = summary.metrics[metric].betweenGroups;
  return { difference, min, max, excludedGroups };
}

/** max − min of the defined values; the same figure as disparitySummary's between-groups difference, cheap enough for every resample. */
function spreadValue(counts: readonly ConfusionCounts[], metric: TestedMetric): number | null {
  let min = Infinity;
  let max = -Infinity;
  for (const c of counts) {
    const v = valueOf(TESTED_PROPORTION[metric](c));
    if (v === null) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return max >= min ? max - min : null;
}

/**
 * Bootstrap intervals of the change in spread, per metric. Both runs' groups
 * go into one stratified bootstrap, so each group of each run is resampled
 * on its own at its observed size: the two runs vary independently, as the
 * tests assume.
 */
function spreadChangeIntervals(
  baseline: readonly GroupCounts[],
  candidate: readonly GroupCounts[],
  options: { resamples: number; seed: number },
): Partial<Record<TestedMetric, Interval | null>> {
  if (options.resamples === 0 || baseline.length === 0) return {};
  const size = baseline.length;
  // Positional labels: group names of the two runs may coincide, and must here.
  const groups = [...baseline.map((g, i) => ({ ...g, group: `b${i}` })), ...candidate.map((g, i) => ({ ...g, group: `c${i}` }))];
  const { intervals } = bootstrapGroupCounts(groups, { resamples: options.resamples, seed: options.seed }, (drawn) => {
    const b = drawn.slice(0, size);
    const c = drawn.slice(size);
    const out: Record<string, number | null> = {};
    for (const metric of TESTED_METRICS) {
      const before = spreadValue(b, metric);
      const after = spreadValue(c, metric);
      out[metric] = before === null || after === null ? null : after - before;
    }
    return out;
  });
  const out: Partial<Record<TestedMetric, Interval | null>> = {};
  for (const metric of TESTED_METRICS) {
    const interval = intervals[metric];
    out[metric] = interval ? { lower: interval.lower, upper: interval.upper } : null;
  }
  return out;
}

function disparityChanges(
  baseline: readonly GroupCounts[],
  candidate: readonly GroupCounts[],
  options: { tolerance: number; resamples: number; seed: number },
): DisparityChange[] {
  const intervals = spreadChangeIntervals(baseline, candidate, options);
  const baselineSummary = disparitySummary(baseline);
  const candidateSummary = disparitySummary(candidate);
  return TESTED_METRICS.map((metric) => {
    const before = spreadOf(baselineSummary, metric);
    const after = spreadOf(candidateSummary, metric);
    const change = before.difference === null || after.difference === null ? null : after.difference - before.difference;
    const changeCi = intervals[metric] ?? null;
    let trend: DisparityTrend = "undefined";
    if (change !== null) {
      trend = Math.abs(change) <= options.tolerance + TOLERANCE_SLACK ? "unchanged" : change > 0 ? "widened" : "narrowed";
    }
    const confident = changeCi !== null && (changeCi.lower > 0 || changeCi.upper < 0);
    return { metric, baseline: before, candidate: after, change, changeCi, trend, confident };
  });
}

const presence = (group: string, c: ConfusionCounts): GroupPresence => ({ group, n: rows(c), isMissing: hasMissingComponent(group) });

/**
 * Compares a baseline run with a candidate run, from each run's per-attribute
 * group counts. Every attribute and group present in both is compared on every
 * tested metric; groups and attributes present in only one run are listed.
 * Holm and BH run across all tested changes together, the family a reviewer
 * reads at once. The disparity between groups is compared over the groups in
 * both runs, so that a group appearing or vanishing cannot by itself widen or
 * narrow it.
 */
export function compareFairnessRuns(
  baseline: readonly AttributeCounts[],
  candidate: readonly AttributeCounts[],
  options: RunComparisonOptions = {},
): FairnessRunComparison {
  const tolerance = options.tolerance ?? DEFAULT_REGRESSION_TOLERANCE;
  const alpha = options.alpha ?? DEFAULT_SIGNIFICANCE_LEVEL;
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const seed = options.seed ?? 1;
  const minGroupSize = options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  if (!(tolerance >= 0 && tolerance < 1)) throw new RangeError(`tolerance must lie in [0, 1), got ${tolerance}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie in (0, 1), got ${alpha}`);
  if (!Number.isSafeInteger(resamples) || resamples < 0) throw new RangeError(`resamples must be a non-negative integer, got ${resamples}`);

  const before = byAttribute(baseline, "baseline");
  const after = byAttribute(candidate, "candidate");

  const partial = [...before.values()]
    .filter((a) => after.has(a.attribute))
    .map((a) => {
      const b = mergeGroups(a.groups);
      const c = mergeGroups(after.get(a.attribute)!.groups);
      const shared = [...b.keys()].filter((g) => c.has(g)).sort((x, y) => rows(b.get(y)!) - rows(b.get(x)!) || byLabel(x, y));
      const sharedCounts = (run: Map<string, ConfusionCounts>): GroupCounts[] => shared.map((group) => ({ group, ...run.get(group)! }));
      const groups = shared.map((group) => {
        const bc = b.get(group)!;
        const cc = c.get(group)!;
        return {
          group,
          isMissing: hasMissingComponent(group),
          baselineN: rows(bc),
          candidateN: rows(cc),
          smallSample: isSmall(bc, minGroupSize) || isSmall(cc, minGroupSize),
          raw: TESTED_METRICS.map((metric) => rawChange(a.attribute, group, metric, bc, cc)),
        };
      });
      return {
        attribute: a.attribute,
        groups,
        onlyInBaseline: [...b].filter(([g]) => !c.has(g)).map(([g, counts]) => presence(g, counts)),
        onlyInCandidate: [...c].filter(([g]) => !b.has(g)).map(([g, counts]) => presence(g, counts)),
        disparities: disparityChanges(sharedCounts(b), sharedCounts(c), { tolerance, resamples, seed }),
      };
    });

  const tested = partial.flatMap((a) => a.groups.flatMap((g) => g.raw)).filter((r) => r.pValue !== null);
  const pValues = tested.map((r) => r.pValue!);
  const holm = holmAdjust(pValues);
  const bh = benjaminiHochbergAdjust(pValues);
  const holmFlags = flagSignificant(holm, alpha);
  const bhFlags = flagSignificant(bh, alpha);
  const adjusted = new Map<RawChange, { holm: number; bh: number; significantHolm: boolean; significantBh: boolean }>();
  tested.forEach((r, i) => adjusted.set(r, { holm: holm[i]!, bh: bh[i]!, significantHolm: holmFlags[i]!, significantBh: bhFlags[i]! }));

  const counts: Record<ChangeVerdict, number> = { regression: 0, improvement: 0, changed: 0, within_tolerance: 0, no_significant_change: 0, untested: 0 };
  const all: MetricChange[] = [];
  const attributes: AttributeComparison[] = partial.map((p) => ({
    attribute: p.attribute,
    onlyInBaseline: p.onlyInBaseline,
    onlyInCandidate: p.onlyInCandidate,
    disparities: p.disparities,
    groups: p.groups.map(({ raw, ...group }) => {
      const metrics = {} as Record<TestedMetric, MetricChange>;
      for (const r of raw) {
        const adj = adjusted.get(r) ?? { holm: null, bh: null, significantHolm: false, significantBh: false };
        const verdict = verdictOf(r, adj.significantHolm, tolerance);
        const change: MetricChange = { ...r, ...adj, regression: verdict === "regression", verdict };
        counts[verdict] += 1;
        all.push(change);
        metrics[r.metric] = change;
      }
      return { ...group, metrics };
    }),
  }));

  return {
    tolerance,
    alpha,
    confidence: 0.95,
    resamples,
    seed,
    comparisonCount: tested.length,
    attributes,
    attributesOnlyInBaseline: [...before.keys()].filter((a) => !after.has(a)),
    attributesOnlyInCandidate: [...after.keys()].filter((a) => !before.has(a)),
    regressions: all.filter((c) => c.regression).sort((x, y) => x.holm! - y.holm! || x.pValue! - y.pValue!),
    counts,
  };
}
