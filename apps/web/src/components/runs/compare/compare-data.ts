import {
  RATE_METRIC_LABELS,
  TESTED_METRICS,
  type AttributeComparison,
  type ChangeVerdict,
  type DisparityChange,
  type HarmDirection,
  type TestedMetric,
} from "@assay/core";
import type { BadgeTone } from "@/components/ui";

/**
 * Labels, tones and number formats of the run comparison views. Kept apart
 * from the components so that they can be tested without rendering.
 */

export const VERDICT_TEXT: Record<ChangeVerdict, string> = {
  regression: "Regression",
  improvement: "Improvement",
  changed: "Changed",
  within_tolerance: "Within tolerance",
  no_significant_change: "No significant change",
  untested: "Not tested",
};

export const VERDICT_TONE: Record<ChangeVerdict, BadgeTone> = {
  regression: "bad",
  improvement: "good",
  changed: "info",
  within_tolerance: "neutral",
  no_significant_change: "neutral",
  untested: "neutral",
};

export const DIRECTION_TEXT: Record<HarmDirection, string> = {
  higher_is_better: "higher is better",
  lower_is_better: "lower is better",
  neutral: "neither direction is better in itself",
};

export const metricLabel = (metric: TestedMetric) => RATE_METRIC_LABELS[metric];

/**
 * How a change in the between-groups spread reads. A wider gap is worse
 * whatever the metric, since it is the gap that fairness is about; without
 * an interval that excludes 0 the trend is only suggestive, and says so.
 */
export function trendBadge(d: Pick<DisparityChange, "trend" | "confident">): { text: string; tone: BadgeTone } {
  switch (d.trend) {
    case "widened":
      return d.confident ? { text: "Widened", tone: "bad" } : { text: "Widened (uncertain)", tone: "warn" };
    case "narrowed":
      return d.confident ? { text: "Narrowed", tone: "good" } : { text: "Narrowed (uncertain)", tone: "neutral" };
    case "unchanged":
      return { text: "Within tolerance", tone: "neutral" };
    case "undefined":
      return { text: "Not comparable", tone: "neutral" };
  }
}

/** Verdicts per metric of one attribute, for the metric picker's labels. */
export function verdictCounts(attribute: AttributeComparison, metric: TestedMetric): Record<ChangeVerdict, number> {
  const counts: Record<ChangeVerdict, number> = { regression: 0, improvement: 0, changed: 0, within_tolerance: 0, no_significant_change: 0, untested: 0 };
  for (const g of attribute.groups) counts[g.metrics[metric].verdict] += 1;
  return counts;
}

/**
 * The metric a table opens on: the first with a regression, else the first
 * with any significant change beyond the tolerance, else the false-positive
 * rate, the harm most fairness reviews start from.
 */
export function defaultCompareMetric(attribute: AttributeComparison): TestedMetric {
  const withVerdict = (verdicts: ChangeVerdict[]) =>
    TESTED_METRICS.find((m) => attribute.groups.some((g) => verdicts.includes(g.metrics[m].verdict)));
  return withVerdict(["regression"]) ?? withVerdict(["improvement", "changed"]) ?? "fpr";
}

/** "False-positive rate (2 regressions)" */
export function metricOptionLabel(attribute: AttributeComparison, metric: TestedMetric): string {
  const { regression, improvement } = verdictCounts(attribute, metric);
  const notes = [
    regression > 0 ? `${regression} ${regression === 1 ? "regression" : "regressions"}` : null,
    improvement > 0 ? `${improvement} ${improvement === 1 ? "improvement" : "improvements"}` : null,
  ].filter((n): n is string => n !== null);
  return notes.length > 0 ? `${metricLabel(metric)} (${notes.join(", ")})` : metricLabel(metric);
}

/** Where the comparison page lives, with whichever runs are already chosen. */
export function compareHref(runs: { baseline?: string; candidate?: string }): string {
  const params = new URLSearchParams();
  if (runs.baseline) params.set("baseline", runs.baseline);
  if (runs.candidate) params.set("candidate", runs.candidate);
  const query = params.toString();
  return query ? `/runs/compare?${query}` : "/runs/compare";
}
