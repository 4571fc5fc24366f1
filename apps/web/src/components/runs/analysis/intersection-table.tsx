"use client";

import { DISPARITY_METRICS, GROUP_METRIC_INFO } from "@assay/core";
import { useId, useState } from "react";
import { Badge, inputClass } from "@/components/ui";
import { formatCount, formatRate } from "../format";
import { filterDrilldown, sortDrilldown, type DrilldownRow, type SortDirection, type SortKey } from "./analysis-data";
import { formatRange } from "../format";

const cell = "px-3 py-2 align-top text-slate-800";
const head = "bg-slate-50 px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600";
const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: "group", label: "Group" },
  { key: "n", label: "n" },
  ...DISPARITY_METRICS.map((m) => ({ key: m, label: GROUP_METRIC_INFO[m].label })),
];

function SortHeader({ column, sort, onSort }: { column: { key: SortKey; label: string }; sort: { key: SortKey; direction: SortDirection }; onSort: (key: SortKey) => void }) {
  const active = sort.key === column.key;
  const sticky = column.key === "group" ? "sticky left-0 z-10 text-left" : "text-right";
  return (
    <th scope="col" aria-sort={active ? sort.direction : undefined} className={`${head} ${sticky}`}>
      <button type="button" onClick={() => onSort(column.key)} className="inline-flex items-center gap-1 uppercase hover:text-brand-700">
        {column.label}
        <span aria-hidden className={active ? "text-slate-800" : "text-slate-300"}>{active && sort.direction === "ascending" ? "▲" : "▼"}</span>
        {!active && <span className="sr-only">, sort</span>}
      </button>
    </th>
  );
}

/**
 * Every intersectional group with every metric and its bootstrap interval:
 * sortable by any column, filterable by label. Groups with small samples
 * stay in the table, marked with their reasons.
 */
export function IntersectionTable({ attribute, rows, confidence }: { attribute: string; rows: DrilldownRow[]; confidence: string }) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({ key: "n", direction: "descending" });
  const shown = sortDrilldown(filterDrilldown(rows, query), sort.key, sort.direction);
  const onSort = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, direction: s.direction === "ascending" ? "descending" : "ascending" } : { key, direction: key === "group" ? "ascending" : "descending" }));
  const sortLabel = COLUMNS.find((c) => c.key === sort.key)?.label ?? sort.key;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="w-72 space-y-1">
          <label htmlFor={`${id}-filter`} className="block text-sm font-medium text-slate-700">Filter groups</label>
          <input id={`${id}-filter`} type="search" className={inputClass} value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. Female" aria-describedby={`${id}-count`} />
        </div>
        <p id={`${id}-count`} aria-live="polite" className="text-sm text-slate-600">
          Showing {formatCount(shown.length)} of {formatCount(rows.length)} groups
        </p>
      </div>
      <div className="max-h-[36rem] overflow-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="px-3 py-2 text-left text-xs text-slate-600">
            Groups of <span className="font-mono">{attribute}</span>, sorted by {sortLabel} ({sort.direction}); each metric with its {confidence} bootstrap interval below it.
            Groups where a metric is undefined sort last.
          </caption>
          <thead className="sticky top-0 z-20">
            <tr>
              {COLUMNS.map((c) => <SortHeader key={c.key} column={c} sort={sort} onSort={onSort} />)}
              <th scope="col" className={`${head} text-left`}>Significant after Holm</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.length === 0 && (
              <tr><td colSpan={COLUMNS.length + 1} className={`${cell} text-slate-600`}>No group matches “{query}”.</td></tr>
            )}
            {shown.map((r) => (
              <tr key={r.group}>
                <th scope="row" className={`${cell} sticky left-0 z-10 min-w-48 bg-white text-left font-medium`}>
                  {r.group}
                  {r.isReference && <span className="ml-1"><Badge tone="info">Reference</Badge></span>}
                  {r.warnings.length > 0 && (
                    <span className="block text-xs font-normal text-amber-900"><Badge tone="warn">Small sample</Badge> {r.warnings.join("; ")}</span>
                  )}
                </th>
                <td className={`${cell} text-right tabular-nums`}>{formatCount(r.n)}</td>
                {DISPARITY_METRICS.map((m) => (
                  <td key={m} className={`${cell} whitespace-nowrap text-right font-mono tabular-nums`}>
                    {formatRate(r.values[m].value)}
                    <span className="block text-xs text-slate-500">{formatRange(r.values[m].interval)}</span>
                  </td>
                ))}
                <td className={`${cell} min-w-40 text-slate-700`}>
                  {r.isReference ? "—" : r.significantHolm.length === 0 ? "None" : r.significantHolm.map((m) => GROUP_METRIC_INFO[m].label).join(", ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
