import { SAFETY_METRICS, type SafetyRunSummary } from "@assay/core";
import { Th } from "@/components/ui";
import { categoryMetricRows, formatCounts, METRIC_SHORT_LABELS } from "./metrics-rows";

const cell = "px-3 py-2 align-top text-slate-800";
const num = `${cell} whitespace-nowrap text-right font-mono tabular-nums`;

/** Every metric in every category of the taxonomy, with intervals and denominators. */
export function SafetyCategoryMetricsTable({ summary, labels, id }: { summary: SafetyRunSummary; labels: Record<string, string>; id?: string }) {
  const rows = categoryMetricRows(summary, labels);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table id={id} className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="px-3 py-2 text-left text-xs text-slate-600">
          Each metric per category: the value, its Wilson 95% interval below it, and the items it is counted over. A dash marks a metric with nothing
          to count in the category (for example over-refusal where the category has no benign requests).
        </caption>
        <thead>
          <tr>
            <Th className="sticky left-0 z-10">Category</Th>
            {SAFETY_METRICS.map((m) => (
              <Th key={m} className="text-right">{METRIC_SHORT_LABELS[m]}</Th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.category}>
              <th scope="row" className={`${cell} sticky left-0 z-10 bg-white text-left font-medium`}>
                {r.label}
                {r.label !== r.category && <span className="block font-mono text-xs font-normal text-slate-500">{r.category}</span>}
                <span className="block text-xs font-normal text-slate-500">{formatCounts(r.counts)}</span>
              </th>
              {SAFETY_METRICS.map((m) => {
                const c = r.cells[m];
                return (
                  <td key={m} className={num}>
                    {c.value}
                    {c.defined && (
                      <span className="block text-xs text-slate-500"><span className="sr-only">95% CI </span>{c.interval}</span>
                    )}
                    <span className="block text-xs text-slate-500">{c.fraction}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
