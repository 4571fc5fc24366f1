import { compareSafety, getTaxonomy, listSafetyRuns, ServiceError, type SafetyComparisonView } from "@assay/services";
import { toJson } from "@/components/runs/serialize";
import { runOptionGroups, safetyCompareHref } from "@/components/safety/compare-data";
import { SafetyCompareForm } from "@/components/safety/compare-form";
import { SafetyComparison } from "@/components/safety/compare-view";
import { Card, EmptyState, ErrorMessage, PageHeader } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Compare safety runs · Assay" };

type SearchParams = Record<string, string | string[] | undefined>;

const param = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

/**
 * Baseline against candidate on one suite: did a new model version or a
 * guardrail lower attack success without raising over-refusal? Without both
 * runs chosen (or when they cannot be compared) the page is a picker that
 * submits a GET, so every comparison has a URL to share.
 */
export default async function CompareSafetyRunsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const baseline = param(params.baseline);
  const candidate = param(params.candidate);
  const ctx = await pageContext();

  let view: SafetyComparisonView | null = null;
  let error: string | null = null;
  if (baseline && candidate) {
    try {
      view = await compareSafety(ctx, baseline, candidate);
    } catch (e) {
      // A missing or foreign run (404), an unfinished one or runs of two suites (409): say so and let the user choose again.
      if (e instanceof ServiceError && (e.status === 400 || e.status === 404 || e.status === 409)) error = e.message;
      else throw e;
    }
  }
  const [runs, taxonomy] = await Promise.all([listSafetyRuns(ctx), getTaxonomy(ctx).catch(() => null)]);
  const groups = runOptionGroups(toJson(runs));
  const labels: Record<string, string> = Object.fromEntries((taxonomy?.taxonomy.categories ?? []).map((c) => [c.key, c.label]));
  const comparable = groups.some((g) => g.runs.length >= 2);
  const form = <SafetyCompareForm key={`${baseline ?? ""}|${candidate ?? ""}`} groups={groups} baseline={baseline} candidate={candidate} />;

  if (!view) {
    return (
      <>
        <PageHeader
          title="Compare safety runs"
          description="Pick a baseline and a candidate run of the same suite, such as two model versions or the runs before and after a guardrail, to see how each safety metric changed overall and per category, which changes are significant, and whether any is a regression."
          breadcrumbs={[{ href: "/safety", label: "Safety" }, { href: "/safety/compare", label: "Compare safety runs" }]}
        />
        <div className="space-y-4">
          {error && <ErrorMessage>{error}</ErrorMessage>}
          {!comparable ? (
            <EmptyState title="Nothing to compare yet">
              A comparison needs two succeeded safety runs of the same suite. Start safety runs from a model version&apos;s page; they appear here once
              they have succeeded.
            </EmptyState>
          ) : (
            <Card title="Choose two runs">{form}</Card>
          )}
        </div>
      </>
    );
  }

  const { baseline: before, candidate: after } = view;
  return (
    <>
      <PageHeader
        title={`Compare safety runs · ${before.suite.name} · ${before.modelVersion.label} → ${after.modelVersion.label}`}
        description={`Baseline: ${before.system.name} · ${before.modelVersion.label}. Candidate: ${after.system.name} · ${after.modelVersion.label}. Every change is candidate minus baseline.`}
        breadcrumbs={[
          { href: "/safety", label: "Safety" },
          { href: safetyCompareHref({ baseline: before.id, candidate: after.id }), label: "Compare safety runs" },
        ]}
      />
      <div className="space-y-8">
        <SafetyComparison view={view} labels={labels} />
        <Card title="Compare other runs">{form}</Card>
      </div>
    </>
  );
}
