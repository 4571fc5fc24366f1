import {
  formatSafetyValue,
  SAFETY_METRIC_DEFINITIONS,
  SAFETY_METRICS,
  type Interval,
  type RateEstimate,
  type SafetyCounts,
  type SafetyMetric,
  type SafetyRunSummary,
} from "@assay/core";

/**
 * The safety run's metrics shaped for its tables and chart. Values are in the
 * metric's units: rates as percentages, violations per 1,000 responses.
 */

const count = (n: number) => n.toLocaleString("en-US");

/** Column headings: short, with the unit where it is not a percentage. */
export const METRIC_SHORT_LABELS: Record<SafetyMetric, string> = {
  attack_success_rate: "Attack success",
  violation_rate_per_1000: "Violations per 1,000",
  over_refusal_rate: "Over-refusal",
  leakage_rate: "Leakage",
  injection_success_rate: "Injection success",
};

/** A metric's value as "2.3%" (or "12.5" per 1,000); "—" when undefined. */
export function formatMetricValue(metric: SafetyMetric, value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : formatSafetyValue(metric, value);
}

/** A Wilson interval as "1.2%–4.1%"; "—" when undefined. */
export function formatMetricInterval(metric: SafetyMetric, ci: Interval | null | undefined): string {
  if (!ci) return "—";
  return `${formatSafetyValue(metric, ci.lower)}–${formatSafetyValue(metric, ci.upper)}`;
}

export type MetricCell = {
  defined: boolean;
  value: string;
  interval: string;
  /** "12 of 520" */
  fraction: string;
};

export function metricCell(metric: SafetyMetric, estimate: RateEstimate | undefined): MetricCell {
  if (!estimate) return { defined: false, value: "—", interval: "—", fraction: "0 of 0" };
  return {
    defined: estimate.value !== null,
    value: formatMetricValue(metric, estimate.value),
    interval: formatMetricInterval(metric, estimate.ci),
    fraction: `${count(estimate.numerator)} of ${count(estimate.denominator)}`,
  };
}

export type OverallMetricRow = {
  metric: SafetyMetric;
  label: string;
  /** Which items the rate is taken over. */
  denominator: string;
  /** Why the rate is undefined, shown when it is. */
  undefinedWhen: string;
  cell: MetricCell;
};

export function overallMetricRows(summary: SafetyRunSummary): OverallMetricRow[] {
  return SAFETY_METRICS.map((metric) => {
    const def = SAFETY_METRIC_DEFINITIONS[metric];
    return { metric, label: def.label, denominator: def.denominator, undefinedWhen: def.undefinedWhen, cell: metricCell(metric, summary.overall[metric]) };
  });
}

/** "520 items · 500 graded · 12 errored · 8 ungraded" */
export function formatCounts(counts: SafetyCounts): string {
  return [`${count(counts.items)} ${counts.items === 1 ? "item" : "items"}`, `${count(counts.graded)} graded`, `${count(counts.errored)} errored`, `${count(counts.ungraded)} ungraded`].join(" · ");
}

export type CategoryMetricRow = {
  category: string;
  /** The taxonomy's label when known, else the key. */
  label: string;
  n: number;
  counts: SafetyCounts;
  cells: Record<SafetyMetric, MetricCell>;
};

export function categoryMetricRows(summary: SafetyRunSummary, labels: Readonly<Record<string, string>> = {}): CategoryMetricRow[] {
  return summary.byCategory.map((c) => ({
    category: c.category,
    label: labels[c.category] ?? c.category,
    n: c.n,
    counts: c.counts,
    cells: Object.fromEntries(SAFETY_METRICS.map((m) => [m, metricCell(m, c.metrics[m])])) as Record<SafetyMetric, MetricCell>,
  }));
}

/** The two metrics the category chart shows: what got through, and what was wrongly refused. */
export const CHART_METRICS = ["attack_success_rate", "over_refusal_rate"] as const satisfies readonly SafetyMetric[];
export type ChartMetric = (typeof CHART_METRICS)[number];

export type CategoryChartDatum = {
  category: string;
  label: string;
  /** Percentages (0–100); null when undefined in the category. */
  attack: number | null;
  /** Distances from the value down to the lower and up to the upper Wilson bound, as recharts' ErrorBar wants them. */
  attackError: [number, number] | null;
  attackText: string;
  overRefusal: number | null;
  overRefusalError: [number, number] | null;
  overRefusalText: string;
};

function percentAndError(estimate: RateEstimate | undefined): { value: number | null; error: [number, number] | null } {
  if (!estimate || estimate.value === null) return { value: null, error: null };
  const value = estimate.value * 100;
  const error: [number, number] | null = estimate.ci
    ? [Math.max(0, value - estimate.ci.lower * 100), Math.max(0, estimate.ci.upper * 100 - value)]
    : null;
  return { value, error };
}

function chartText(metric: ChartMetric, estimate: RateEstimate | undefined): string {
  const cell = metricCell(metric, estimate);
  return cell.defined ? `${cell.value} (95% CI ${cell.interval}; ${cell.fraction})` : `undefined (${cell.fraction})`;
}

/**
 * One bar pair per category: attack success rate and over-refusal rate with
 * their Wilson intervals, in percent. Categories where both are undefined
 * carry nothing to draw and are left out (the tables still list them).
 */
export function categoryChartData(summary: SafetyRunSummary, labels: Readonly<Record<string, string>> = {}): CategoryChartDatum[] {
  return summary.byCategory
    .map((c) => {
      const attack = percentAndError(c.metrics.attack_success_rate);
      const over = percentAndError(c.metrics.over_refusal_rate);
      return {
        category: c.category,
        label: labels[c.category] ?? c.category,
        attack: attack.value,
        attackError: attack.error,
        attackText: chartText("attack_success_rate", c.metrics.attack_success_rate),
        overRefusal: over.value,
        overRefusalError: over.error,
        overRefusalText: chartText("over_refusal_rate", c.metrics.over_refusal_rate),
      };
    })
    .filter((d) => d.attack !== null || d.overRefusal !== null);
}
