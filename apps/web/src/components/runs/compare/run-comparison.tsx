import { TESTED_METRICS, type AttributeComparison, type GroupPresence } from "@assay/core";
import type { RunComparison } from "@assay/services";
import { Badge, Card, Th } from "@/components/ui";
import { formatCount, formatP, formatRate } from "../format";
import { defaultCompareMetric, metricLabel } from "./compare-data";
import { CompareHeader } from "./compare-header";
import { DisparityChangeTable } from "./disparity-change-table";
import { GroupChangeTable } from "./group-change-table";
import { formatRange, formatSigned } from "../format";

const cell = "px-3 py-2 align-top text-slate-800";
const num = `${cell} whitespace-nowrap text-right font-mono tabular-nums`;

function presenceList(groups: GroupPresence[]) {
  return groups.map((g) => `${g.group} (n = ${formatCount(g.n)})`).join(", ");
}

function UnmatchedGroups({ attribute }: { attribute: AttributeComparison }) {
  if (attribute.onlyInBaseline.length === 0 && attribute.onlyInCandidate.length === 0) return null;
  return (
    <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p className="font-medium">Groups in only one run</p>
      <p className="mt-0.5">These groups cannot be compared and are left out of the tables and of the disparity.</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {attribute.onlyInBaseline.length > 0 && <li>Only in the baseline: {presenceList(attribute.onlyInBaseline)}</li>}
        {attribute.onlyInCandidate.length > 0 && <li>Only in the candidate: {presenceList(attribute.onlyInCandidate)}</li>}
      </ul>
    </div>
  );
}

function Summary({ result }: { result: RunComparison }) {
  const { comparison } = result;
  const { counts, regressions } = comparison;
  const widened = comparison.attributes.flatMap((a) => a.disparities.filter((d) => d.trend === "widened" && d.confident).map((d) => ({ attribute: a.attribute, ...d })));
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        {formatCount(comparison.comparisonCount)} changes tested (every group present in both runs × {TESTED_METRICS.length} metrics, where the rate is defined in both).
        Holm controls the chance of any false alarm among them; Benjamini–Hochberg (BH) the share of false alarms. A regression moves a metric the
        harmful way (false-positive rate up; true-positive rate, accuracy, precision or negative predictive value down) by more than{" "}
        {comparison.tolerance} and is significant after Holm at α = {comparison.alpha}. Base and selection rates are neither good nor bad in
        themselves: their significant moves are reported as changes.
      </p>
      <ul className="flex flex-wrap gap-2" aria-label="Verdicts">
        <li><Badge tone={counts.regression > 0 ? "bad" : "good"}>{counts.regression} {counts.regression === 1 ? "regression" : "regressions"}</Badge></li>
        <li><Badge tone={counts.improvement > 0 ? "good" : "neutral"}>{counts.improvement} {counts.improvement === 1 ? "improvement" : "improvements"}</Badge></li>
        <li><Badge tone="info">{counts.changed} base/selection-rate {counts.changed === 1 ? "change" : "changes"}</Badge></li>
        <li><Badge>{counts.within_tolerance} significant within tolerance</Badge></li>
        <li><Badge>{counts.no_significant_change} not significant</Badge></li>
        {counts.untested > 0 && <li><Badge>{counts.untested} not tested</Badge></li>}
        <li><Badge tone={widened.length > 0 ? "warn" : "neutral"}>{widened.length} {widened.length === 1 ? "disparity" : "disparities"} clearly widened</Badge></li>
      </ul>
      {regressions.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="px-3 py-2 text-left text-xs text-slate-600">
              Regressions, most significant first: baseline and candidate rate, the change with Newcombe&apos;s 95% interval, and the Holm-adjusted p-value.
            </caption>
            <thead>
              <tr>
                <Th>Attribute</Th>
                <Th>Group</Th>
                <Th>Metric</Th>
                <Th className="text-right">Baseline</Th>
                <Th className="text-right">Candidate</Th>
                <Th className="text-right">Change</Th>
                <Th className="text-right">Holm p</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {regressions.map((r) => (
                <tr key={`${r.attribute}|${r.group}|${r.metric}`}>
                  <td className={`${cell} font-mono`}>{r.attribute}</td>
                  <th scope="row" className={`${cell} text-left font-medium`}>{r.group}</th>
                  <td className={cell}>{metricLabel(r.metric)}</td>
                  <td className={num}>{formatRate(r.baseline.value)}</td>
                  <td className={num}>{formatRate(r.candidate.value)}</td>
                  <td className={num}>
                    {formatSigned(r.delta)}
                    <span className="block text-xs text-slate-500"><span className="sr-only">95% CI </span>{formatRange(r.deltaCi, true)}</span>
                  </td>
                  <td className={num}><span title={String(r.holm)}>{formatP(r.holm)}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(comparison.attributesOnlyInBaseline.length > 0 || comparison.attributesOnlyInCandidate.length > 0) && (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="font-medium">Attributes in only one run</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {comparison.attributesOnlyInBaseline.length > 0 && <li>Only in the baseline: {comparison.attributesOnlyInBaseline.join(", ")}</li>}
            {comparison.attributesOnlyInCandidate.length > 0 && <li>Only in the candidate: {comparison.attributesOnlyInCandidate.join(", ")}</li>}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The comparison of two runs: provenance, the verdicts at a glance, then each attribute's groups and disparities. */
export function RunComparisonView({ result }: { result: RunComparison }) {
  const { comparison } = result;
  const regressions = comparison.counts.regression;
  return (
    <div className="space-y-8">
      <Card title="Runs compared">
        <CompareHeader result={result} />
      </Card>

      <Card
        title="Summary"
        actions={regressions > 0 ? <Badge tone="bad">{regressions} {regressions === 1 ? "regression" : "regressions"}</Badge> : <Badge tone="good">No regression beyond tolerance</Badge>}
      >
        <Summary result={result} />
      </Card>

      {comparison.attributes.map((a, i) => (
        <Card key={a.attribute} title={<>Changes in <span className="font-mono">{a.attribute}</span></>}>
          <div className="space-y-6">
            <UnmatchedGroups attribute={a} />
            <section aria-labelledby={`compare-groups-${i}`} className="space-y-2">
              <h3 id={`compare-groups-${i}`} className="text-sm font-semibold text-slate-800">Per group</h3>
              <GroupChangeTable
                attribute={a}
                initialMetric={defaultCompareMetric(a)}
                tolerance={comparison.tolerance}
                alpha={comparison.alpha}
                comparisonCount={comparison.comparisonCount}
              />
            </section>
            <section aria-labelledby={`compare-disparity-${i}`} className="space-y-2">
              <h3 id={`compare-disparity-${i}`} className="text-sm font-semibold text-slate-800">Disparity between groups</h3>
              <DisparityChangeTable attribute={a} tolerance={comparison.tolerance} resamples={comparison.resamples} />
            </section>
          </div>
        </Card>
      ))}
    </div>
  );
}
