import type { AttributeComparison, SpreadInRun } from "@assay/core";
import { Badge, Th } from "@/components/ui";
import { formatCount, formatRate } from "../format";
import { metricLabel, trendBadge } from "./compare-data";
import { formatRange, formatSigned } from "../format";

const cell = "px-3 py-2 align-top text-slate-800";
const num = `${cell} whitespace-nowrap text-right font-mono tabular-nums`;

function Spread({ spread }: { spread: SpreadInRun }) {
  return (
    <>
      {formatRate(spread.difference)}
      {spread.max && spread.min && (
        <span className="block whitespace-normal font-sans text-xs text-slate-500">
          {spread.max.group} {formatRate(spread.max.value)} − {spread.min.group} {formatRate(spread.min.value)}
        </span>
      )}
      {spread.excludedGroups.length > 0 && (
        <span className="block whitespace-normal font-sans text-xs text-slate-500">Undefined for {spread.excludedGroups.join(", ")}</span>
      )}
    </>
  );
}

/**
 * The gap between the best- and worst-off groups of one attribute, per
 * metric, in both runs: fairlearn's between-groups difference (max − min),
 * over the groups present in both runs, and whether it widened or narrowed.
 */
export function DisparityChangeTable({ attribute, tolerance, resamples }: { attribute: AttributeComparison; tolerance: number; resamples: number }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="px-3 py-2 text-left text-xs text-slate-600">
          Between-groups difference (highest group minus lowest) of each metric across the {attribute.groups.length} groups of{" "}
          <span className="font-mono">{attribute.attribute}</span> present in both runs, baseline and candidate. The change is candidate − baseline
          {resamples > 0
            ? <>, with a 95% percentile bootstrap interval from {formatCount(resamples)} resamples of each group of each run</>
            : ""}
          . Widened or narrowed means a change of more than {tolerance}; “uncertain” when the interval includes 0.
        </caption>
        <thead>
          <tr>
            <Th>Metric</Th>
            <Th className="text-right">Baseline gap</Th>
            <Th className="text-right">Candidate gap</Th>
            <Th className="text-right">Change</Th>
            <Th>Disparity</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {attribute.disparities.map((d) => {
            const badge = trendBadge(d);
            return (
              <tr key={d.metric}>
                <th scope="row" className={`${cell} text-left font-medium`}>{metricLabel(d.metric)}</th>
                <td className={num}><Spread spread={d.baseline} /></td>
                <td className={num}><Spread spread={d.candidate} /></td>
                <td className={num}>
                  {formatSigned(d.change)}
                  {d.changeCi && <span className="block text-xs text-slate-500"><span className="sr-only">95% bootstrap interval </span>{formatRange(d.changeCi, true)}</span>}
                </td>
                <td className={`${cell} whitespace-nowrap`}><Badge tone={badge.tone}>{badge.text}</Badge></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
