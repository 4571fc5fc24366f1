import type { ReactNode } from "react";
import { Th } from "@/components/ui";

const cell = "px-3 py-2 align-top text-slate-800";

/** One property of a run, as one row of the side-by-side table. */
export type ProvenanceRow<Run> = { label: string; render: (run: Run) => ReactNode };

/** Two runs side by side, one property per row: what each result rests on. */
export function ProvenanceTable<Run>({ rows, baseline, candidate, caption }: { rows: readonly ProvenanceRow<Run>[]; baseline: Run; candidate: Run; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="px-3 py-2 text-left text-xs text-slate-600">{caption}</caption>
        <thead>
          <tr>
            <Th><span className="sr-only">Property</span></Th>
            <Th>Baseline</Th>
            <Th>Candidate</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row" className={`${cell} whitespace-nowrap text-left text-xs font-medium uppercase tracking-wide text-slate-500`}>{row.label}</th>
              <td className={cell}>{row.render(baseline)}</td>
              <td className={cell}>{row.render(candidate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
