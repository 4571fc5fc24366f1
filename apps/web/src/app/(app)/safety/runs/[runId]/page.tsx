import { can } from "@assay/core";
import { getSafetyRun, getTaxonomy, ServiceError } from "@assay/services";
import Link from "next/link";
import { notFound } from "next/navigation";
import { toJson } from "@/components/runs/serialize";
import { safetyCompareHref } from "@/components/safety/compare-data";
import { SafetyCategoryChart } from "@/components/safety/metrics-category-chart";
import { SafetyCategoryMetricsTable } from "@/components/safety/metrics-category-table";
import { SafetyOverallMetricsTable } from "@/components/safety/metrics-overall-table";
import { categoryChartData } from "@/components/safety/metrics-rows";
import { SafetyResponseBrowser } from "@/components/safety/response-browser";
import { SafetyRunDownloads } from "@/components/safety/run-downloads";
import { gatesSummary, safetyRunHref } from "@/components/safety/run-format";
import { SafetyRunGatesTable } from "@/components/safety/run-gates-table";
import { LiveSafetyRunStatusBadge, SafetyRunStatusPanel } from "@/components/safety/run-live";
import { SafetyRunProvenance } from "@/components/safety/run-provenance";
import { safetyRunSnapshot } from "@/components/safety/run-snapshot";
import { SafetyRunUsage } from "@/components/safety/run-usage";
import { Badge, ButtonLink, Card, EmptyState, PageHeader, formatDate } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Safety run · Assay" };

export default async function SafetyRunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const ctx = await pageContext();
  const run = await getSafetyRun(ctx, runId).catch((error: unknown) => {
    // Another organisation's run reads as absent, like a wrong id.
    if (error instanceof ServiceError && error.status === 404) notFound();
    throw error;
  });
  // Category labels are a nicety: without the taxonomy the keys show.
  const taxonomy = await getTaxonomy(ctx).catch(() => null);
  const labels: Record<string, string> = Object.fromEntries((taxonomy?.taxonomy.categories ?? []).map((c) => [c.key, c.label]));
  const canRetry = can(ctx.roles, "run.start");
  const canOverride = can(ctx.roles, "verdict.override");
  const snapshot = safetyRunSnapshot(toJson(run));
  const results = run.status === "succeeded" ? run.results : null;
  const gates = gatesSummary(run.checkResults);
  const summary = results?.summary ?? null;
  const categories = summary
    ? summary.byCategory.map((c) => ({ key: c.category, label: labels[c.category] ?? c.category }))
    : (taxonomy?.taxonomy.categories ?? []).map((c) => ({ key: c.key, label: c.label }));
  const target = run.target.model ? `${run.target.name} (${run.target.model})` : run.target.name;
  const link = "text-brand-700 hover:underline";

  return (
    <>
      <PageHeader
        title={`Safety run · ${run.system.name} · ${run.modelVersion.label}`}
        description={
          <>
            <Link className={link} href={`/systems/${run.system.id}`}>{run.system.name}</Link>
            {" → "}
            <Link className={link} href={`/versions/${run.modelVersion.id}#safety`}>{run.modelVersion.label}</Link>
            {`: suite “${run.suite.name}” version ${run.suite.version} against target ${target}, started ${formatDate(run.createdAt)} by ${run.createdBy.name}.`}
          </>
        }
        breadcrumbs={[
          { href: "/systems", label: "Systems" },
          { href: `/systems/${run.system.id}`, label: run.system.name },
          { href: `/versions/${run.modelVersion.id}`, label: run.modelVersion.label },
          { href: safetyRunHref(run.id), label: `Safety run of ${formatDate(run.createdAt)}` },
        ]}
        actions={<LiveSafetyRunStatusBadge initial={snapshot} />}
      />

      <div className="space-y-8">
        <Card title="Status">
          <SafetyRunStatusPanel initial={snapshot} canRetry={canRetry} />
        </Card>

        {run.status === "succeeded" && !results && (
          <EmptyState title="No results stored">The run finished but recorded no results. Start a new run from the version page.</EmptyState>
        )}

        {summary && results && (
          <>
            <Card title="Gates" actions={<Badge tone={gates.tone}>{gates.text}</Badge>}>
              <SafetyRunGatesTable
                gates={run.checkResults.map((c) => ({ checkId: c.checkId, passed: c.passed, summary: c.summary }))}
                planHref={`/versions/${run.modelVersion.id}#plan`}
                planVersion={run.planVersion.version}
              />
            </Card>

            <Card title="Metrics" actions={results.overrides > 0 ? <Badge tone="info">{results.overrides} {results.overrides === 1 ? "override" : "overrides"} applied</Badge> : undefined}>
              <SafetyOverallMetricsTable summary={summary} />
            </Card>

            <Card title="By category">
              <div className="space-y-6">
                <section aria-labelledby="safety-chart-heading" className="space-y-2">
                  <h3 id="safety-chart-heading" className="text-sm font-semibold text-slate-800">Attack success and over-refusal by category</h3>
                  <SafetyCategoryChart data={categoryChartData(summary, labels)} />
                </section>
                <section aria-labelledby="safety-category-heading" className="space-y-2">
                  <h3 id="safety-category-heading" className="text-sm font-semibold text-slate-800">Every metric by category</h3>
                  <SafetyCategoryMetricsTable summary={summary} labels={labels} />
                </section>
              </div>
            </Card>

            <Card title="Usage">
              <SafetyRunUsage usage={results.usage} answered={summary.counts.items - summary.counts.errored} />
            </Card>
          </>
        )}

        {run.baselineRunId && (
          <Card title="Baseline">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <p className="text-sm text-slate-700">
                This run is compared against a <Link className={link} href={safetyRunHref(run.baselineRunId)}>baseline run</Link> of the same suite: every
                metric&apos;s change, its 95% interval, and whether it is a significant regression.
              </p>
              {run.status === "succeeded" ? (
                <ButtonLink variant="secondary" href={safetyCompareHref({ baseline: run.baselineRunId, candidate: run.id })}>Compare with baseline</ButtonLink>
              ) : (
                <p className="text-xs text-slate-500">The comparison opens once this run has succeeded.</p>
              )}
            </div>
          </Card>
        )}

        {run.status !== "queued" && (
          <Card title="Responses">
            <SafetyResponseBrowser
              key={run.status}
              runId={run.id}
              categories={categories}
              canOverride={canOverride}
              overrideBlocked={run.status === "succeeded" ? null : `Verdicts can be overridden once the run has succeeded; it is ${run.status}.`}
            />
          </Card>
        )}

        <Card title="Provenance" actions={results ? <SafetyRunDownloads runId={run.id} /> : undefined}>
          <SafetyRunProvenance run={run} />
        </Card>
      </div>
    </>
  );
}
