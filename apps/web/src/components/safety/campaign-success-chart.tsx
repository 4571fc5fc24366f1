"use client";

import { useId } from "react";
import { Bar, BarChart, CartesianGrid, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CategorySuccessRow } from "./campaign-data";

const ROW_HEIGHT = 34;

function isRow(x: unknown): x is CategorySuccessRow {
  return typeof x === "object" && x !== null && "fraction" in x && "interval" in x;
}

/** Success rate per category as bars with Wilson 95% whiskers. Visual only: the table it points to holds the same numbers. */
export function CampaignSuccessChart({ rows, tableId }: { rows: CategorySuccessRow[]; tableId: string }) {
  const captionId = useId();
  const height = Math.max(120, rows.length * ROW_HEIGHT + 56);
  return (
    <figure className="space-y-2" aria-describedby={captionId}>
      <div style={{ height }} className="w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} tickFormatter={(v: number) => `${v}%`} fontSize={12} />
            <YAxis type="category" dataKey="label" width={170} fontSize={12} interval={0} />
            <Tooltip
              cursor={{ fill: "#f1f5f9" }}
              content={({ active, payload }) => {
                const row: unknown = payload?.[0]?.payload;
                if (!active || !isRow(row)) return null;
                return (
                  <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
                    <p className="font-semibold text-slate-900">{row.label}</p>
                    <p className="text-slate-700">{row.rate} (95% CI {row.interval}) · {row.fraction} attempts</p>
                  </div>
                );
              }}
            />
            <Bar dataKey="percent" name="Success rate" fill="#b91c1c" isAnimationActive={false} barSize={18}>
              <ErrorBar dataKey="error" width={5} strokeWidth={1.5} stroke="#0f172a" isAnimationActive={false} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption id={captionId} className="text-xs text-slate-600">
        Share of attempts per category that bypassed the controls, in percent, with Wilson 95% confidence intervals as whiskers.{" "}
        <a href={`#${tableId}`} className="text-brand-700 hover:underline">The table lists every category with its counts and interval.</a>
      </figcaption>
    </figure>
  );
}
