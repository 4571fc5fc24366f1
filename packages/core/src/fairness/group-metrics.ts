import { wilsonInterval } from "../stats/wilson";
import { rateEstimates } from "./compute";
import { RATE_METRIC_LABELS, type ConfusionCounts, type Interval } from "./types";

/**
 * Every per-group figure the product shows, in display order: the group's
 * size first, then what the data says about the group (base rate), then what
 * the model does to it (selection rate), then how well it does it.
 */
export const GROUP_METRICS = [
  "count",
  "share",
  "base_rate",
  "selection_rate",
  "accuracy",
  "balanced_accuracy",
  "tpr",
  "fpr",
  "tnr",
  "fnr",
  "ppv",
  "npv",
  "fdr",
  "for",
  "f1",
] as const;
export type GroupMetric = (typeof GROUP_METRICS)[number];

/**
 * - `count`: a plain number of rows, not an estimate, so no interval.
 * - `proportion`: successes / trials of a binomial count, with a Wilson 95% interval.
 * - `derived`: a function of two proportions (balanced accuracy, F1). Wilson's
 *   interval assumes one binomial count and would be wrong for these, so their
 *   interval is null here; the bootstrap gives them one elsewhere.
 */
export type GroupMetricKind = "count" | "proportion" | "derived";

export type GroupMetricInfo = {
  label: string;
  kind: GroupMetricKind;
  formula: string;
  /** Why the metric is undefined (null) for a group, or null if it never is. */
  undefinedWhen: string | null;
};

export const GROUP_METRIC_INFO: Record<GroupMetric, GroupMetricInfo> = {
  count: { label: "Count (n)", kind: "count", formula: "TP + FP + TN + FN", undefinedWhen: null },
  share: { label: "Share of the data", kind: "proportion", formula: "n / total rows", undefinedWhen: "the data has no rows" },
  base_rate: { label: RATE_METRIC_LABELS.base_rate, kind: "proportion", formula: "(TP + FN) / n", undefinedWhen: "no rows" },
  selection_rate: { label: RATE_METRIC_LABELS.selection_rate, kind: "proportion", formula: "(TP + FP) / n", undefinedWhen: "no rows" },
  accuracy: { label: RATE_METRIC_LABELS.accuracy, kind: "proportion", formula: "(TP + TN) / n", undefinedWhen: "no rows" },
  balanced_accuracy: {
    label: "Balanced accuracy",
    kind: "derived",
    formula: "(TPR + TNR) / 2",
    undefinedWhen: "no actual positives or no actual negatives",
  },
  tpr: { label: RATE_METRIC_LABELS.tpr, kind: "proportion", formula: "TP / (TP + FN)", undefinedWhen: "no actual positives" },
  fpr: { label: RATE_METRIC_LABELS.fpr, kind: "proportion", formula: "FP / (FP + TN)", undefinedWhen: "no actual negatives" },
  tnr: { label: RATE_METRIC_LABELS.tnr, kind: "proportion", formula: "TN / (FP + TN)", undefinedWhen: "no actual negatives" },
  fnr: { label: RATE_METRIC_LABELS.fnr, kind: "proportion", formula: "FN / (TP + FN)", undefinedWhen: "no actual positives" },
  ppv: { label: RATE_METRIC_LABELS.ppv, kind: "proportion", formula: "TP / (TP + FP)", undefinedWhen: "no predicted positives" },
  npv: { label: RATE_METRIC_LABELS.npv, kind: "proportion", formula: "TN / (TN + FN)", undefinedWhen: "no predicted negatives" },
  fdr: { label: "False discovery rate", kind: "proportion", formula: "FP / (TP + FP)", undefinedWhen: "no predicted positives" },
  for: { label: "False omission rate", kind: "proportion", formula: "FN / (TN + FN)", undefinedWhen: "no predicted negatives" },
  f1: { label: "F1 score", kind: "derived", formula: "2·TP / (2·TP + FP + FN)", undefinedWhen: "no actual and no predicted positives" },
};

export const GROUP_METRIC_LABELS: Record<GroupMetric, string> = Object.fromEntries(
  GROUP_METRICS.map((m) => [m, GROUP_METRIC_INFO[m].label]),
) as Record<GroupMetric, string>;

/**
 * One metric of one group. `numerator`/`denominator` are the binomial counts
 * behind a proportion (null for `count` and the derived metrics, whose value
 * is no single ratio of counts an interval could be built on). `value` is
 * null, never NaN, when the metric is undefined for the group; so is `ci`.
 */
export type MetricEstimate = {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  ci: Interval | null;
};

export type GroupMetricValues = Record<GroupMetric, MetricEstimate>;

const proportion = (numerator: number, denominator: number): MetricEstimate => ({
  value: denominator === 0 ? null : numerator / denominator,
  numerator,
  denominator,
  ci: wilsonInterval(numerator, denominator),
});

const derived = (value: number | null): MetricEstimate => ({ value, numerator: null, denominator: null, ci: null });

/**
 * Every metric of GROUP_METRICS for one group, from its confusion counts and
 * the number of rows in the whole data (`total`, for the share).
 *
 * The nine rates the plan checks use come from `rateEstimates`, so a figure
 * shown here can never disagree with the one a check was judged on.
 *
 * Undefined metrics are null where scikit-learn (and so fairlearn) would
 * score them 0 (`zero_division`, `confusion_matrix(normalize="true")`): a
 * group with no actual positives has no true-positive rate, and reporting 0
 * would rank it as the worst-served group instead of saying nothing about it.
 * Balanced accuracy is likewise null unless the group has both classes, where
 * scikit-learn would average the recall of the one class present.
 */
export function groupMetrics(counts: ConfusionCounts, total: number): GroupMetricValues {
  const rates = rateEstimates(counts);
  const { tp, fp, tn, fn } = counts;
  const n = tp + fp + tn + fn;
  if (!Number.isSafeInteger(total) || total < n) {
    throw new RangeError(`total must be an integer of at least the group's ${n} rows, got ${total}`);
  }
  const tpr = rates.tpr.value;
  const tnr = rates.tnr.value;
  const f1Denominator = 2 * tp + fp + fn;
  return {
    count: { value: n, numerator: null, denominator: null, ci: null },
    share: proportion(n, total),
    base_rate: rates.base_rate,
    selection_rate: rates.selection_rate,
    accuracy: rates.accuracy,
    balanced_accuracy: derived(tpr === null || tnr === null ? null : (tpr + tnr) / 2),
    tpr: rates.tpr,
    fpr: rates.fpr,
    tnr: rates.tnr,
    fnr: rates.fnr,
    ppv: rates.ppv,
    npv: rates.npv,
    fdr: proportion(fp, tp + fp),
    for: proportion(fn, tn + fn),
    f1: derived(f1Denominator === 0 ? null : (2 * tp) / f1Denominator),
  };
}
