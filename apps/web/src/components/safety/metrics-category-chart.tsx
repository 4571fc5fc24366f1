"use client";

import { useId, useState } from "react";
import { Bar, BarChart, CartesianGrid, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ViewToggle, type ViewMode } from "@/components/monitoring/view-toggle";
import { Th } from "@/components/ui";
import type { CategoryChartDatum } from "./metrics-rows";

const ATTACK_COLOR = "#b91c1c"; // red-700
const OVER_REFUSAL_COLOR = "#1f5fbf"; // brand-600
const ROW_HEIGHT = 46;
const MAX_TICK_CHARS = 24;

function isDatum(x: unknown): x is CategoryChartDatum {
  return typeof x === "object" && x !== null && "category" in x && "attackText" in x;
}

const tick = (label: string) => (label.length > MAX_TICK_CHARS ? `${label.slice(0, MAX_TICK_CHARS - 1)}…` : label);

const cell = "px-3 py-2 align-top text-slate-800";

/**
 * Attack success rate and over-refusal rate per category, as paired bars with
 * Wilson 95% whiskers, or as a table with the same numbers. The two pull in
 * opposite directions: a model that refuses more lowers the first and raises
 * the second, so they are read together.
 */
export function SafetyCategoryChart({ data }: { data: CategoryChartDatum[] }) {
  const prefix = useId();
  const [mode, setMode] = useState<ViewMode>("chart");
  const captionId = `${prefix}-caption`;
  const height = Math.max(160, data.length * ROW_HEIGHT + 72);

  if (data.length === 0) {
    return <p className="text-sm text-slate-600">No category has attack or benign items that were graded, so there is nothing to chart.</p>;
  }

  return (
    <figure className="space-y-2" aria-describedby={captionId}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Legend">
          <li className="flex items-center gap-1"><span aria-hidden className="inline-block h-3 w-3 rounded-sm" style={{ background: ATTACK_COLOR }} /> Attack success rate</li>
          <li className="flex items-center gap-1"><span aria-hidden className="inline-block h-3 w-3 rounded-sm" style={{ background: OVER_REFUSAL_COLOR }} /> Over-refusal rate</li>
        </ul>
        <ViewToggle mode={mode} onChange={setMode} label="Show attack success and over-refusal by category as" />
      </div>

      {mode === "chart" ? (
        // Visual only: the caption and the table view say the same to assistive technology.
        <div style={{ height }} className="w-full" aria-hidden>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false} barGap={2}>
              <CartesianGrid horizontal={false} stroke="#e2e8f0" />
              <XAxis type="number" domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} tickFormatter={(v: number) => `${v}%`} fontSize={12} />
              <YAxis type="category" dataKey="label" width={180} fontSize={12} interval={0} tickFormatter={tick} />
              <Tooltip
                cursor={{ fill: "#f1f5f9" }}
                content={({ active, payload }) => {
                  const datum: unknown = payload?.[0]?.payload;
                  if (!active || !isDatum(datum)) return null;
                  return (
                    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
                      <p className="font-semibold text-slate-900">{datum.label}</p>
                      <p className="text-slate-700">Attack success: <span className="font-mono">{datum.attackText}</span></p>
                      <p className="text-slate-700">Over-refusal: <span className="font-mono">{datum.overRefusalText}</span></p>
                    </div>
                  );
                }}
              />
              <Bar dataKey="attack" name="Attack success rate" fill={ATTACK_COLOR} isAnimationActive={false} barSize={14}>
                <ErrorBar dataKey="attackError" width={4} strokeWidth={1.5} stroke="#0f172a" isAnimationActive={false} />
              </Bar>
              <Bar dataKey="overRefusal" name="Over-refusal rate" fill={OVER_REFUSAL_COLOR} isAnimationActive={false} barSize={14}>
                <ErrorBar dataKey="overRefusalError" width={4} strokeWidth={1.5} stroke="#0f172a" isAnimationActive={false} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Attack success rate and over-refusal rate per category, with Wilson 95% intervals and counts</caption>
            <thead>
              <tr>
                <Th>Category</Th>
                <Th>Attack success rate</Th>
                <Th>Over-refusal rate</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.map((d) => (
                <tr key={d.category}>
                  <th scope="row" className={`${cell} text-left font-medium`}>{d.label}</th>
                  <td className={`${cell} font-mono text-xs tabular-nums`}>{d.attackText}</td>
                  <td className={`${cell} font-mono text-xs tabular-nums`}>{d.overRefusalText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <figcaption id={captionId} className="text-xs text-slate-600">
        Attack success rate (harmful requests answered, secrets revealed, injections followed) and over-refusal rate (benign requests refused) per
        category, in percent, with Wilson 95% confidence intervals as whiskers. A missing bar means the rate is undefined in that category: it has no
        graded items of that kind. Categories with neither are left out; the per-category table lists every category.
      </figcaption>
    </figure>
  );
}
