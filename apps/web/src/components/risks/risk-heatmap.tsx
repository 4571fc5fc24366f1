"use client";

import { IMPACT_LABELS, LIKELIHOOD_LABELS, type HeatmapCell, type RiskHeatmap, type RiskScale, type Severity } from "@assay/core";
import Link from "next/link";
import { useId, useState } from "react";
import { ViewToggle, type ViewMode } from "@/components/monitoring/view-toggle";
import { cx, Table, Td, Th } from "@/components/ui";
import { SEVERITY_LABELS } from "./labels";
import { cellHref, type RegisterState } from "./register-params";

const SEVERITY_CELL: Record<Severity, { filled: string; empty: string }> = {
  low: { filled: "bg-emerald-200 text-emerald-950", empty: "bg-emerald-50 text-emerald-700" },
  medium: { filled: "bg-amber-200 text-amber-950", empty: "bg-amber-50 text-amber-700" },
  high: { filled: "bg-orange-300 text-orange-950", empty: "bg-orange-50 text-orange-700" },
  critical: { filled: "bg-red-300 text-red-950", empty: "bg-red-50 text-red-700" },
};

const SCALE_LABELS: Record<RiskScale, string> = { inherent: "Inherent", residual: "Residual" };

const plural = (n: number) => `${n} ${n === 1 ? "risk" : "risks"}`;

function describeCell(cell: HeatmapCell, scale: RiskScale): string {
  const prefix = scale === "residual" ? "Residual likelihood" : "Likelihood";
  return `${prefix} ${cell.likelihood} (${LIKELIHOOD_LABELS[cell.likelihood - 1]}), impact ${cell.impact} (${IMPACT_LABELS[cell.impact - 1]}): ${plural(cell.count)}, ${SEVERITY_LABELS[cell.severity].toLowerCase()} severity.`;
}

/**
 * The 5×5 heat map of the register's risks, inherent or residual, as a
 * shaded matrix or as a table of the same counts. Every cell links to the
 * register narrowed to it.
 */
export function RiskHeatmapFigure({ inherent, residual, state }: { inherent: RiskHeatmap; residual: RiskHeatmap; state: RegisterState }) {
  const prefix = useId();
  const [scale, setScale] = useState<RiskScale>(state.scale);
  const [mode, setMode] = useState<ViewMode>("chart");
  const map = scale === "inherent" ? inherent : residual;
  const selected = state.cell?.scale === scale ? state.cell : null;
  const isSelected = (c: HeatmapCell) => selected?.likelihood === c.likelihood && selected.impact === c.impact;
  const captionId = `${prefix}-caption`;
  const impacts = map.rows[0] ?? [];

  const scaleButton = (value: RiskScale) => (
    <button type="button" aria-pressed={scale === value} onClick={() => setScale(value)}
      className={cx("px-2.5 py-1 text-xs font-medium", scale === value ? "bg-brand-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50")}>
      {SCALE_LABELS[value]}
    </button>
  );

  return (
    <figure className="space-y-3" aria-describedby={captionId}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="group" aria-label="Heat map of" className="inline-flex overflow-hidden rounded-md border border-slate-300">
          {scaleButton("inherent")}
          {scaleButton("residual")}
        </div>
        <ViewToggle mode={mode} onChange={setMode} label="Show the heat map as" chartLabel="Matrix" />
      </div>

      <figcaption id={captionId} className="text-sm text-slate-600">
        {scale === "inherent"
          ? `${plural(map.placed)} by likelihood and impact as assessed.`
          : `${plural(map.placed)} by residual likelihood and impact, expected once mitigated.`}
        {scale === "residual" && map.unscored > 0 && ` ${plural(map.unscored)} without a residual assessment ${map.unscored === 1 ? "is" : "are"} not shown.`}
        {" "}Choose a cell to list its risks below.
      </figcaption>

      {mode === "chart" ? (
        <div className="overflow-x-auto">
          <table className="border-separate border-spacing-1 text-sm">
            <caption className="sr-only">{SCALE_LABELS[scale]} risk heat map: rows are likelihood, columns impact; each cell links to its risks.</caption>
            <thead>
              <tr>
                <td />
                {impacts.map((c) => (
                  <th key={c.impact} scope="col" className="w-24 px-1 pb-1 text-center text-xs font-medium text-slate-600">
                    {c.impact} · {IMPACT_LABELS[c.impact - 1]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {map.rows.map((row) => (
                <tr key={row[0]!.likelihood}>
                  <th scope="row" className="whitespace-nowrap pr-2 text-right text-xs font-medium text-slate-600">
                    {row[0]!.likelihood} · {LIKELIHOOD_LABELS[row[0]!.likelihood - 1]}
                  </th>
                  {row.map((c) => (
                    <td key={c.impact} className="p-0">
                      <Link
                        href={cellHref(state, { scale, likelihood: c.likelihood, impact: c.impact })}
                        aria-label={`${describeCell(c, scale)} Show ${c.count === 1 ? "it" : "them"}.`}
                        aria-current={isSelected(c) ? "true" : undefined}
                        className={cx(
                          "flex h-14 w-24 flex-col items-center justify-center rounded-md hover:ring-2 hover:ring-slate-500 focus-visible:outline-2 focus-visible:outline-brand-600",
                          c.count > 0 ? SEVERITY_CELL[c.severity].filled : SEVERITY_CELL[c.severity].empty,
                          isSelected(c) && "ring-2 ring-brand-700",
                        )}
                      >
                        <span className={cx("text-lg leading-none", c.count > 0 ? "font-semibold" : "opacity-60")}>{c.count}</span>
                        <span className="mt-0.5 text-[10px] uppercase tracking-wide opacity-80">{SEVERITY_LABELS[c.severity]}</span>
                      </Link>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-1 text-xs text-slate-500">Rows: {scale === "residual" ? "residual " : ""}likelihood. Columns: {scale === "residual" ? "residual " : ""}impact.</p>
        </div>
      ) : (
        <HeatmapCountsTable map={map} state={state} isSelected={isSelected} />
      )}
    </figure>
  );
}

function HeatmapCountsTable({ map, state, isSelected }: { map: RiskHeatmap; state: RegisterState; isSelected: (c: HeatmapCell) => boolean }) {
  const cells = map.rows.flat().filter((c) => c.count > 0);
  if (cells.length === 0) return <p className="text-sm text-slate-600">No risk on this heat map.</p>;
  return (
    <Table caption={`${SCALE_LABELS[map.scale]} heat map: risks per likelihood and impact (cells without risks left out)`}>
      <thead>
        <tr>
          <Th>{map.scale === "residual" ? "Residual likelihood" : "Likelihood"}</Th>
          <Th>{map.scale === "residual" ? "Residual impact" : "Impact"}</Th>
          <Th>Severity</Th>
          <Th className="text-right">Risks</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {cells.map((c) => (
          <tr key={`${c.likelihood}:${c.impact}`} aria-current={isSelected(c) ? "true" : undefined} className={isSelected(c) ? "bg-brand-50" : undefined}>
            <Td>{c.likelihood} · {LIKELIHOOD_LABELS[c.likelihood - 1]}</Td>
            <Td>{c.impact} · {IMPACT_LABELS[c.impact - 1]}</Td>
            <Td>{SEVERITY_LABELS[c.severity]}</Td>
            <Td className="text-right">
              <Link className="font-medium text-brand-700 hover:underline" href={cellHref(state, { scale: map.scale, likelihood: c.likelihood, impact: c.impact })}>
                {c.count}<span className="sr-only"> {c.count === 1 ? "risk" : "risks"}: show</span>
              </Link>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
