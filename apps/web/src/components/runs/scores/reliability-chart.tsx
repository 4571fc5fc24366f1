"use client";

import { CartesianGrid, ErrorBar, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import type { GroupScoreMetrics } from "@assay/core";
import { formatCount, formatRate } from "../format";
import { groupColor, reliabilityData, type ReliabilityDatum } from "./score-data";

function isDatum(x: unknown): x is ReliabilityDatum {
  return typeof x === "object" && x !== null && "x" in x && "y" in x && "count" in x;
}

const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

/**
 * Reliability diagram: per group, the mean predicted score of each calibration
 * bin against the share of its rows that are positive, with Wilson 95%
 * whiskers. Points on the diagonal are calibrated. Visual only: the table
 * beside it carries the same numbers.
 */
export function ReliabilityChart({ attribute, groups, tableId }: { attribute: string; groups: GroupScoreMetrics[]; tableId: string }) {
  const bins = groups[0]?.calibrationBins ?? 10;
  return (
    <figure className="space-y-2" aria-label={`Reliability diagram of the groups of ${attribute}`}>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Legend">
        {groups.map((g, i) => (
          <li key={g.group} className="flex items-center gap-1">
            <span aria-hidden className="inline-block h-3 w-3 rounded-full" style={{ background: groupColor(i) }} /> {g.group}
          </li>
        ))}
        <li className="flex items-center gap-1"><span aria-hidden className="inline-block h-0 w-4 border-t border-dashed border-slate-500" /> Perfect calibration</li>
      </ul>
      <div className="h-80 w-full max-w-xl" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 8, right: 16, bottom: 24, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e2e8f0" />
            <XAxis type="number" dataKey="x" domain={[0, 1]} ticks={TICKS} tickFormatter={(v: number) => v.toFixed(1)} fontSize={12}
              label={{ value: "Mean predicted score", position: "insideBottom", offset: -12, fontSize: 12 }} />
            <YAxis type="number" dataKey="y" domain={[0, 1]} ticks={TICKS} tickFormatter={(v: number) => v.toFixed(1)} fontSize={12}
              label={{ value: "Observed positive rate", angle: -90, position: "insideLeft", fontSize: 12, style: { textAnchor: "middle" } }} />
            <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke="#64748b" strokeDasharray="4 3" ifOverflow="hidden" />
            <Tooltip
              content={({ active, payload }) => {
                const datum: unknown = payload?.[0]?.payload;
                if (!active || !isDatum(datum)) return null;
                return (
                  <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
                    <p className="font-semibold text-slate-900">{payload?.[0]?.name}</p>
                    <p className="text-slate-700">Bin {datum.bin + 1} of {bins} · n = {formatCount(datum.count)}</p>
                    <p className="text-slate-700">Mean score <span className="font-mono">{formatRate(datum.x)}</span>, observed <span className="font-mono">{formatRate(datum.y)}</span></p>
                  </div>
                );
              }}
            />
            {groups.map((g, i) => (
              <Scatter key={g.group} name={g.group} data={reliabilityData(g)} fill={groupColor(i)} line={{ stroke: groupColor(i), strokeWidth: 1.5 }} isAnimationActive={false}>
                <ErrorBar dataKey="error" direction="y" width={4} strokeWidth={1} stroke={groupColor(i)} />
              </Scatter>
            ))}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-slate-600">
        Mean predicted score against the observed positive rate in each of {bins} equal-width score bins, per group of {attribute}, with Wilson 95% intervals;
        the dashed diagonal is perfect calibration. Empty bins are left out.{" "}
        <a href={`#${tableId}`} className="text-brand-700 hover:underline">The table lists every bin.</a>
      </figcaption>
    </figure>
  );
}
