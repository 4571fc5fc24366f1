import type { SafetyComparisonView, SafetyRunDto } from "@assay/services";
import Link from "next/link";
import { Badge, Card, formatDate } from "@/components/ui";
import { ProvenanceTable, type ProvenanceRow } from "@/components/runs/compare/provenance-table";
import { SafetyDifferenceChart } from "./compare-chart";
import { changesByScope, CORRECTION_TEXT, defaultChartMetric } from "./compare-data";
import { SafetyChangesTable } from "./compare-changes-table";
import { formatCounts } from "./metrics-rows";
import { gatesSummary, safetyRunHref, shortSha } from "./run-format";

const link = "text-brand-700 hover:underline";

const ROWS: ProvenanceRow<SafetyRunDto>[] = [
  { label: "Run", render: (r) => <Link className={link} href={safetyRunHref(r.id)}>Run of {formatDate(r.createdAt)}</Link> },
  { label: "Model version", render: (r) => <Link className={link} href={`/versions/${r.modelVersion.id}#safety`}>{r.system.name} · {r.modelVersion.label}</Link> },
  { label: "Suite", render: (r) => <>{r.suite.name} <span className="text-slate-500">version {r.suite.version}</span></> },
  { label: "Suite SHA-256", render: (r) => <code className="font-mono text-xs" title={r.suiteSha256}>{shortSha(r.suiteSha256)}…</code> },
  { label: "Target", render: (r) => (r.target.model ? `${r.target.name} (${r.target.model})` : r.target.name) },
  { label: "Judge", render: (r) => (r.config.judge ? `${r.judge?.name ?? "Judge"} · ${r.config.judge.model} · rubric ${r.config.judge.rubricVersion}` : "None") },
  { label: "Items", render: (r) => (r.results ? formatCounts(r.results.summary.counts) : "—") },
  { label: "Gates", render: (r) => gatesSummary(r.checkResults).text },
  { label: "Finished", render: (r) => formatDate(r.finishedAt) },
];

/** Two safety runs side by side, then every metric's change with its test, the differences chart, and what cannot be compared. */
export function SafetyComparison({ view, labels }: { view: SafetyComparisonView; labels: Record<string, string> }) {
  const { baseline, candidate, comparison } = view;
  const scopes = changesByScope(comparison.changes, labels);
  const { regressions, improvements, untested } = comparison.counts;
  const label = (k: string) => (labels[k] ? `${labels[k]} (${k})` : k);

  return (
    <div className="space-y-8">
      <Card title="Runs compared">
        <div className="space-y-3">
          <ProvenanceTable rows={ROWS} baseline={baseline} candidate={candidate}
            caption="The two runs compared. Changes are read as candidate minus baseline." />
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
            {!view.sameSuiteVersion && (
              <li className="text-amber-900">
                <span className="font-medium">The runs used different versions of the suite</span> (version {baseline.suite.version} and version{" "}
                {candidate.suite.version}): items were added, removed or re-graded by other policy rules, so part of a change may come from the suite
                rather than the model.
              </li>
            )}
            <li>
              On the same suite the items are paired, but the tests treat the runs as independent samples. That overstates the noise, so the tests are
              conservative: a flagged regression is, if anything, understated.
            </li>
            {baseline.config.judge?.model !== candidate.config.judge?.model && (
              <li>The runs were judged differently ({baseline.config.judge?.model ?? "no judge"} and {candidate.config.judge?.model ?? "no judge"}), which can move attack success on its own.</li>
            )}
          </ul>
        </div>
      </Card>

      <Card
        title="Summary"
        actions={regressions > 0 ? <Badge tone="bad">{regressions} {regressions === 1 ? "regression" : "regressions"}</Badge> : <Badge tone="good">No significant regression</Badge>}
      >
        <p className="text-sm text-slate-700">
          {comparison.comparisonCount} changes tested at α = {comparison.alpha} with {CORRECTION_TEXT[comparison.correction]} adjustment:{" "}
          <span className={regressions > 0 ? "font-medium text-red-800" : undefined}>{regressions} {regressions === 1 ? "regression" : "regressions"}</span>,{" "}
          {improvements} {improvements === 1 ? "improvement" : "improvements"}
          {untested > 0 ? `, ${untested} not tested (nothing to count in one of the runs)` : ""}.
        </p>
      </Card>

      <Card title="Changes by metric">
        <SafetyChangesTable scopes={scopes} comparison={comparison} />
      </Card>

      <Card title="Differences chart">
        <SafetyDifferenceChart scopes={scopes} initialMetric={defaultChartMetric(comparison.changes)} />
      </Card>

      {(comparison.categoriesOnlyInBaseline.length > 0 || comparison.categoriesOnlyInCandidate.length > 0) && (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="font-medium">Categories in only one run</p>
          <p className="mt-0.5">These categories cannot be compared and are left out of the changes above (the overall figures include them).</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {comparison.categoriesOnlyInBaseline.length > 0 && <li>Only in the baseline: {comparison.categoriesOnlyInBaseline.map(label).join(", ")}</li>}
            {comparison.categoriesOnlyInCandidate.length > 0 && <li>Only in the candidate: {comparison.categoriesOnlyInCandidate.map(label).join(", ")}</li>}
          </ul>
        </div>
      )}
    </div>
  );
}
