import { RATE_FORMULAS, RATE_METRIC_LABELS, RATE_METRICS, type AttributeResult } from "@assay/core";
import { Badge, Th } from "@/components/ui";
import { formatCount, formatInterval, formatRate, formatShare } from "./format";

const cell = "px-3 py-2 align-top text-slate-800";

/** Every rate of every group with its Wilson 95% interval: the chart's numbers, and more. */
export function GroupRatesTable({ result, id, referenceGroup }: { result: AttributeResult; id: string; referenceGroup: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table id={id} className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="px-3 py-2 text-left text-xs text-slate-600">
          Rates per group of <span className="font-mono">{result.attribute}</span>, each with its Wilson 95% confidence interval below it. A dash marks a rate whose denominator is zero.
        </caption>
        <thead>
          <tr>
            <Th className="sticky left-0 z-10">Group</Th>
            <Th className="text-right">n</Th>
            <Th className="text-right">Share</Th>
            {RATE_METRICS.map((m) => (
              <Th key={m} className="text-right" title={RATE_FORMULAS[m]}>{RATE_METRIC_LABELS[m]}</Th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {result.groups.map((g) => (
            <tr key={g.group}>
              <th scope="row" className={`${cell} sticky left-0 z-10 whitespace-nowrap bg-white text-left font-medium`}>
                {g.group}
                {g.group === referenceGroup && <span className="ml-1"><Badge tone="info">Reference</Badge></span>}
                {g.smallSampleWarning && <span className="ml-1"><Badge tone="warn">Small sample</Badge></span>}
              </th>
              <td className={`${cell} text-right tabular-nums`}>{formatCount(g.n)}</td>
              <td className={`${cell} text-right tabular-nums`}>{formatShare(g.share)}</td>
              {RATE_METRICS.map((m) => {
                const estimate = g.metrics[m];
                return (
                  <td key={m} className={`${cell} whitespace-nowrap text-right font-mono tabular-nums`}>
                    {formatRate(estimate.value)}
                    <span className="block text-xs text-slate-500">
                      <span className="sr-only">95% CI </span>{formatInterval(estimate.ci)}
                    </span>
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

/** The confusion counts every rate derives from, for readers who recompute. */
export function ConfusionCountsTable({ result }: { result: AttributeResult }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Confusion counts per group of {result.attribute}</caption>
        <thead>
          <tr>
            <Th>Group</Th>
            <Th className="text-right">True positives</Th>
            <Th className="text-right">False positives</Th>
            <Th className="text-right">True negatives</Th>
            <Th className="text-right">False negatives</Th>
            <Th className="text-right">n</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {result.groups.map((g) => (
            <tr key={g.group}>
              <th scope="row" className={`${cell} text-left font-medium`}>{g.group}</th>
              <td className={`${cell} text-right tabular-nums`}>{formatCount(g.counts.tp)}</td>
              <td className={`${cell} text-right tabular-nums`}>{formatCount(g.counts.fp)}</td>
              <td className={`${cell} text-right tabular-nums`}>{formatCount(g.counts.tn)}</td>
              <td className={`${cell} text-right tabular-nums`}>{formatCount(g.counts.fn)}</td>
              <td className={`${cell} text-right tabular-nums`}>{formatCount(g.n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
