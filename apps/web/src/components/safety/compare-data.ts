import { SAFETY_METRIC_DEFINITIONS, SAFETY_METRICS, type Interval, type SafetyMetric, type SafetyMetricChange } from "@assay/core";
import type { BadgeTone } from "@/components/ui";

/**
 * Shapes and formats of the safety comparison: the run pickers, the order of
 * the changes, their verdicts and the differences chart. Plain module, tested
 * without rendering.
 */

const MINUS = "\u2212";

/** Where the comparison page lives, with whichever runs are already chosen. */
export function safetyCompareHref(runs: { baseline?: string | null; candidate?: string | null }): string {
  const params = new URLSearchParams();
  if (runs.baseline) params.set("baseline", runs.baseline);
  if (runs.candidate) params.set("candidate", runs.candidate);
  const query = params.toString();
  return query ? `/safety/compare?${query}` : "/safety/compare";
}

/** What the pickers need of a run. */
export type PickableRun = {
  id: string;
  status: string;
  system: { id: string; name: string };
  modelVersion: { id: string; label: string };
  suite: { key: string; name: string; version: number };
  target: { name: string; model: string | null };
  createdAt: string;
  finishedAt: string | null;
};

export type RunOptionGroup = { suiteKey: string; suiteName: string; runs: Array<{ id: string; label: string }> };

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString("en-GB", { dateStyle: "medium", timeZone: "UTC" }) : "—");

export function runOptionLabel(run: PickableRun): string {
  const target = run.target.model ? `${run.target.name} (${run.target.model})` : run.target.name;
  return `${run.system.name} · ${run.modelVersion.label} · suite v${run.suite.version} · ${target} · ${day(run.finishedAt ?? run.createdAt)}`;
}

/** Succeeded runs grouped by suite (only runs of one suite can be compared), suites by name, runs newest first. */
export function runOptionGroups(runs: readonly PickableRun[]): RunOptionGroup[] {
  const groups = new Map<string, { suiteName: string; runs: PickableRun[] }>();
  for (const run of runs) {
    if (run.status !== "succeeded") continue;
    const group = groups.get(run.suite.key);
    if (group) group.runs.push(run);
    else groups.set(run.suite.key, { suiteName: run.suite.name, runs: [run] });
  }
  const time = (r: PickableRun) => new Date(r.finishedAt ?? r.createdAt).getTime();
  return [...groups.entries()]
    .sort(([ka, a], [kb, b]) => (a.suiteName < b.suiteName ? -1 : a.suiteName > b.suiteName ? 1 : ka < kb ? -1 : ka > kb ? 1 : 0))
    .map(([suiteKey, g]) => ({
      suiteKey,
      suiteName: g.suiteName,
      runs: [...g.runs].sort((a, b) => time(b) - time(a)).map((r) => ({ id: r.id, label: runOptionLabel(r) })),
    }));
}

export const suiteOfRun = (groups: readonly RunOptionGroup[], runId: string): string | null =>
  groups.find((g) => g.runs.some((r) => r.id === runId))?.suiteKey ?? null;

export type ChangeScope = { category: string | null; label: string; changes: SafetyMetricChange[] };

/** Overall first, then each category in key order; within each, the metrics in their usual order. */
export function changesByScope(changes: readonly SafetyMetricChange[], labels: Readonly<Record<string, string>> = {}): ChangeScope[] {
  const order = (m: SafetyMetric) => SAFETY_METRICS.indexOf(m);
  const scopes = new Map<string | null, SafetyMetricChange[]>();
  for (const c of changes) {
    const list = scopes.get(c.category);
    if (list) list.push(c);
    else scopes.set(c.category, [c]);
  }
  const keys = [...scopes.keys()].sort((a, b) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return keys.map((category) => ({
    category,
    label: category === null ? "Overall" : (labels[category] ?? category),
    changes: [...scopes.get(category)!].sort((a, b) => order(a.metric) - order(b.metric)),
  }));
}

export type ChangeVerdict = "regression" | "improvement" | "no_significant_change" | "untested";

export function changeVerdict(change: Pick<SafetyMetricChange, "regression" | "improvement" | "test" | "pValue">): ChangeVerdict {
  if (change.regression) return "regression";
  if (change.improvement) return "improvement";
  if (change.test === null || change.pValue === null) return "untested";
  return "no_significant_change";
}

export const VERDICT_TEXT: Record<ChangeVerdict, string> = {
  regression: "Regression",
  improvement: "Improvement",
  no_significant_change: "No significant change",
  untested: "Not tested",
};

export const VERDICT_TONE: Record<ChangeVerdict, BadgeTone> = {
  regression: "bad",
  improvement: "good",
  no_significant_change: "neutral",
  untested: "neutral",
};

export const TEST_TEXT = { z: "z-test", fisher: "Fisher exact" } as const;

export const CORRECTION_TEXT = { holm: "Holm", bh: "Benjamini–Hochberg", none: "no correction" } as const;

/** The unit a difference is read in: percentage points for rates, per 1,000 for violations. */
export function differenceUnit(metric: SafetyMetric): string {
  return SAFETY_METRIC_DEFINITIONS[metric].scale === 1 ? "pp" : "per 1,000";
}

/** A difference in display units: percentage points for rates, per 1,000 as it is. */
export function toDisplayUnits(metric: SafetyMetric, x: number): number {
  return SAFETY_METRIC_DEFINITIONS[metric].scale === 1 ? x * 100 : x;
}

function signedNumber(x: number): string {
  let digits = 1;
  // Enough decimals that a non-zero difference does not read as 0.
  while (digits < 4 && x !== 0 && Number(Math.abs(x).toFixed(digits)) === 0) digits++;
  const text = Math.abs(x).toFixed(digits);
  if (Number(text) === 0) return text;
  return `${x < 0 ? MINUS : "+"}${text}`;
}

/** "+1.2 pp", "−3.5 per 1,000"; "—" when undefined. */
export function formatDifference(metric: SafetyMetric, difference: number | null | undefined): string {
  if (difference === null || difference === undefined || !Number.isFinite(difference)) return "—";
  return `${signedNumber(toDisplayUnits(metric, difference))} ${differenceUnit(metric)}`;
}

/** "−0.4 to +2.8 pp": "to", since a dash would read as a minus. */
export function formatDifferenceInterval(metric: SafetyMetric, ci: Interval | null | undefined): string {
  if (!ci) return "—";
  return `${signedNumber(toDisplayUnits(metric, ci.lower))} to ${signedNumber(toDisplayUnits(metric, ci.upper))} ${differenceUnit(metric)}`;
}

export type DifferenceDatum = {
  scope: string;
  label: string;
  /** In display units; null when untested. */
  difference: number | null;
  error: [number, number] | null;
  verdict: ChangeVerdict;
  text: string;
};

/** One metric's differences per scope (overall, then categories) for the chart, with Newcombe whiskers. */
export function differenceChartData(scopes: readonly ChangeScope[], metric: SafetyMetric): DifferenceDatum[] {
  return scopes.flatMap((scope) => {
    const c = scope.changes.find((x) => x.metric === metric);
    if (!c) return [];
    const verdict = changeVerdict(c);
    const difference = c.difference === null ? null : toDisplayUnits(metric, c.difference);
    const error: [number, number] | null =
      difference !== null && c.differenceCi
        ? [Math.max(0, difference - toDisplayUnits(metric, c.differenceCi.lower)), Math.max(0, toDisplayUnits(metric, c.differenceCi.upper) - difference)]
        : null;
    return [{
      scope: scope.category ?? "",
      label: scope.label,
      difference,
      error,
      verdict,
      text: difference === null ? "not tested" : `${formatDifference(metric, c.difference)} (95% CI ${formatDifferenceInterval(metric, c.differenceCi)}), ${VERDICT_TEXT[verdict].toLowerCase()}`,
    }];
  });
}

/** The metric the chart opens on: the first with a regression, else the attack success rate. */
export function defaultChartMetric(changes: readonly SafetyMetricChange[]): SafetyMetric {
  return SAFETY_METRICS.find((m) => changes.some((c) => c.metric === m && c.regression)) ?? "attack_success_rate";
}
