"use client";

import { formatBand, RATE_METRIC_LABELS, type RateMetric } from "@assay/core";
import { useId, useState } from "react";
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { inputClass } from "@/components/ui";
import { bandInRateUnits, barData, defaultMetric, metricOrder, type BarDatum, type BarStatus, type ChartCheck, type ChartGroup } from "./chart-data";
import { formatCount, formatInterval, formatRate } from "./format";

const COLORS: Record<BarStatus, string> = {
  reference: "#334155", // slate-700
  within: "#1f5fbf", // brand-600
  outside: "#b91c1c", // red-700
  unchecked: "#64748b", // slate-500
};
const STATUS_TEXT: Record<BarStatus, string> = {
  reference: "reference group",
  within: "within the band",
  outside: "outside the band",
  unchecked: "not checked",
};
const BAND_FILL = "#10b981"; // emerald-500
const ROW_HEIGHT = 34;
const MAX_TICK_CHARS = 22;

function isBarDatum(x: unknown): x is BarDatum {
  return typeof x === "object" && x !== null && "group" in x && "status" in x && "denominator" in x;
}

function tickLabel(group: string, data: readonly BarDatum[]): string {
  const small = data.find((d) => d.group === group)?.small ? " *" : "";
  const name = group.length > MAX_TICK_CHARS ? `${group.slice(0, MAX_TICK_CHARS - 1)}…` : group;
  return `${name}${small}`;
}

function TooltipBody({ datum, metricLabel }: { datum: BarDatum; metricLabel: string }) {
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
      <p className="font-semibold text-slate-900">{datum.group}</p>
      <p className="text-slate-700">
        {metricLabel}: <span className="font-mono">{formatRate(datum.value)}</span>
        {datum.value !== null && <> (95% CI <span className="font-mono">{formatInterval(datum.lower !== null && datum.upper !== null ? { lower: datum.lower, upper: datum.upper } : null)}</span>)</>}
      </p>
      <p className="text-slate-600">{formatCount(datum.numerator)} of {formatCount(datum.denominator)} · n = {formatCount(datum.n)}</p>
      <p className="text-slate-600">{STATUS_TEXT[datum.status]}{datum.small ? " · small sample" : ""}</p>
    </div>
  );
}

/**
 * One attribute's groups as horizontal bars of the chosen rate, with Wilson
 * 95% intervals as error bars. When the plan checks the chosen metric on this
 * attribute, the acceptance band is shaded around the reference group's rate
 * and bars are coloured by whether they fall inside it. The table next to the
 * chart holds the same numbers.
 */
export function GroupRatesChart({ attribute, groups, referenceGroup, checks, tableId }: {
  attribute: string;
  groups: ChartGroup[];
  /** The attribute's default reference group (the largest); a check's own reference group wins. */
  referenceGroup: string;
  checks: ChartCheck[];
  /** id of the table with the same values, for the caption to point at. */
  tableId: string;
}) {
  const prefix = useId();
  const [metric, setMetric] = useState<RateMetric>(() => defaultMetric(checks));
  const check = checks.find((c) => c.metric === metric) ?? null;
  const reference = check?.referenceGroup || referenceGroup;
  const data = barData(groups, metric, reference, check);
  const referenceValue = data.find((d) => d.group === reference)?.value ?? null;
  const band = check ? bandInRateUnits(check.band, referenceValue) : null;
  const metricLabel = RATE_METRIC_LABELS[metric];
  const undefinedGroups = data.filter((d) => d.value === null).map((d) => d.group);
  const height = Math.max(140, data.length * ROW_HEIGHT + 56);
  const selectId = `${prefix}-metric`;
  const captionId = `${prefix}-caption`;

  return (
    <figure className="space-y-2" aria-label={`${metricLabel} per group of ${attribute}`} aria-describedby={captionId}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="w-64 space-y-1">
          <label htmlFor={selectId} className="block text-sm font-medium text-slate-700">Metric for {attribute}</label>
          <select id={selectId} className={inputClass} value={metric} onChange={(e) => setMetric(e.target.value as RateMetric)}>
            {metricOrder(checks).map((m) => (
              <option key={m} value={m}>{RATE_METRIC_LABELS[m]}{checks.some((c) => c.metric === m) ? " (checked)" : ""}</option>
            ))}
          </select>
        </div>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Legend">
          <li className="flex items-center gap-1"><span aria-hidden className="inline-block h-3 w-3 rounded-sm" style={{ background: COLORS.reference }} /> Reference group ({reference})</li>
          {check && (
            <>
              <li className="flex items-center gap-1"><span aria-hidden className="inline-block h-3 w-3 rounded-sm" style={{ background: COLORS.within }} /> Within the band</li>
              <li className="flex items-center gap-1"><span aria-hidden className="inline-block h-3 w-3 rounded-sm" style={{ background: COLORS.outside }} /> Outside the band</li>
              <li className="flex items-center gap-1"><span aria-hidden className="inline-block h-3 w-3 rounded-sm opacity-30" style={{ background: BAND_FILL }} /> Acceptable rates</li>
            </>
          )}
          {data.some((d) => d.small) && <li>* small sample</li>}
        </ul>
      </div>

      {/* Visual only: the caption and the table say the same to assistive technology and keyboards. */}
      <div style={{ height }} className="w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" domain={[0, 1]} ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]} tickFormatter={(v: number) => v.toFixed(1)} fontSize={12} />
            <YAxis type="category" dataKey="group" width={170} fontSize={12} interval={0} tickFormatter={(g: string) => tickLabel(g, data)} />
            {band && (
              <ReferenceArea x1={band.from} x2={band.to} fill={BAND_FILL} fillOpacity={0.12} stroke={BAND_FILL} strokeOpacity={0.5} strokeDasharray="4 3" ifOverflow="hidden" />
            )}
            {referenceValue !== null && (
              <ReferenceLine x={referenceValue} stroke={COLORS.reference} strokeDasharray="3 3" />
            )}
            <Tooltip
              cursor={{ fill: "#f1f5f9" }}
              content={({ active, payload }) => {
                const datum: unknown = payload?.[0]?.payload;
                return active && isBarDatum(datum) ? <TooltipBody datum={datum} metricLabel={metricLabel} /> : null;
              }}
            />
            <Bar dataKey="value" name={metricLabel} isAnimationActive={false} barSize={18}>
              {data.map((d) => <Cell key={d.group} fill={COLORS[d.status]} />)}
              <ErrorBar dataKey="error" width={5} strokeWidth={1.5} stroke="#0f172a" isAnimationActive={false} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>

      <figcaption id={captionId} className="text-xs text-slate-600">
        {metricLabel} per group of {attribute}, with Wilson 95% confidence intervals; the dashed line marks the reference group {reference}
        {referenceValue !== null ? ` (${formatRate(referenceValue)})` : ""}.
        {check && band && <> The shaded area is the band of check {check.id} ({formatBand(check.band)}) in rate units: {formatRate(band.from)}–{formatRate(band.to)}.</>}
        {check && !band && <> Check {check.id} has no band in rate units because the reference rate is {referenceValue === null ? "undefined" : "zero"}.</>}
        {undefinedGroups.length > 0 && <> No bar: the rate is undefined for {undefinedGroups.join(", ")}.</>}
        {" "}<a href={`#${tableId}`} className="text-brand-700 hover:underline">The table lists every rate with its interval.</a>
      </figcaption>
    </figure>
  );
}
