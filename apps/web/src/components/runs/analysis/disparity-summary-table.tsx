import type { AttributeAnalysis, DisparityMetric, Interval } from "@assay/core";
import type { ReactNode } from "react";
import { Badge, Th } from "@/components/ui";
import { formatRate } from "../format";
import { formatRange } from "../format";


const cell = "px-3 py-2 align-top text-slate-800";

type Row = { measure: string; value: number | null; interval: Interval | null | "none"; definition: ReactNode };

function spread(a: AttributeAnalysis, metric: DisparityMetric, what: string): ReactNode {
  const { min, max } = a.summary.metrics[metric].betweenGroups;
  if (!min || !max) return `${what}: undefined for every group.`;
  return <>{what}: highest {max.group} ({formatRate(max.value)}), lowest {min.group} ({formatRate(min.value)}).</>;
}

/**
 * The named disparity summaries of one attribute (fairlearn's definitions,
 * between groups), each with the bootstrap interval of the same statistic.
 * `footnoteId` points at the explanation of equalized odds' missing interval.
 */
export function DisparitySummaryTable({ analysis: a, confidence, footnoteId }: { analysis: AttributeAnalysis; confidence: string; footnoteId: string }) {
  const s = a.summary;
  const boot = a.bootstrap.betweenGroups;
  const rows: Row[] = [
    { measure: "Demographic parity difference", value: s.demographicParity.difference, interval: boot.selection_rate?.difference ?? null, definition: spread(a, "selection_rate", "Max − min selection rate") },
    { measure: "Demographic parity ratio", value: s.demographicParity.ratio, interval: boot.selection_rate?.ratio ?? null, definition: "Min ÷ max selection rate." },
    { measure: "Equalized odds difference", value: s.equalizedOdds.difference, interval: "none", definition: "The larger of the TPR and FPR differences (max − min)." },
    { measure: "Equalized odds ratio", value: s.equalizedOdds.ratio, interval: "none", definition: "The smaller of the TPR and FPR ratios (min ÷ max)." },
    { measure: "Equal opportunity difference", value: s.equalOpportunity.difference, interval: boot.tpr?.difference ?? null, definition: spread(a, "tpr", "Max − min true-positive rate") },
    { measure: "Predictive parity difference", value: s.predictiveParity.difference, interval: boot.ppv?.difference ?? null, definition: spread(a, "ppv", "Max − min precision (PPV)") },
    { measure: "Predictive parity ratio", value: s.predictiveParity.ratio, interval: boot.ppv?.ratio ?? null, definition: "Min ÷ max precision (PPV)." },
  ];
  const ff = s.fourFifths;
  const failing = ff.failingGroups.map((g) => `${g} (${formatRate(ff.comparisons.find((c) => c.group === g)?.ratio)})`);

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="px-3 py-2 text-left text-xs text-slate-600">
          Disparities across the groups of <span className="font-mono">{a.attribute}</span>, with {confidence} percentile bootstrap intervals. A dash marks a value that is undefined.
        </caption>
        <thead>
          <tr>
            <Th>Measure</Th>
            <Th className="text-right">Value</Th>
            <Th className="text-right">{confidence} bootstrap interval</Th>
            <Th>Definition</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.measure}>
              <th scope="row" className={`${cell} text-left font-medium`}>{r.measure}</th>
              <td className={`${cell} text-right font-mono tabular-nums`}>{formatRate(r.value)}</td>
              <td className={`${cell} whitespace-nowrap text-right font-mono tabular-nums`}>
                {r.interval === "none" ? (
                  <span aria-describedby={footnoteId}>—<sup aria-hidden>*</sup><span className="sr-only"> (no interval, see the note below)</span></span>
                ) : formatRange(r.interval)}
              </td>
              <td className={`${cell} text-slate-600`}>{r.definition}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" className={`${cell} text-left font-medium`}>Four-fifths rule</th>
            <td className={`${cell} text-right`}>
              {ff.passed === null ? <Badge>Not evaluable</Badge> : ff.passed ? <Badge tone="good">Pass</Badge> : <Badge tone="bad">Fail</Badge>}
            </td>
            <td className={`${cell} text-right font-mono`}>—</td>
            <td className={`${cell} text-slate-600`}>
              Each group&apos;s selection rate ÷ the highest ({ff.highestGroup ?? "none"}, {formatRate(ff.highestRate)}) must be at least {formatRate(ff.threshold)}.{" "}
              {failing.length > 0 ? <>Failing: <span className="font-medium text-slate-800">{failing.join(", ")}</span>.</> : ff.passed ? "Every group passes." : ""}
              {ff.excludedGroups.length > 0 && <> Not evaluable: {ff.excludedGroups.join(", ")}.</>}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
