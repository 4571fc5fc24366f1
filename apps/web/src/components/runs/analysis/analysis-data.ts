import {
  DISPARITY_METRICS,
  fairnessChecksOf,
  INTERSECTION_SEPARATOR,
  type AttributeAnalysis,
  type Comparison,
  type DisparityMetric,
  type Interval,
  type PlanCheck,
} from "@assay/core";

/**
 * Plain, serialisable shapes of a run's analysis for the analysis views, and
 * the number formats they share. Client components get these, not the whole
 * analysis.
 */

export type Verdict = "holm" | "bh" | "none" | "untested";

export const VERDICT_TEXT: Record<Verdict, string> = {
  holm: "significant after Holm",
  bh: "after BH only",
  none: "not significant",
  untested: "not tested",
};

/** Holm controls the family-wise error rate and BH the false discovery rate; BH-adjusted p never exceeds Holm's. */
export function verdictOf(comparison: Pick<Comparison, "significantHolm" | "significantBh"> | undefined): Verdict {
  if (!comparison) return "untested";
  return comparison.significantHolm ? "holm" : comparison.significantBh ? "bh" : "none";
}

/** "95%" for 0.95. */
export function formatConfidence(confidence: number): string {
  return `${Number((confidence * 100).toFixed(2))}%`;
}

/** The name the core gives an intersection of attributes, e.g. "race × sex". */
export function isIntersection(attribute: string): boolean {
  return attribute.includes(INTERSECTION_SEPARATOR);
}

/** The metric the significance table opens with: the first one a plan check uses on the attribute, else the false-positive rate. */
export function defaultSignificanceMetric(checks: readonly PlanCheck[], attribute: string): DisparityMetric {
  return fairnessChecksOf(checks).find((c) => c.attribute === attribute)?.metric ?? "fpr";
}

export type Estimate = { value: number | null; interval: Interval | null };

export type SignificanceRow = {
  group: string;
  n: number;
  small: boolean;
  value: Estimate;
  difference: Estimate;
  ratio: Estimate;
  test: Comparison["test"] | null;
  statistic: number | null;
  pValue: number | null;
  holm: number | null;
  bh: number | null;
  verdict: Verdict;
};

export type SignificanceData = {
  attribute: string;
  referenceGroup: string | null;
  /** Per metric: the reference group's value and every other group against it. */
  metrics: Record<DisparityMetric, { reference: Estimate; rows: SignificanceRow[] }>;
};

export function significanceData(a: AttributeAnalysis): SignificanceData {
  const reference = a.summary.referenceGroup;
  const warned = new Set(a.warnings.map((w) => w.group));
  const metrics = {} as SignificanceData["metrics"];
  for (const metric of DISPARITY_METRICS) {
    const comparisons = a.summary.metrics[metric].vsReference;
    const refGroup = a.summary.groups.find((g) => g.group === reference);
    const rows = a.summary.groups
      .filter((g) => g.group !== reference)
      .map((g): SignificanceRow => {
        const vs = comparisons.find((c) => c.group === g.group);
        const boot = a.bootstrap.vsReference[metric]?.[g.group];
        const test = a.comparisons.find((c) => c.metric === metric && c.group === g.group);
        return {
          group: g.group,
          n: g.metrics.count.value ?? 0,
          small: warned.has(g.group),
          value: { value: g.metrics[metric].value, interval: a.bootstrap.groups[g.group]?.[metric] ?? null },
          difference: { value: vs?.difference ?? null, interval: boot?.difference ?? null },
          ratio: { value: vs?.ratio ?? null, interval: boot?.ratio ?? null },
          test: test?.test ?? null,
          statistic: test?.statistic ?? null,
          pValue: test?.pValue ?? null,
          holm: test?.holm ?? null,
          bh: test?.bh ?? null,
          verdict: verdictOf(test),
        };
      });
    const referenceEstimate: Estimate = refGroup
      ? { value: refGroup.metrics[metric].value, interval: a.bootstrap.groups[refGroup.group]?.[metric] ?? null }
      : { value: null, interval: null };
    metrics[metric] = { reference: referenceEstimate, rows };
  }
  return { attribute: a.attribute, referenceGroup: reference, metrics };
}

export type DrilldownRow = {
  group: string;
  n: number;
  isReference: boolean;
  /** Reasons the group is too small to support conclusions; empty when it is not. */
  warnings: string[];
  values: Record<DisparityMetric, Estimate>;
  /** Metrics on which the group differs from the reference group after Holm's correction. */
  significantHolm: DisparityMetric[];
};

export function drilldownRows(a: AttributeAnalysis): DrilldownRow[] {
  const reasons = new Map(a.warnings.map((w) => [w.group, w.reasons]));
  return a.summary.groups.map((g) => {
    const values = {} as Record<DisparityMetric, Estimate>;
    for (const metric of DISPARITY_METRICS) values[metric] = { value: g.metrics[metric].value, interval: a.bootstrap.groups[g.group]?.[metric] ?? null };
    return {
      group: g.group,
      n: g.metrics.count.value ?? 0,
      isReference: g.group === a.summary.referenceGroup,
      warnings: reasons.get(g.group) ?? [],
      values,
      significantHolm: DISPARITY_METRICS.filter((m) => a.comparisons.some((c) => c.group === g.group && c.metric === m && c.significantHolm)),
    };
  });
}

export type SortKey = "group" | "n" | DisparityMetric;
export type SortDirection = "ascending" | "descending";

const sortValue = (row: DrilldownRow, key: SortKey): number | string | null =>
  key === "group" ? row.group : key === "n" ? row.n : row.values[key].value;

/** Sorted copy; groups whose metric is undefined go last in either direction; ties keep the given order. */
export function sortDrilldown(rows: readonly DrilldownRow[], key: SortKey, direction: SortDirection): DrilldownRow[] {
  const sign = direction === "ascending" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, key) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      const order = typeof a.value === "string" || typeof b.value === "string" ? String(a.value).localeCompare(String(b.value)) : a.value - b.value;
      return order * sign || a.index - b.index;
    })
    .map((x) => x.row);
}

/** Groups whose label contains every whitespace-separated word of the query, ignoring case. */
export function filterDrilldown(rows: readonly DrilldownRow[], query: string): DrilldownRow[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const label = r.group.toLocaleLowerCase();
    return words.every((w) => label.includes(w));
  });
}
