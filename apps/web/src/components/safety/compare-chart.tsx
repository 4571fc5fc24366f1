"use client";

import { SAFETY_METRIC_LABELS, SAFETY_METRICS, type SafetyMetric } from "@assay/core";
import { useId, useState } from "react";
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ViewToggle, type ViewMode } from "@/components/monitoring/view-toggle";
import { Badge, inputClass, Th } from "@/components/ui";
import { differenceChartData, differenceUnit, VERDICT_TEXT, VERDICT_TONE, type ChangeScope, type ChangeVerdict, type DifferenceDatum } from "./compare-data";

const COLORS: Record<ChangeVerdict, string> = {
  regression: "#b91c1c", // red-700
  improvement: "#047857", // emerald-700
  no_significant_change: "#64748b", // slate-500
  untested: "#cbd5e1", // slate-300
};
const ROW_HEIGHT = 34;

function isDatum(x: unknown): x is DifferenceDatum {
  return typeof x === "object" && x !== null && "verdict" in x && "text" in x;
}

/** A symmetric axis around 0 that holds every whisker, rounded up to a readable bound. */
function axisBound(data: readonly DifferenceDatum[]): number {
  let max = 0;
  for (const d of data) {
    if (d.difference === null) continue;
    const [below, above] = d.error ?? [0, 0];
    max = Math.max(max, Math.abs(d.difference - below), Math.abs(d.difference + above));
  }
  if (max === 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const steps = [1, 2, 2.5, 5, 10];
  return (steps.find((s) => s * magnitude >= max) ?? 10) * magnitude;
}

/**
 * One metric's change (candidate − baseline) overall and per category, as
 * bars with Newcombe 95% whiskers around 0, coloured by verdict; or as a
 * table with the same numbers.
 */
export function SafetyDifferenceChart({ scopes, initialMetric }: { scopes: ChangeScope[]; initialMetric: SafetyMetric }) {
  const prefix = useId();
  const [metric, setMetric] = useState<SafetyMetric>(initialMetric);
  const [mode, setMode] = useState<ViewMode>("chart");
  const data = differenceChartData(scopes, metric);
  const bound = axisBound(data);
  const unit = differenceUnit(metric);
  const height = Math.max(140, data.length * ROW_HEIGHT + 60);
  const selectId = `${prefix}-metric`;
  const captionId = `${prefix}-caption`;
  const untested = data.filter((d) => d.difference === null).map((d) => d.label);

  return (
    <figure className="space-y-2" aria-describedby={captionId}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="w-72 space-y-1">
          <label htmlFor={selectId} className="block text-sm font-medium text-slate-700">Metric</label>
          <select id={selectId} className={inputClass} value={metric} onChange={(e) => setMetric(e.target.value as SafetyMetric)}>
            {SAFETY_METRICS.map((m) => <option key={m} value={m}>{SAFETY_METRIC_LABELS[m]}</option>)}
          </select>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Legend">
            {(["regression", "improvement", "no_significant_change"] as const).map((v) => (
              <li key={v} className="flex items-center gap-1"><span aria-hidden className="inline-block h-3 w-3 rounded-sm" style={{ background: COLORS[v] }} /> {VERDICT_TEXT[v]}</li>
            ))}
          </ul>
          <ViewToggle mode={mode} onChange={setMode} label="Show the differences as" />
        </div>
      </div>

      {mode === "chart" ? (
        <div style={{ height }} className="w-full" aria-hidden>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
              <CartesianGrid horizontal={false} stroke="#e2e8f0" />
              <XAxis type="number" domain={[-bound, bound]} tickFormatter={(v: number) => `${v > 0 ? "+" : ""}${Number(v.toFixed(2))}`} fontSize={12} />
              <YAxis type="category" dataKey="label" width={170} fontSize={12} interval={0} />
              <ReferenceLine x={0} stroke="#334155" />
              <Tooltip
                cursor={{ fill: "#f1f5f9" }}
                content={({ active, payload }) => {
                  const datum: unknown = payload?.[0]?.payload;
                  if (!active || !isDatum(datum)) return null;
                  return (
                    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
                      <p className="font-semibold text-slate-900">{datum.label}</p>
                      <p className="text-slate-700">{datum.text}</p>
                    </div>
                  );
                }}
              />
              <Bar dataKey="difference" isAnimationActive={false} barSize={16}>
                {data.map((d) => <Cell key={d.scope || "(overall)"} fill={COLORS[d.verdict]} />)}
                <ErrorBar dataKey="error" width={5} strokeWidth={1.5} stroke="#0f172a" isAnimationActive={false} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Change in {SAFETY_METRIC_LABELS[metric]} per scope, with Newcombe 95% intervals and verdicts</caption>
            <thead>
              <tr>
                <Th>Scope</Th>
                <Th>Difference ({unit})</Th>
                <Th>Result</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.map((d) => (
                <tr key={d.scope || "(overall)"} className={d.verdict === "regression" ? "bg-red-50/70" : undefined}>
                  <th scope="row" className="px-3 py-2 text-left font-medium text-slate-800">{d.label}</th>
                  <td className="px-3 py-2 font-mono text-xs tabular-nums text-slate-800">{d.text}</td>
                  <td className="px-3 py-2"><Badge tone={VERDICT_TONE[d.verdict]}>{VERDICT_TEXT[d.verdict]}</Badge></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <figcaption id={captionId} className="text-xs text-slate-600">
        Change in {SAFETY_METRIC_LABELS[metric].toLowerCase()} from baseline to candidate ({unit}), overall and per category, with Newcombe&apos;s 95%
        interval as whiskers. Right of the line is worse: every metric counts harm.
        {untested.length > 0 && <> No bar: not tested in {untested.join(", ")} (nothing to count in one of the runs).</>}
      </figcaption>
    </figure>
  );
}
