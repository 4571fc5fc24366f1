/**
 * Disparities between groups, following fairlearn's definitions
 * (fairlearn.metrics: MetricFrame.difference/ratio and the named
 * *_difference/*_ratio functions). For one metric m over groups g:
 *
 *   between_groups difference  = max_g m(g) − min_g m(g)             (≥ 0)
 *   between_groups ratio       = min_g m(g) / max_g m(g)             (in [0, 1])
 *   to_overall difference      = max_g |m(g) − m(all)|
 *   to_overall ratio           = min_g r(g), r = m(g)/m(all), or its inverse when above 1
 *
 *   demographic_parity_difference / _ratio = between_groups of the selection rate
 *   equalized_odds_difference (agg="worst_case") = max(TPR difference, FPR difference)
 *   equalized_odds_ratio      (agg="worst_case") = min(TPR ratio, FPR ratio)
 *   equal_opportunity_difference / _ratio = between_groups of the TPR
 *
 * fairlearn has no reference group; the comparison with one (the Aequitas
 * convention, and the one plan checks use) is m(g) − m(ref) and m(g) / m(ref).
 * Predictive parity is the between_groups spread of the PPV and the
 * four-fifths rule divides each selection rate by the highest one (EEOC
 * Uniform Guidelines, 29 CFR 1607.4(D)); neither is a fairlearn function.
 *
 * Where this departs from fairlearn, on purpose:
 * - A metric that is undefined for a group (zero denominator) is null and the
 *   group is left out of the min and max, and listed in `excludedGroups`.
 *   fairlearn scores TPR/FPR/TNR/FNR of such a group 0 (scikit-learn's
 *   confusion_matrix(normalize="true") turns 0/0 into 0) and so counts a group
 *   with no positives as the worst off; where its metric is NaN (an empty
 *   intersection), pandas' min/max skip it, as here.
 * - A ratio whose denominator is 0 is null. Every metric here is ≥ 0, so the
 *   between_groups ratio divides by 0 only when every value is 0 (0/0, which
 *   fairlearn returns as NaN); a ratio to a reference or overall value of 0 is
 *   null too rather than fairlearn's inf/NaN, because neither serialises to
 *   JSON nor compares meaningfully with a band.
 * - equalized odds is null when either its TPR or its FPR part is, where
 *   Python's max()/min() over a NaN would answer depending on the order.
 */
import { GROUP_METRICS, groupMetrics, type GroupMetric, type GroupMetricValues } from "./group-metrics";
import { hasMissingComponent } from "./intersections";
import type { ConfusionCounts, GroupCounts } from "./types";

/**
 * The metrics compared across groups: all but `count` and `share`, which
 * describe how the data is made up rather than how the model treats a group.
 */
export const DISPARITY_METRICS: readonly DisparityMetric[] = Object.freeze(
  GROUP_METRICS.filter((m): m is DisparityMetric => m !== "count" && m !== "share"),
);
export type DisparityMetric = Exclude<GroupMetric, "count" | "share">;

/** The EEOC's four-fifths (80%) rule of thumb for adverse impact. */
export const FOUR_FIFTHS_THRESHOLD = 0.8;

/**
 * Inclusive thresholds are compared with this slack so that float rounding
 * (0.32 / 0.4 = 0.7999999999999999) cannot fail a ratio that is exactly 0.8;
 * the same slack the plan checks allow.
 */
const THRESHOLD_TOLERANCE = 1e-12;

export type GroupValue = { group: string; value: number | null };

export type ReferenceComparison = {
  group: string;
  value: number | null;
  referenceValue: number | null;
  /** value − referenceValue; null when either is undefined. */
  difference: number | null;
  /** value / referenceValue; null when either is undefined or the reference value is 0. */
  ratio: number | null;
};

export type BetweenGroups = {
  /** max − min, fairlearn's difference(method="between_groups"); null when no group has a value. */
  difference: number | null;
  /** min / max, fairlearn's ratio(method="between_groups"); null when no group has a value or every value is 0. */
  ratio: number | null;
  min: { group: string; value: number } | null;
  max: { group: string; value: number } | null;
  /** Groups left out because the metric is undefined for them, in input order. */
  excludedGroups: string[];
};

export type ToOverall = {
  /** The metric over all the groups' rows pooled, as fairlearn's MetricFrame.overall. */
  overall: number | null;
  /** max |m(g) − overall|, fairlearn's difference(method="to_overall"). */
  difference: number | null;
  /** min over groups of m(g)/overall folded into [0, 1], fairlearn's ratio(method="to_overall"); null when overall is 0. */
  ratio: number | null;
};

export type MetricDisparity = {
  metric: DisparityMetric;
  referenceGroup: string | null;
  referenceValue: number | null;
  /** Every group, the reference itself included, against the reference. */
  vsReference: ReferenceComparison[];
  betweenGroups: BetweenGroups;
  toOverall: ToOverall;
};

export type DifferenceAndRatio = { difference: number | null; ratio: number | null };

export type FourFifthsComparison = {
  group: string;
  selectionRate: number | null;
  /** selectionRate / the highest selection rate; null when either is undefined or the highest is 0. */
  ratio: number | null;
  passed: boolean | null;
};

export type FourFifthsResult = {
  threshold: number;
  highestGroup: string | null;
  highestRate: number | null;
  comparisons: FourFifthsComparison[];
  /** Groups whose ratio is below the threshold, lowest ratio first. */
  failingGroups: string[];
  /** Groups with no rows, so no selection rate. */
  excludedGroups: string[];
  /**
   * true when every ratio is at least the threshold; null when no ratio can
   * be formed (no group has rows, or nobody was selected at all).
   */
  passed: boolean | null;
};

export type DisparityGroup = { group: string; isMissing: boolean; counts: ConfusionCounts; metrics: GroupMetricValues };

export type DisparitySummary = {
  /** Largest group first; equal sizes in code-unit order of their labels. */
  groups: DisparityGroup[];
  referenceGroup: string | null;
  referenceGroupChosenBy: "user" | "largest";
  metrics: Record<DisparityMetric, MetricDisparity>;
  /** Selection rate, between groups. */
  demographicParity: DifferenceAndRatio;
  /** The worse of the TPR and FPR between-groups figures (fairlearn's agg="worst_case"). */
  equalizedOdds: DifferenceAndRatio;
  /** TPR, between groups. */
  equalOpportunity: DifferenceAndRatio;
  /** PPV, between groups. */
  predictiveParity: DifferenceAndRatio;
  fourFifths: FourFifthsResult;
};

export type DisparitySummaryOptions = {
  /** Compare every group with this one; defaults to defaultReferenceGroup. Must be one of the groups. */
  referenceGroup?: string;
  /** Rows in the whole data, for each group's share; defaults to the rows of the groups given. */
  total?: number;
  fourFifthsThreshold?: number;
};

// Code-unit order, not localeCompare: results feed evidence hashes and must not depend on the host's locale.
const byLabel = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const rowsOf = (c: ConfusionCounts) => c.tp + c.fp + c.tn + c.fn;

/**
 * The largest group whose label has no missing component (ties: the first in
 * code-unit order), so the default never depends on input order; a group
 * with a missing component only if there is no other. null for no groups.
 * For single attributes this is the reference computeFairness chooses.
 */
export function defaultReferenceGroup(groups: ReadonlyArray<{ group: string; n: number }>): string | null {
  const pick = (candidates: ReadonlyArray<{ group: string; n: number }>) =>
    candidates.reduce<{ group: string; n: number } | null>(
      (best, g) => (best === null || g.n > best.n || (g.n === best.n && byLabel(g.group, best.group) < 0) ? g : best),
      null,
    );
  return (pick(groups.filter((g) => !hasMissingComponent(g.group))) ?? pick(groups))?.group ?? null;
}

/** Each group's value against the reference group's: difference and ratio, null where undefined. */
export function compareWithReference(values: readonly GroupValue[], referenceGroup: string): ReferenceComparison[] {
  const reference = values.find((v) => v.group === referenceGroup);
  if (!reference) throw new RangeError(`Reference group "${referenceGroup}" is not among the groups.`);
  const referenceValue = reference.value;
  return values.map(({ group, value }) => ({
    group,
    value,
    referenceValue,
    difference: value === null || referenceValue === null ? null : value - referenceValue,
    ratio: value === null || referenceValue === null || referenceValue === 0 ? null : value / referenceValue,
  }));
}

/** max − min and min / max over the groups whose value is defined (see the module comment). */
export function betweenGroups(values: readonly GroupValue[]): BetweenGroups {
  let min: { group: string; value: number } | null = null;
  let max: { group: string; value: number } | null = null;
  const excludedGroups: string[] = [];
  for (const { group, value } of values) {
    if (value === null) {
      excludedGroups.push(group);
      continue;
    }
    if (Number.isNaN(value)) throw new RangeError(`The value of group "${group}" is NaN; undefined values must be null.`);
    if (min === null || value < min.value || (value === min.value && byLabel(group, min.group) < 0)) min = { group, value };
    if (max === null || value > max.value || (value === max.value && byLabel(group, max.group) < 0)) max = { group, value };
  }
  if (min === null || max === null) return { difference: null, ratio: null, min: null, max: null, excludedGroups };
  return { difference: max.value - min.value, ratio: max.value === 0 ? null : min.value / max.value, min, max, excludedGroups };
}

/** fairlearn's method="to_overall": each defined group against the pooled value. */
export function toOverall(values: readonly GroupValue[], overall: number | null): ToOverall {
  const defined = values.map((v) => v.value).filter((v): v is number => v !== null);
  if (overall === null || defined.length === 0) return { overall, difference: null, ratio: null };
  const difference = Math.max(...defined.map((v) => Math.abs(v - overall)));
  if (overall === 0) return { overall, difference, ratio: null };
  // fairlearn folds each ratio into [0, 1] as 1/x (not overall/value): the same operations keep the same bits.
  const ratio = Math.min(...defined.map((v) => v / overall).map((x) => (x > 1 ? 1 / x : x)));
  return { overall, difference, ratio };
}

/**
 * The four-fifths rule: each group's selection rate divided by the highest
 * group's (ties: the first label in code-unit order) passes at `threshold`
 * or above. Groups with no rows have no selection rate and are excluded.
 */
export function fourFifthsRule(selectionRates: readonly GroupValue[], threshold: number = FOUR_FIFTHS_THRESHOLD): FourFifthsResult {
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${threshold}`);
  const { max, excludedGroups } = betweenGroups(selectionRates);
  const highestRate = max?.value ?? null;
  const comparisons: FourFifthsComparison[] = selectionRates.map(({ group, value }) => {
    const ratio = value === null || highestRate === null || highestRate === 0 ? null : value / highestRate;
    return { group, selectionRate: value, ratio, passed: ratio === null ? null : ratio >= threshold - THRESHOLD_TOLERANCE };
  });
  const failing = comparisons.filter((c) => c.passed === false);
  failing.sort((a, b) => a.ratio! - b.ratio! || byLabel(a.group, b.group));
  const evaluable = comparisons.some((c) => c.passed !== null);
  return {
    threshold,
    highestGroup: max?.group ?? null,
    highestRate,
    comparisons,
    failingGroups: failing.map((c) => c.group),
    excludedGroups,
    passed: evaluable ? failing.length === 0 : null,
  };
}

const pairOf = (b: BetweenGroups): DifferenceAndRatio => ({ difference: b.difference, ratio: b.ratio });

const worstOf = (x: BetweenGroups, y: BetweenGroups): DifferenceAndRatio => ({
  difference: x.difference === null || y.difference === null ? null : Math.max(x.difference, y.difference),
  ratio: x.ratio === null || y.ratio === null ? null : Math.min(x.ratio, y.ratio),
});

/**
 * Every metric of every group, each metric's disparities (against the
 * reference group, between groups, to overall) and the named summaries, from
 * per-group confusion counts. All the groups given take part, the missing
 * group included: callers choose the groups. Groups listed twice are merged.
 */
export function disparitySummary(groups: readonly GroupCounts[], options: DisparitySummaryOptions = {}): DisparitySummary {
  const merged = new Map<string, ConfusionCounts>();
  for (const g of groups) {
    const prev = merged.get(g.group) ?? { tp: 0, fp: 0, tn: 0, fn: 0 };
    merged.set(g.group, { tp: prev.tp + g.tp, fp: prev.fp + g.fp, tn: prev.tn + g.tn, fn: prev.fn + g.fn });
  }
  const pooled: ConfusionCounts = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const c of merged.values()) {
    pooled.tp += c.tp;
    pooled.fp += c.fp;
    pooled.tn += c.tn;
    pooled.fn += c.fn;
  }
  const total = options.total ?? rowsOf(pooled);
  if (!Number.isSafeInteger(total) || total < rowsOf(pooled)) {
    throw new RangeError(`total must be an integer of at least the groups' ${rowsOf(pooled)} rows, got ${total}`);
  }

  const results: DisparityGroup[] = [...merged]
    .map(([group, counts]) => ({ group, isMissing: hasMissingComponent(group), counts, metrics: groupMetrics(counts, total) }))
    .sort((a, b) => rowsOf(b.counts) - rowsOf(a.counts) || byLabel(a.group, b.group));

  let referenceGroup: string | null;
  if (options.referenceGroup !== undefined) {
    if (!merged.has(options.referenceGroup)) throw new RangeError(`Reference group "${options.referenceGroup}" is not among the groups.`);
    referenceGroup = options.referenceGroup;
  } else {
    referenceGroup = defaultReferenceGroup(results.map((g) => ({ group: g.group, n: rowsOf(g.counts) })));
  }

  const overall = groupMetrics(pooled, total);
  const metrics = {} as Record<DisparityMetric, MetricDisparity>;
  for (const metric of DISPARITY_METRICS) {
    const values: GroupValue[] = results.map((g) => ({ group: g.group, value: g.metrics[metric].value }));
    const vsReference = referenceGroup === null ? [] : compareWithReference(values, referenceGroup);
    metrics[metric] = {
      metric,
      referenceGroup,
      referenceValue: vsReference.find((c) => c.group === referenceGroup)?.value ?? null,
      vsReference,
      betweenGroups: betweenGroups(values),
      toOverall: toOverall(values, overall[metric].value),
    };
  }

  const selection = metrics.selection_rate.betweenGroups;
  return {
    groups: results,
    referenceGroup,
    referenceGroupChosenBy: options.referenceGroup === undefined ? "largest" : "user",
    metrics,
    demographicParity: pairOf(selection),
    equalizedOdds: worstOf(metrics.tpr.betweenGroups, metrics.fpr.betweenGroups),
    equalOpportunity: pairOf(metrics.tpr.betweenGroups),
    predictiveParity: pairOf(metrics.ppv.betweenGroups),
    fourFifths: fourFifthsRule(
      results.map((g) => ({ group: g.group, value: g.metrics.selection_rate.value })),
      options.fourFifthsThreshold,
    ),
  };
}
