"use client";

import { GROUP_METRIC_INFO, TESTED_METRICS, type AttributeComparison, type MetricChange, type TestedMetric } from "@assay/core";
import { useId, useState } from "react";
import { Badge, inputClass, Th } from "@/components/ui";
import { formatCount, formatP, formatRate } from "../format";
import { DIRECTION_TEXT, metricLabel, metricOptionLabel, VERDICT_TEXT, VERDICT_TONE } from "./compare-data";
import { formatRange, formatSigned } from "../format";

const cell = "px-3 py-2 align-top text-slate-800";
const num = `${cell} whitespace-nowrap text-right font-mono tabular-nums`;
const TEST_TEXT = { z: "z-test", fisher: "Fisher exact" } as const;

function Rate({ rate, label }: { rate: MetricChange["baseline"]; label: string }) {
  return (
    <>
      {formatRate(rate.value)}
      <span className="block text-xs text-slate-500">
        <span className="sr-only">{label} </span>{formatRange(rate.ci)}
      </span>
      <span className="block text-xs text-slate-500">{formatCount(rate.successes)} / {formatCount(rate.trials)}</span>
    </>
  );
}

function P({ p }: { p: number | null }) {
  return <span title={p === null ? undefined : String(p)}>{formatP(p)}</span>;
}

/**
 * One attribute's groups on a chosen metric: the baseline and candidate rates
 * with Wilson intervals, the change with Newcombe's interval, the test of the
 * change with raw, Holm and BH p-values, and the verdict.
 */
export function GroupChangeTable({ attribute, initialMetric, tolerance, alpha, comparisonCount }: {
  attribute: AttributeComparison;
  initialMetric: TestedMetric;
  tolerance: number;
  alpha: number;
  comparisonCount: number;
}) {
  const id = useId();
  const [metric, setMetric] = useState<TestedMetric>(initialMetric);
  const label = metricLabel(metric);
  const direction = attribute.groups[0]?.metrics[metric].direction;

  return (
    <div className="space-y-2">
      <div className="w-80 space-y-1">
        <label htmlFor={`${id}-metric`} className="block text-sm font-medium text-slate-700">Metric for {attribute.attribute}</label>
        <select id={`${id}-metric`} className={inputClass} value={metric} onChange={(e) => setMetric(e.target.value as TestedMetric)}>
          {TESTED_METRICS.map((m) => (
            <option key={m} value={m}>{metricOptionLabel(attribute, m)}</option>
          ))}
        </select>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="px-3 py-2 text-left text-xs text-slate-600">
            {label} ({GROUP_METRIC_INFO[metric].formula}{direction ? `; ${DIRECTION_TEXT[direction]}` : ""}) of each group of{" "}
            <span className="font-mono">{attribute.attribute}</span> in both runs, with Wilson 95% intervals and the counts behind each rate. The
            change is candidate − baseline, with Newcombe&apos;s 95% interval. Each change is tested with a two-proportion z-test, or Fisher&apos;s
            exact test where an expected count is below 5; Holm and Benjamini–Hochberg (BH) adjust across all {formatCount(comparisonCount)} changes
            of this comparison. A regression is a change the harmful way by more than {tolerance} that is significant after Holm at α = {alpha}.
          </caption>
          <thead>
            <tr>
              <Th>Group</Th>
              <Th className="text-right">Baseline</Th>
              <Th className="text-right">Candidate</Th>
              <Th className="text-right">Change</Th>
              <Th>Test</Th>
              <Th className="text-right">p</Th>
              <Th className="text-right">Holm p</Th>
              <Th className="text-right">BH p</Th>
              <Th>Result</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {attribute.groups.length === 0 && (
              <tr><td colSpan={9} className={`${cell} text-slate-600`}>No group is present in both runs.</td></tr>
            )}
            {attribute.groups.map((g) => {
              const c = g.metrics[metric];
              return (
                <tr key={g.group} className={c.regression ? "bg-red-50/60" : undefined}>
                  <th scope="row" className={`${cell} text-left font-medium`}>
                    {g.group}
                    <span className="block text-xs font-normal text-slate-500">n = {formatCount(g.baselineN)} → {formatCount(g.candidateN)}</span>
                    {g.smallSample && <Badge tone="warn">Small sample</Badge>}
                  </th>
                  <td className={num}><Rate rate={c.baseline} label="95% CI" /></td>
                  <td className={num}><Rate rate={c.candidate} label="95% CI" /></td>
                  <td className={num}>
                    {formatSigned(c.delta)}
                    <span className="block text-xs text-slate-500"><span className="sr-only">95% CI </span>{formatRange(c.deltaCi, true)}</span>
                  </td>
                  <td className={`${cell} whitespace-nowrap`} title={c.statistic === null ? undefined : `${c.test === "z" ? "z" : "odds ratio"} = ${c.statistic.toFixed(3)}`}>
                    {c.test ? TEST_TEXT[c.test] : "—"}
                  </td>
                  <td className={num}><P p={c.pValue} /></td>
                  <td className={num}><P p={c.holm} /></td>
                  <td className={num}><P p={c.bh} /></td>
                  <td className={`${cell} whitespace-nowrap`}><Badge tone={VERDICT_TONE[c.verdict]}>{VERDICT_TEXT[c.verdict]}</Badge></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {attribute.groups.some((g) => g.metrics[metric].verdict === "untested") && (
        <p className="text-xs text-slate-600">Not tested: the rate is undefined (zero denominator) for the group in one of the runs.</p>
      )}
    </div>
  );
}
