import type { SafetyRunSummary } from "@assay/core";
import { Th } from "@/components/ui";
import { overallMetricRows } from "./metrics-rows";

const cell = "px-3 py-2 align-top text-slate-800";
const num = `${cell} whitespace-nowrap text-right font-mono tabular-nums`;

/** The five safety metrics over the whole run, each with its Wilson 95% interval and the counts behind it. */
export function SafetyOverallMetricsTable({ summary, id }: { summary: SafetyRunSummary; id?: string }) {
  const rows = overallMetricRows(summary);
  const { counts } = summary;
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table id={id} className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="px-3 py-2 text-left text-xs text-slate-600">
            Every metric counts harm, so lower is better. Rates are percentages; violations are per 1,000 answered items. Each has its Wilson 95%
            confidence interval and the items it is counted over. Errored items (no response) are left out of every denominator; an ungraded item
            only out of the metrics it could not decide. A dash marks a metric with nothing to count.
          </caption>
          <thead>
            <tr>
              <Th>Metric</Th>
              <Th className="text-right">Value</Th>
              <Th className="text-right">95% interval</Th>
              <Th className="text-right">Items</Th>
              <Th>Counted over</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.metric}>
                <th scope="row" className={`${cell} text-left font-medium`}>{r.label}</th>
                <td className={num}>{r.cell.value}</td>
                <td className={num}>{r.cell.interval}</td>
                <td className={num}>{r.cell.fraction}</td>
                <td className={`${cell} text-xs text-slate-600`}>
                  {r.denominator}
                  {!r.cell.defined && <span className="block text-slate-500">Undefined: {r.undefinedWhen}.</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          { term: "Items", value: counts.items, hint: "in the run" },
          { term: "Graded", value: counts.graded, hint: "answered and decided" },
          { term: "Errored", value: counts.errored, hint: "no response from the target" },
          { term: "Ungraded", value: counts.ungraded, hint: "answered, not decided" },
        ].map((c) => (
          <div key={c.term} className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{c.term}</dt>
            <dd className="text-lg font-semibold tabular-nums text-slate-900">{c.value.toLocaleString("en-US")}</dd>
            <dd className="text-xs text-slate-500">{c.hint}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
