"use client";

import { DISPARITY_METRICS, GROUP_METRIC_INFO, type DisparityMetric } from "@assay/core";
import { useId, useState } from "react";
import { Badge, inputClass, Th, type BadgeTone } from "@/components/ui";
import { formatCount, formatP, formatRate } from "../format";
import { VERDICT_TEXT, type Estimate, type SignificanceData, type Verdict } from "./analysis-data";
import { formatRange, formatSigned } from "../format";

const cell = "px-3 py-2 align-top text-slate-800";
const num = `${cell} whitespace-nowrap text-right font-mono tabular-nums`;
const VERDICT_TONE: Record<Verdict, BadgeTone> = { holm: "bad", bh: "warn", none: "neutral", untested: "neutral" };
const TEST_TEXT = { z: "z-test", fisher: "Fisher exact" } as const;
/** Complements are not tested again: they share their partner's test and p-value. */
const PARTNER: Partial<Record<DisparityMetric, DisparityMetric>> = { tnr: "fpr", fnr: "tpr", fdr: "ppv", for: "npv" };

function WithInterval({ estimate, signed = false, label }: { estimate: Estimate; signed?: boolean; label: string }) {
  return (
    <>
      {signed ? formatSigned(estimate.value) : formatRate(estimate.value)}
      <span className="block text-xs text-slate-500"><span className="sr-only">{label} </span>{formatRange(estimate.interval, signed)}</span>
    </>
  );
}

function P({ p }: { p: number | null }) {
  return <span title={p === null ? undefined : String(p)}>{formatP(p)}</span>;
}

/**
 * One attribute's groups against its reference group on a chosen metric:
 * values, differences and ratios with bootstrap intervals, the test used and
 * its raw, Holm- and BH-adjusted p-values.
 */
export function SignificanceTable({ data, defaultMetric, checkedMetrics, confidence, alpha, comparisonCount }: {
  data: SignificanceData;
  defaultMetric: DisparityMetric;
  checkedMetrics: DisparityMetric[];
  /** e.g. "95%" */
  confidence: string;
  alpha: number;
  comparisonCount: number;
}) {
  const id = useId();
  const [metric, setMetric] = useState<DisparityMetric>(defaultMetric);
  const { reference, rows } = data.metrics[metric];
  const label = GROUP_METRIC_INFO[metric].label;
  const partner = PARTNER[metric];
  const interval = `${confidence} bootstrap interval`;

  return (
    <div className="space-y-2">
      <div className="w-72 space-y-1">
        <label htmlFor={`${id}-metric`} className="block text-sm font-medium text-slate-700">Tested metric for {data.attribute}</label>
        <select id={`${id}-metric`} className={inputClass} value={metric} onChange={(e) => setMetric(e.target.value as DisparityMetric)}>
          {DISPARITY_METRICS.map((m) => (
            <option key={m} value={m}>{GROUP_METRIC_INFO[m].label}{checkedMetrics.includes(m) ? " (checked)" : ""}</option>
          ))}
        </select>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="px-3 py-2 text-left text-xs text-slate-600">
            {label} of each group of <span className="font-mono">{data.attribute}</span> against the reference group {data.referenceGroup ?? "—"} ({formatRate(reference.value)},{" "}
            {interval} {formatRange(reference.interval)}). Below each figure: its {interval}.{" "}
            Holm and Benjamini–Hochberg (BH) corrections cover all {formatCount(comparisonCount)} comparisons of this run, at α = {alpha}.
            {partner && ` ${label} is 1 − ${GROUP_METRIC_INFO[partner].label.toLowerCase()}: it takes that test's p-values.`}
          </caption>
          <thead>
            <tr>
              <Th>Group</Th>
              <Th className="text-right">{label}</Th>
              <Th className="text-right">Difference vs reference</Th>
              <Th className="text-right">Ratio vs reference</Th>
              <Th>Test</Th>
              <Th className="text-right">p</Th>
              <Th className="text-right">Holm p</Th>
              <Th className="text-right">BH p</Th>
              <Th>Result</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 && (
              <tr><td colSpan={9} className={`${cell} text-slate-600`}>No group other than the reference group.</td></tr>
            )}
            {rows.map((r) => (
              <tr key={r.group}>
                <th scope="row" className={`${cell} text-left font-medium`}>
                  {r.group}
                  <span className="block text-xs font-normal text-slate-500">n = {formatCount(r.n)}</span>
                  {r.small && <Badge tone="warn">Small sample</Badge>}
                </th>
                <td className={num}><WithInterval estimate={r.value} label={interval} /></td>
                <td className={num}><WithInterval estimate={r.difference} signed label={interval} /></td>
                <td className={num}><WithInterval estimate={r.ratio} label={interval} /></td>
                <td className={`${cell} whitespace-nowrap`} title={r.statistic === null ? undefined : `z = ${r.statistic.toFixed(3)}`}>
                  {r.test ? TEST_TEXT[r.test] : "—"}
                </td>
                <td className={num}><P p={r.pValue} /></td>
                <td className={num}><P p={r.holm} /></td>
                <td className={num}><P p={r.bh} /></td>
                <td className={`${cell} whitespace-nowrap`}><Badge tone={VERDICT_TONE[r.verdict]}>{VERDICT_TEXT[r.verdict]}</Badge></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.some((r) => r.verdict === "untested") && (
        <p className="text-xs text-slate-600">
          Not tested: {GROUP_METRIC_INFO[metric].kind === "derived" ? `${label.toLowerCase()} is not a single proportion, so no proportion test applies.` : "the rate is undefined (zero denominator) for the group or the reference group."}
        </p>
      )}
    </div>
  );
}
