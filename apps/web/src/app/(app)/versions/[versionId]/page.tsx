import { getModelVersion, ServiceError } from "@assay/services";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DatasetsSection } from "@/components/datasets/datasets-section";
import { VersionMonitorsSection } from "@/components/monitoring/version-monitors-section";
import { PlanSection } from "@/components/plans/plan-section";
import { LIFECYCLE_LABELS, MODEL_TYPE_LABELS } from "@/components/registry/labels";
import { TierBadge } from "@/components/registry/tier-badge";
import { VersionReviewsSection } from "@/components/reviews/version-reviews-section";
import { VersionRisksSection } from "@/components/risks/version-risks-section";
import { RunsSection } from "@/components/runs/runs-section";
import { VersionSafetySection } from "@/components/safety/version-safety-section";
import { Card, DefinitionList, PageHeader, formatDate } from "@/components/ui";
import { pageContext } from "@/lib/context";

/** The workspace follows the loop: data, plan, runs, risks, review. */
const SECTIONS = [
  { id: "data", label: "Data" },
  { id: "plan", label: "Plan" },
  { id: "runs", label: "Runs" },
  { id: "safety", label: "Safety" },
  { id: "risks", label: "Risks" },
  { id: "reviews", label: "Reviews" },
  { id: "monitors", label: "Monitors" },
] as const;

export default async function VersionPage({ params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  const ctx = await pageContext();
  const version = await getModelVersion(ctx, versionId).catch((error: unknown) => {
    // Another organisation's version reads as absent, like a wrong id.
    if (error instanceof ServiceError && error.status === 404) notFound();
    throw error;
  });
  const id = version.id;

  return (
    <>
      <PageHeader
        title={`${version.system.name} · ${version.label}`}
        description={`${MODEL_TYPE_LABELS[version.modelType]} model version from ${version.provider}.`}
        breadcrumbs={[
          { href: "/systems", label: "Systems" },
          { href: `/systems/${version.system.id}`, label: version.system.name },
          { href: `/versions/${id}`, label: version.label },
        ]}
        actions={<TierBadge tier={version.system.riskTier} />}
      />

      <nav aria-label="Sections of this version" className="sticky top-0 z-10 -mx-1 mb-6 border-b border-slate-200 bg-slate-50/95 px-1 py-2 backdrop-blur">
        <ul className="flex flex-wrap gap-1 text-sm">
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`} className="rounded-md px-2.5 py-1 text-slate-700 hover:bg-white hover:text-brand-700">{s.label}</a>
            </li>
          ))}
        </ul>
      </nav>

      <div className="space-y-8">
        <Card title="Version record">
          <DefinitionList
            items={[
              { term: "System", value: <Link href={`/systems/${version.system.id}`} className="text-brand-700 hover:underline">{version.system.name}</Link> },
              { term: "Risk tier", value: <TierBadge tier={version.system.riskTier} /> },
              { term: "Lifecycle stage", value: LIFECYCLE_LABELS[version.system.lifecycleStage] },
              { term: "Version label", value: version.label },
              { term: "Model type", value: MODEL_TYPE_LABELS[version.modelType] },
              { term: "Provider", value: version.provider },
              { term: "Artifact URI", value: version.artifactUri ? <span className="break-all font-mono text-xs">{version.artifactUri}</span> : "" },
              { term: "Commit", value: version.commitSha ? <span className="font-mono text-xs">{version.commitSha}</span> : "" },
              { term: "Added", value: `${formatDate(version.createdAt)} by ${version.createdBy.name}` },
            ]}
          />
        </Card>

        <div id="data" className="scroll-mt-16"><DatasetsSection versionId={id} /></div>
        <div id="plan" className="scroll-mt-16"><PlanSection versionId={id} /></div>
        <div id="runs" className="scroll-mt-16"><RunsSection versionId={id} /></div>
        <div id="safety" className="scroll-mt-16"><VersionSafetySection versionId={id} /></div>
        <div id="risks" className="scroll-mt-16"><VersionRisksSection versionId={id} /></div>
        <div id="reviews" className="scroll-mt-16"><VersionReviewsSection versionId={id} /></div>
        <div id="monitors" className="scroll-mt-16"><VersionMonitorsSection versionId={id} /></div>
      </div>
    </>
  );
}
