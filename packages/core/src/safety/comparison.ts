import { newcombeInterval } from "../fairness/comparison";
import type { Interval, RateEstimate } from "../fairness/types";
import { adjustPValues, flagSignificant } from "../stats/multiple-testing";
import { compareProportions, type Proportion } from "../stats/proportion-tests";
import { SAFETY_METRIC_DEFINITIONS, SAFETY_METRICS, type SafetyMetric, type SafetyMetrics, type SafetyRunSummary } from "./metrics";

/**
 * Baseline against candidate: two safety runs of the same suite (two model
 * versions, or before and after a guardrail), compared metric by metric,
 * overall and per category. As in the fairness comparison the runs are
 * treated as independent samples; on the same suite the items are in fact
 * paired, so the tests are conservative.
 */

export type SafetyCorrection = "holm" | "bh" | "none";

export type SafetyComparisonOptions = {
  /** Significance level after correction; 0.05 by default. */
  alpha?: number;
  /** Multiple-testing correction across every tested change; Holm by default, as for fairness regressions. */
  correction?: SafetyCorrection;
};

export type SafetyMetricChange = {
  /** null for the run as a whole. */
  category: string | null;
  metric: SafetyMetric;
  baseline: RateEstimate;
  candidate: RateEstimate;
  /** candidate − baseline, in the metric's units (per 1,000 for violations); null when undefined in either run. */
  difference: number | null;
  /** Newcombe's hybrid score 95% interval of the difference, in the same units. */
  differenceCi: Interval | null;
  /** Fisher's exact test when an expected cell is below 5, else the pooled z-test; null when untested. */
  test: "z" | "fisher" | null;
  /** z for the z-test (positive when the candidate is higher), the sample odds ratio for Fisher's; null when untested or undefined. */
  statistic: number | null;
  pValue: number | null;
  /** After the correction across every tested change of the comparison; the raw p-value when the correction is "none". */
  adjustedPValue: number | null;
  significant: boolean;
  /** A significant increase: every safety metric counts harm. */
  regression: boolean;
  /** A significant decrease. */
  improvement: boolean;
};

export type SafetyRunComparison = {
  alpha: number;
  correction: SafetyCorrection;
  confidence: 0.95;
  /** How many changes were tested, i.e. the size of the correction's family. */
  comparisonCount: number;
  /** Regressions first, then improvements, each by adjusted p; then the rest, overall before categories, in metric order. */
  changes: SafetyMetricChange[];
  categoriesOnlyInBaseline: string[];
  categoriesOnlyInCandidate: string[];
  counts: { regressions: number; improvements: number; untested: number };
};

export const DEFAULT_SAFETY_ALPHA = 0.05;

const proportionOf = (r: RateEstimate): Proportion => ({ successes: r.numerator, trials: r.denominator });

type RawChange = Omit<SafetyMetricChange, "adjustedPValue" | "significant" | "regression" | "improvement">;

function rawChange(category: string | null, metric: SafetyMetric, baseline: RateEstimate, candidate: RateEstimate): RawChange {
  const common = { category, metric, baseline, candidate };
  if (baseline.denominator === 0 || candidate.denominator === 0) {
    return { ...common, difference: null, differenceCi: null, test: null, statistic: null, pValue: null };
  }
  const { scale } = SAFETY_METRIC_DEFINITIONS[metric];
  const b = proportionOf(baseline);
  const c = proportionOf(candidate);
  // Candidate first, so a positive statistic means the rate went up, like the difference.
  const result = compareProportions(c, b);
  const ci = newcombeInterval(c, b);
  return {
    ...common,
    // Violations per 1,000 are tested as the proportions they are; only the reported difference is scaled.
    difference: scale * (c.successes / c.trials - b.successes / b.trials),
    differenceCi: ci && { lower: scale * ci.lower, upper: scale * ci.upper },
    test: result.test,
    statistic: result.statistic ?? null,
    pValue: result.pValue,
  };
}

const metricChanges = (category: string | null, baseline: SafetyMetrics, candidate: SafetyMetrics): RawChange[] =>
  SAFETY_METRICS.map((metric) => rawChange(category, metric, baseline[metric], candidate[metric]));

function adjusted(pValues: readonly number[], correction: SafetyCorrection): number[] {
  return correction === "none" ? [...pValues] : adjustPValues(pValues, correction);
}

const rank = (c: SafetyMetricChange) => (c.regression ? 0 : c.improvement ? 1 : 2);

function changeOrder(a: SafetyMetricChange, b: SafetyMetricChange): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0 || rank(a) === 2) return byRank;
  // Both regressions or both improvements, so both were tested.
  return a.adjustedPValue! - b.adjustedPValue! || a.pValue! - b.pValue!;
}

// Code-unit order, not localeCompare: the result must not depend on the host's locale.
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Compares a candidate safety run with a baseline on every metric, overall
 * and in each category present in both. The correction runs over every
 * tested change together, the family a reviewer reads at once. A metric
 * undefined in either run (no items in its denominator) is listed untested.
 */
export function compareSafetyRuns(baseline: SafetyRunSummary, candidate: SafetyRunSummary, options: SafetyComparisonOptions = {}): SafetyRunComparison {
  const alpha = options.alpha ?? DEFAULT_SAFETY_ALPHA;
  const correction = options.correction ?? "holm";
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie in (0, 1), got ${alpha}`);

  const before = new Map(baseline.byCategory.map((c) => [c.category, c]));
  const after = new Map(candidate.byCategory.map((c) => [c.category, c]));
  const shared = [...before.keys()].filter((k) => after.has(k)).sort(byKey);

  const raw = [
    ...metricChanges(null, baseline.overall, candidate.overall),
    ...shared.flatMap((k) => metricChanges(k, before.get(k)!.metrics, after.get(k)!.metrics)),
  ];
  const tested = raw.filter((r) => r.pValue !== null);
  const adjustedP = adjusted(
    tested.map((r) => r.pValue!),
    correction,
  );
  const significant = flagSignificant(adjustedP, alpha);
  const testResult = new Map<RawChange, { adjustedPValue: number; significant: boolean }>();
  tested.forEach((r, i) => testResult.set(r, { adjustedPValue: adjustedP[i]!, significant: significant[i]! }));

  const changes = raw.map((r): SafetyMetricChange => {
    const t = testResult.get(r) ?? { adjustedPValue: null, significant: false };
    const difference = r.difference ?? 0;
    return { ...r, ...t, regression: t.significant && difference > 0, improvement: t.significant && difference < 0 };
  });
  // Array.prototype.sort is stable, so the rest keep the natural order built above.
  changes.sort(changeOrder);

  return {
    alpha,
    correction,
    confidence: 0.95,
    comparisonCount: tested.length,
    changes,
    categoriesOnlyInBaseline: [...before.keys()].filter((k) => !after.has(k)).sort(byKey),
    categoriesOnlyInCandidate: [...after.keys()].filter((k) => !before.has(k)).sort(byKey),
    counts: {
      regressions: changes.filter((c) => c.regression).length,
      improvements: changes.filter((c) => c.improvement).length,
      untested: raw.length - tested.length,
    },
  };
}
