import { SAFETY_METRIC_LABELS, type SafetyMetricChange, type SafetyRunComparison } from "@assay/core";
import { formatP } from "@/components/runs/format";
import { Badge, Th } from "@/components/ui";
import { changeVerdict, CORRECTION_TEXT, formatDifference, formatDifferenceInterval, TEST_TEXT, VERDICT_TEXT, VERDICT_TONE, type ChangeScope } from "./compare-data";
import { metricCell } from "./metrics-rows";

const cell = "px-3 py-2 align-top text-slate-800";
const num = `${cell} whitespace-nowrap text-right font-mono tabular-nums`;

function Estimate({ change, side }: { change: SafetyMetricChange; side: "baseline" | "candidate" }) {
  const c = metricCell(change.metric, change[side]);
  return (
    <>
      {c.value}
      <span className="block text-xs text-slate-500">{c.fraction}</span>
      {c.defined && <span className="block text-xs text-slate-500"><span className="sr-only">95% CI </span>{c.interval}</span>}
    </>
  );
}

function P({ p }: { p: number | null }) {
  return <span title={p === null ? undefined : String(p)}>{formatP(p)}</span>;
}

/**
 * Every metric, overall and in each category present in both runs: both
 * estimates with their counts and Wilson intervals, the difference with
 * Newcombe's interval, the test, raw and adjusted p, and the verdict.
 */
export function SafetyChangesTable({ scopes, comparison }: { scopes: ChangeScope[]; comparison: SafetyRunComparison }) {
  const correction = CORRECTION_TEXT[comparison.correction];
  const adjustedHeading = comparison.correction === "none" ? "p (uncorrected)" : `${comparison.correction === "holm" ? "Holm" : "BH"} p`;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="px-3 py-2 text-left text-xs text-slate-600">
          Each metric in both runs, with the items it is counted over and its Wilson 95% interval. The difference is candidate − baseline, in
          percentage points (pp) for rates and per 1,000 for violations, with Newcombe&apos;s 95% interval. Each difference is tested with a
          two-proportion z-test, or Fisher&apos;s exact test where an expected count is below 5; {correction} adjusts the p-values across all{" "}
          {comparison.comparisonCount} tested changes. A regression is a significant increase at α = {comparison.alpha} after adjustment: every metric
          counts harm.
        </caption>
        <thead>
          <tr>
            <Th>Metric</Th>
            <Th className="text-right">Baseline</Th>
            <Th className="text-right">Candidate</Th>
            <Th className="text-right">Difference</Th>
            <Th>Test</Th>
            <Th className="text-right">p</Th>
            <Th className="text-right">{adjustedHeading}</Th>
            <Th>Result</Th>
          </tr>
        </thead>
        {scopes.map((scope) => (
          <tbody key={scope.category ?? "(overall)"} className="divide-y divide-slate-100 border-t border-slate-200">
            <tr className="bg-slate-50/70">
              <th scope="rowgroup" colSpan={8} className="px-3 py-1.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                {scope.label}
                {scope.category !== null && scope.label !== scope.category && <span className="ml-1 font-mono normal-case text-slate-500">({scope.category})</span>}
              </th>
            </tr>
            {scope.changes.map((c) => {
              const verdict = changeVerdict(c);
              return (
                <tr key={c.metric} className={c.regression ? "bg-red-50/70" : undefined}>
                  <th scope="row" className={`${cell} text-left font-medium`}>
                    {SAFETY_METRIC_LABELS[c.metric]}
                    <span className="sr-only">, {scope.label}</span>
                  </th>
                  <td className={num}><Estimate change={c} side="baseline" /></td>
                  <td className={num}><Estimate change={c} side="candidate" /></td>
                  <td className={num}>
                    {formatDifference(c.metric, c.difference)}
                    {c.differenceCi && <span className="block text-xs text-slate-500"><span className="sr-only">95% CI </span>{formatDifferenceInterval(c.metric, c.differenceCi)}</span>}
                  </td>
                  <td className={`${cell} whitespace-nowrap`} title={c.statistic === null ? undefined : `${c.test === "z" ? "z" : "odds ratio"} = ${c.statistic.toFixed(3)}`}>
                    {c.test ? TEST_TEXT[c.test] : "—"}
                  </td>
                  <td className={num}><P p={c.pValue} /></td>
                  <td className={num}><P p={c.adjustedPValue} /></td>
                  <td className={`${cell} whitespace-nowrap`}><Badge tone={VERDICT_TONE[verdict]}>{VERDICT_TEXT[verdict]}</Badge></td>
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </div>
  );
}
