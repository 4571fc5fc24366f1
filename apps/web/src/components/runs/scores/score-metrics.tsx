import type { GroupScoreMetrics, GroupThresholdSweep } from "@assay/core";
import { Card, Th } from "@/components/ui";
import { formatCount, formatInterval, formatRate } from "../format";
import { ReliabilityChart } from "./reliability-chart";
import { aucRange, type AttributeScores } from "./score-data";

const cell = "px-3 py-2 align-top text-slate-800";
const num = `${cell} whitespace-nowrap text-right font-mono tabular-nums`;

/** Score metrics of every sensitive attribute of a run, one card each. */
export function ScoreMetrics({ scores, idPrefix }: { scores: AttributeScores[]; idPrefix: string }) {
  return (
    <>
      {scores.map((s, i) => (
        <AttributeScoreCard key={s.attribute} scores={s} idPrefix={`${idPrefix}-${i}`} />
      ))}
    </>
  );
}

function AttributeScoreCard({ scores, idPrefix }: { scores: AttributeScores; idPrefix: string }) {
  const reliabilityId = `${idPrefix}-reliability`;
  return (
    <Card title={<>Score metrics · <span className="font-mono">{scores.attribute}</span></>}>
      <div className="space-y-4">
        <p className="text-sm text-slate-600">
          How well the model&apos;s score ranks and how well it is calibrated, per group. ROC-AUC is the chance that a random positive
          scores above a random negative (0.5 is chance); the Brier score is the mean squared error of the score (lower is better); the
          expected calibration error (ECE) is the row-weighted gap between mean score and observed positive rate over equal-width bins.
        </p>
        <ScoreMetricsTable attribute={scores.attribute} groups={scores.groups} />
        <ReliabilityChart attribute={scores.attribute} groups={scores.groups} tableId={reliabilityId} />
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700 hover:underline">Reliability bins per group</summary>
          <div className="mt-2"><ReliabilityTable id={reliabilityId} attribute={scores.attribute} groups={scores.groups} /></div>
        </details>
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700 hover:underline">Selection rate, TPR and FPR per group at each threshold</summary>
          <div className="mt-2"><ThresholdSweepTable attribute={scores.attribute} sweep={scores.thresholdSweep} /></div>
        </details>
      </div>
    </Card>
  );
}

function ScoreMetricsTable({ attribute, groups }: { attribute: string; groups: GroupScoreMetrics[] }) {
  const bins = groups[0]?.calibrationBins ?? 10;
  const binned = groups.some((g) => aucRange(g.aucBounds) !== null);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="px-3 py-2 text-left text-xs text-slate-600">
          Score metrics per group of <span className="font-mono">{attribute}</span>. A dash marks a metric the group cannot define (ROC-AUC needs positives and negatives).
          {binned && " Pairs with tied scores (or scores in the same fine bin) count as half, as in the Mann–Whitney statistic; the range below the ROC-AUC is what it would be if every such pair were ordered one way or the other. It is not a confidence interval."}
        </caption>
        <thead>
          <tr>
            <Th>Group</Th>
            <Th className="text-right">n</Th>
            <Th className="text-right">Positives</Th>
            <Th className="text-right">ROC-AUC</Th>
            <Th className="text-right">Brier score</Th>
            <Th className="text-right">ECE ({bins} bins)</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {groups.map((g) => {
            const range = aucRange(g.aucBounds);
            return (
              <tr key={g.group}>
                <th scope="row" className={`${cell} whitespace-nowrap text-left font-medium`}>{g.group}</th>
                <td className={num}>{formatCount(g.n)}</td>
                <td className={num}>{formatCount(g.positives)}</td>
                <td className={num}>
                  {formatRate(g.auc)}
                  {range && <span className="block text-xs text-slate-500"><span className="sr-only">bounds </span>{formatInterval(range)}</span>}
                </td>
                <td className={num}>{formatRate(g.brier)}</td>
                <td className={num}>{formatRate(g.ece)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ReliabilityTable({ id, attribute, groups }: { id: string; attribute: string; groups: GroupScoreMetrics[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table id={id} className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="px-3 py-2 text-left text-xs text-slate-600">
          Non-empty calibration bins per group of <span className="font-mono">{attribute}</span>: the numbers of the reliability diagram, with the Wilson 95% interval of the observed rate.
        </caption>
        <thead>
          <tr>
            <Th>Group</Th>
            <Th>Score bin</Th>
            <Th className="text-right">n</Th>
            <Th className="text-right">Mean score</Th>
            <Th className="text-right">Observed rate</Th>
            <Th className="text-right">95% CI</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {groups.flatMap((g) =>
            g.reliability.map((p, i) => (
              <tr key={`${g.group}-${p.bin}`}>
                {i === 0 ? (
                  <th scope="rowgroup" rowSpan={g.reliability.length} className={`${cell} whitespace-nowrap text-left font-medium`}>{g.group}</th>
                ) : null}
                <td className={`${cell} whitespace-nowrap font-mono tabular-nums`}>{p.lower.toFixed(2)}–{p.upper.toFixed(2)}</td>
                <td className={num}>{formatCount(p.count)}</td>
                <td className={num}>{formatRate(p.meanScore)}</td>
                <td className={num}>{formatRate(p.observedRate)}</td>
                <td className={num}>{formatInterval(p.ci)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}

function ThresholdSweepTable({ attribute, sweep }: { attribute: string; sweep: GroupThresholdSweep[] }) {
  const thresholds = sweep[0]?.points.map((p) => p.threshold) ?? [];
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-xs">
        <caption className="px-3 py-2 text-left text-xs text-slate-600">
          Predicting positive when the score is at least the threshold: selection rate (Sel), true positive rate (TPR) and false positive rate (FPR) per group of{" "}
          <span className="font-mono">{attribute}</span>. A dash marks a rate whose denominator is zero.
        </caption>
        <thead>
          <tr>
            <Th rowSpan={2}>Threshold</Th>
            {sweep.map((s) => (
              <Th key={s.group} colSpan={3} scope="colgroup" className="border-l border-slate-200 text-center normal-case">{s.group}</Th>
            ))}
          </tr>
          <tr>
            {sweep.flatMap((s) => [
              <Th key={`${s.group}-sel`} className="border-l border-slate-200 text-right"><span className="sr-only">{s.group} </span>Sel</Th>,
              <Th key={`${s.group}-tpr`} className="text-right"><span className="sr-only">{s.group} </span>TPR</Th>,
              <Th key={`${s.group}-fpr`} className="text-right"><span className="sr-only">{s.group} </span>FPR</Th>,
            ])}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {thresholds.map((t, row) => (
            <tr key={t}>
              <th scope="row" className="px-3 py-1 text-left font-mono font-medium tabular-nums text-slate-800">{t.toFixed(2)}</th>
              {sweep.flatMap((s) => {
                const p = s.points[row];
                return [
                  <td key={`${s.group}-sel`} className="border-l border-slate-200 px-3 py-1 text-right font-mono tabular-nums">{formatRate(p?.selectionRate.value)}</td>,
                  <td key={`${s.group}-tpr`} className="px-3 py-1 text-right font-mono tabular-nums">{formatRate(p?.tpr.value)}</td>,
                  <td key={`${s.group}-fpr`} className="px-3 py-1 text-right font-mono tabular-nums">{formatRate(p?.fpr.value)}</td>,
                ];
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
