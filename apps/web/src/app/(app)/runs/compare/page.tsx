import { compareRuns, listComparableRuns, ServiceError, type RunComparison } from "@assay/services";
import { compareHref } from "@/components/runs/compare/compare-data";
import { CompareForm } from "@/components/runs/compare/compare-form";
import { RunComparisonView } from "@/components/runs/compare/run-comparison";
import { toJson } from "@/components/runs/serialize";
import { Card, EmptyState, ErrorMessage, PageHeader } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Compare runs · Assay" };

type SearchParams = Record<string, string | string[] | undefined>;

const param = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

/**
 * Baseline against candidate: did a new model version or a mitigation reduce
 * harm without an unacceptable regression? Without both runs chosen (or when
 * they cannot be compared) the page is a picker that submits a GET, so every
 * comparison has a URL to share.
 */
export default async function CompareRunsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const baseline = param(params.baseline);
  const candidate = param(params.candidate);
  const ctx = await pageContext();

  let result: RunComparison | null = null;
  let error: string | null = null;
  if (baseline && candidate) {
    try {
      result = await compareRuns(ctx, baseline, candidate);
    } catch (e) {
      // A missing or foreign run (404), an unfinished one (409) or runs of two systems (400): say so and let the user choose again.
      if (e instanceof ServiceError && (e.status === 400 || e.status === 404 || e.status === 409)) error = e.message;
      else throw e;
    }
  }
  const groups = toJson(await listComparableRuns(ctx));
  const runCount = groups.reduce((n, g) => n + g.runs.length, 0);
  const form = <CompareForm key={`${baseline ?? ""}|${candidate ?? ""}`} groups={groups} baseline={baseline} candidate={candidate} />;

  if (!result) {
    return (
      <>
        <PageHeader
          title="Compare fairness runs"
          description="Pick a baseline and a candidate run of the same AI system, such as two model versions or the runs before and after a mitigation, to see how every group's rates changed, which changes are significant, and whether any is a regression."
          breadcrumbs={[{ href: "/systems", label: "Systems" }, { href: "/runs/compare", label: "Compare runs" }]}
        />
        <div className="space-y-4">
          {error && <ErrorMessage>{error}</ErrorMessage>}
          {runCount < 2 ? (
            <EmptyState title="Nothing to compare yet">
              A comparison needs two succeeded fairness runs of the same system. Start runs from a model version&apos;s page; they appear here once
              they have succeeded.
            </EmptyState>
          ) : (
            <Card title="Choose two runs">{form}</Card>
          )}
        </div>
      </>
    );
  }

  const { baseline: before, candidate: after } = result;
  return (
    <>
      <PageHeader
        title={`Compare runs · ${before.system.name} · ${before.modelVersion.label} → ${after.modelVersion.label}`}
        description={`Baseline: ${before.modelVersion.label} on “${before.dataset.name}”. Candidate: ${after.modelVersion.label} on “${after.dataset.name}”. Every change is candidate minus baseline.`}
        breadcrumbs={[
          { href: "/systems", label: "Systems" },
          { href: `/systems/${before.system.id}`, label: before.system.name },
          { href: compareHref({ baseline: before.id, candidate: after.id }), label: "Compare runs" },
        ]}
      />
      <div className="space-y-8">
        <RunComparisonView result={result} />
        <Card title="Compare other runs">{form}</Card>
      </div>
    </>
  );
}
