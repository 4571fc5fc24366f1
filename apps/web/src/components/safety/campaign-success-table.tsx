import { Th } from "@/components/ui";
import type { CategorySuccessRow } from "./campaign-data";

const cell = "px-3 py-2 align-top text-slate-800";
const num = `${cell} whitespace-nowrap text-right font-mono tabular-nums`;

/** Share of attempts that bypassed the controls per category, with Wilson 95% intervals: the chart's numbers. */
export function CampaignSuccessTable({ rows, id }: { rows: CategorySuccessRow[]; id: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table id={id} className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="px-3 py-2 text-left text-xs text-slate-600">
          Attempts per category that bypassed the model&apos;s controls, with the Wilson 95% confidence interval. Red-team attempts are chosen, not
          sampled: read the rate as how often this team got through, not as the rate an attacker would see.
        </caption>
        <thead>
          <tr>
            <Th>Category</Th>
            <Th className="text-right">Succeeded</Th>
            <Th className="text-right">Success rate</Th>
            <Th className="text-right">95% interval</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.category}>
              <th scope="row" className={`${cell} text-left font-medium`}>
                {r.label}
                {r.label !== r.category && <span className="block font-mono text-xs font-normal text-slate-500">{r.category}</span>}
              </th>
              <td className={num}>{r.fraction}</td>
              <td className={num}>{r.rate}</td>
              <td className={num}>{r.interval}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
