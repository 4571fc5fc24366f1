import { RATE_METRICS, type AcceptanceBand, type AttributeResult, type CheckOutcome, type RateEstimate, type RateMetric } from "@assay/core";

/** What the per-attribute chart needs of a group: plain data, serialisable to a client component. */
export type ChartGroup = {
  group: string;
  n: number;
  isMissing: boolean;
  small: boolean;
  metrics: Record<RateMetric, RateEstimate>;
};

/** A check on the charted attribute, with the reference group it was evaluated against. */
export type ChartCheck = {
  id: string;
  metric: RateMetric;
  band: AcceptanceBand;
  referenceGroup: string;
  /** Per compared group: inside the band, outside, or not comparable (null). */
  withinBand: Record<string, boolean | null>;
};

export type BarStatus = "reference" | "within" | "outside" | "unchecked";

export type BarDatum = {
  group: string;
  n: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
  numerator: number;
  denominator: number;
  /** Distances from the value down to the lower and up to the upper bound, as recharts' ErrorBar wants them. */
  error: [number, number] | null;
  status: BarStatus;
  small: boolean;
  isMissing: boolean;
};

export function chartGroups(attribute: AttributeResult): ChartGroup[] {
  return attribute.groups.map((g) => ({
    group: g.group,
    n: g.n,
    isMissing: g.isMissing,
    small: g.smallSampleWarning !== null,
    metrics: g.metrics,
  }));
}

export function chartChecks(attribute: string, outcomes: readonly CheckOutcome[]): ChartCheck[] {
  return outcomes
    .filter((o) => o.attribute === attribute)
    .map((o) => ({
      id: o.checkId,
      metric: o.metric,
      band: o.band,
      referenceGroup: o.referenceGroup,
      withinBand: Object.fromEntries(o.comparisons.map((c) => [c.group, c.withinBand])),
    }));
}

/** The metric a chart opens with: the first one the plan checks on this attribute, else the selection rate. */
export function defaultMetric(checks: readonly ChartCheck[]): RateMetric {
  return checks[0]?.metric ?? "selection_rate";
}

/** Metrics in their canonical order, the checked ones first. */
export function metricOrder(checks: readonly ChartCheck[]): RateMetric[] {
  const checked = RATE_METRICS.filter((m) => checks.some((c) => c.metric === m));
  return [...checked, ...RATE_METRICS.filter((m) => !checked.includes(m))];
}

/**
 * The band of acceptable rates for the other groups, in rate units: the
 * reference rate times the ratio bounds, or plus the difference bounds,
 * clipped to [0, 1]. null when the reference rate is undefined, or zero for a
 * ratio band (every ratio is then undefined).
 */
export function bandInRateUnits(band: AcceptanceBand, referenceValue: number | null): { from: number; to: number } | null {
  if (referenceValue === null) return null;
  if (band.type === "ratio" && referenceValue === 0) return null;
  const [a, b] = band.type === "ratio" ? [referenceValue * band.min, referenceValue * band.max] : [referenceValue + band.min, referenceValue + band.max];
  const from = Math.max(0, Math.min(1, a));
  const to = Math.max(0, Math.min(1, b));
  return from <= to ? { from, to } : null;
}

/** One bar per group for `metric`; `check` (if any) colours groups inside or outside its band. */
export function barData(groups: readonly ChartGroup[], metric: RateMetric, referenceGroup: string, check: ChartCheck | null): BarDatum[] {
  return groups.map((g) => {
    const estimate = g.metrics[metric];
    const value = estimate.value;
    const ci = estimate.ci;
    let status: BarStatus = "unchecked";
    if (g.group === referenceGroup) status = "reference";
    else if (check) {
      const within = check.withinBand[g.group];
      status = within === true ? "within" : within === false ? "outside" : "unchecked";
    }
    return {
      group: g.group,
      n: g.n,
      value,
      lower: ci?.lower ?? null,
      upper: ci?.upper ?? null,
      numerator: estimate.numerator,
      denominator: estimate.denominator,
      error: value !== null && ci ? [Math.max(0, value - ci.lower), Math.max(0, ci.upper - value)] : null,
      status,
      small: g.small,
      isMissing: g.isMissing,
    };
  });
}
