import { can, safetyChecksOf } from "@assay/core";
import { getRun, ServiceError } from "@assay/services";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DownloadLinks } from "@/components/runs/analysis/download-links";
import { RunAnalysis } from "@/components/runs/analysis/run-analysis";
import { AttributeResults } from "@/components/runs/attribute-results";
import { checkRows } from "@/components/runs/check-rows";
import { RunChecksTable } from "@/components/runs/run-checks-table";
import { LiveRunStatusBadge, RunStatusPanel } from "@/components/runs/run-live";
import { statusSnapshot } from "@/components/runs/status-snapshot";
import { RunProvenance } from "@/components/runs/run-provenance";
import { ScoreMetrics } from "@/components/runs/scores/score-metrics";
import { toJson } from "@/components/runs/serialize";
import { Badge, Card, EmptyState, PageHeader, formatDate } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Evaluation run · Assay" };

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const ctx = await pageContext();
  const run = await getRun(ctx, runId).catch((error: unknown) => {
    // Another organisation's run reads as absent, like a wrong id.
    if (error instanceof ServiceError && error.status === 404) notFound();
    throw error;
  });
  const canRetry = can(ctx.roles, "run.start");
  const snapshot = statusSnapshot(toJson(run));
  const results = run.status === "succeeded" ? run.results : null;
  const rows = results ? checkRows(run.planVersion.checks, results, run.checkResults) : [];
  const failed = rows.filter((r) => !r.passed).length;
  // A fairness run judges the plan's fairness checks only; safety checks belong to safety runs.
  const safetyCount = safetyChecksOf(run.planVersion.checks).length;
  const link = "text-brand-700 hover:underline";

  return (
    <>
      <PageHeader
        title={`Fairness run · ${run.system.name} · ${run.modelVersionLabel}`}
        description={
          <>
            <Link className={link} href={`/systems/${run.system.id}`}>{run.system.name}</Link>
            {" → "}
            <Link className={link} href={`/versions/${run.modelVersionId}`}>{run.modelVersionLabel}</Link>
            {`: plan version ${run.planVersion.version} on dataset “${run.dataset.name}”, started ${formatDate(run.createdAt)} by ${run.createdBy.name}.`}
          </>
        }
        breadcrumbs={[
          { href: "/systems", label: "Systems" },
          { href: `/systems/${run.system.id}`, label: run.system.name },
          { href: `/versions/${run.modelVersionId}`, label: run.modelVersionLabel },
          { href: `/runs/${run.id}`, label: `Run of ${formatDate(run.createdAt)}` },
        ]}
        actions={<LiveRunStatusBadge initial={snapshot} />}
      />

      <div className="space-y-8">
        <Card title="Status">
          <RunStatusPanel initial={snapshot} canRetry={canRetry} />
        </Card>

        {run.status === "succeeded" && !results && (
          <EmptyState title="No results stored">The run finished but recorded no results. Start a new run from the version page.</EmptyState>
        )}

        {results && (
          <>
            <Card
              title="Checks"
              actions={failed === 0 ? <Badge tone="good">All {rows.length} passed</Badge> : <Badge tone="bad">{failed} of {rows.length} failed</Badge>}
            >
              <div className="space-y-3">
                <p className="text-sm text-slate-600">
                  Each check compares every group of an attribute with its reference group, as a ratio or a difference of the rates,
                  and passes when every comparable group lies within the acceptance band. The value is the worst group&apos;s.
                  {failed > 0 && " A failed check can be raised as a risk."}
                  {safetyCount > 0 &&
                    ` The plan's ${safetyCount} safety ${safetyCount === 1 ? "check is" : "checks are"} judged by safety runs, not here.`}
                </p>
                <RunChecksTable
                  runId={run.id}
                  rows={rows}
                  statementContext={{ datasetName: run.dataset.name, planVersion: run.planVersion.version, runDate: formatDate(run.createdAt) }}
                />
              </div>
            </Card>

            {results.attributes.map((attribute, i) => (
              <AttributeResults key={attribute.attribute} result={attribute} outcomes={results.checks} idPrefix={`attribute-${i}`} />
            ))}

            {run.scores && <ScoreMetrics scores={run.scores} idPrefix="scores" />}

            <RunAnalysis analysis={run.analysis} checks={run.planVersion.checks} />
          </>
        )}

        <Card title="Provenance" actions={results ? <DownloadLinks runId={run.id} /> : undefined}>
          <RunProvenance run={run} />
        </Card>
      </div>
    </>
  );
}
