import { SEVERITIES } from "@assay/core";
import { getPortfolio, type PortfolioRun } from "@assay/services";
import Link from "next/link";
import { LIFECYCLE_LABELS } from "@/components/registry/labels";
import { TierBadge } from "@/components/registry/tier-badge";
import { ReviewStateBadge } from "@/components/reviews/badges";
import { SEVERITY_LABELS, SEVERITY_TONES } from "@/components/risks/labels";
import { Badge, ButtonLink, EmptyState, PageHeader, Table, Td, Th, formatDay, type BadgeTone } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Portfolio · Assay" };

function Tile({ label, value, hint, href, tone }: { label: string; value: number; hint: string; href: string; tone: "neutral" | "alert" }) {
  return (
    <Link href={href} className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
      <p className="text-sm font-medium text-slate-600">{label}</p>
      <p className={tone === "alert" && value > 0 ? "mt-1 text-3xl font-semibold tabular-nums text-red-700" : "mt-1 text-3xl font-semibold tabular-nums text-slate-900"}>{value}</p>
      <p className="mt-1 text-xs text-slate-500">{hint}</p>
    </Link>
  );
}

function runBadge(run: PortfolioRun): { tone: BadgeTone; label: string } {
  if (run.status === "failed") return { tone: "bad", label: "Run failed" };
  if (run.status === "queued") return { tone: "neutral", label: "Queued" };
  if (run.status === "running") return { tone: "info", label: "Running" };
  if (run.failedChecks > 0) return { tone: "bad", label: `${run.failedChecks} of ${run.checkCount} checks failed` };
  return { tone: "good", label: run.checkCount === 1 ? "Check passed" : `All ${run.checkCount} checks passed` };
}

export default async function PortfolioPage() {
  const ctx = await pageContext();
  const { summary, systems } = await getPortfolio(ctx);

  return (
    <>
      <PageHeader
        title="Portfolio"
        description="Every AI system of the organisation: its risk tier, its latest evaluation, its open risks and where its release review stands."
      />
      <section aria-label="Summary" className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Tile label="AI systems" value={summary.systems} hint="Registered in this organisation" href="/systems" tone="neutral" />
        <Tile label="Open high or critical risks" value={summary.openHighCriticalRisks} hint="Open or being mitigated; these block releases" href="/risks?status=active" tone="alert" />
        <Tile label="Open release reviews" value={summary.openReviews} hint="Awaiting a decision" href="/readiness" tone="neutral" />
        <Tile label="Systems with failing runs" value={summary.runsFailing} hint="Latest run errored or failed a check" href="/systems" tone="alert" />
      </section>

      {systems.length === 0 ? (
        <EmptyState title="No AI systems registered yet">
          <p>The portfolio fills in as scientists register systems and evaluate their versions.</p>
          <p className="mt-2"><ButtonLink variant="ghost" href="/systems">Go to the registry</ButtonLink></p>
        </EmptyState>
      ) : (
        <Table caption="AI systems with their latest run, open risks and review state">
          <thead>
            <tr>
              <Th>System</Th>
              <Th>Risk tier</Th>
              <Th>Lifecycle</Th>
              <Th>Latest run</Th>
              <Th>Open risks</Th>
              <Th>Release review</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {systems.map((s) => {
              const run = s.latestRun ? runBadge(s.latestRun) : null;
              return (
                <tr key={s.id}>
                  <Td>
                    <Link href={`/systems/${s.id}`} className="font-medium text-brand-700 hover:underline">{s.name}</Link>
                    <p className="text-xs text-slate-500">{s.versionCount} {s.versionCount === 1 ? "version" : "versions"}</p>
                  </Td>
                  <Td><TierBadge tier={s.riskTier} /></Td>
                  <Td>{LIFECYCLE_LABELS[s.lifecycleStage]}</Td>
                  <Td>
                    {s.latestRun && run ? (
                      <div className="space-y-0.5">
                        <Link href={`/runs/${s.latestRun.id}`} className="hover:underline"><Badge tone={run.tone}>{run.label}</Badge></Link>
                        <p className="text-xs text-slate-500">{s.latestRun.version.label} · {formatDay(s.latestRun.finishedAt ?? s.latestRun.createdAt)}</p>
                      </div>
                    ) : (
                      <span className="text-slate-500">No runs yet</span>
                    )}
                  </Td>
                  <Td>
                    {s.openRiskTotal === 0 ? (
                      <span className="text-slate-500">None</span>
                    ) : (
                      <Link href={`/risks?systemId=${s.id}&status=active`} className="flex flex-wrap gap-1" aria-label={`${s.openRiskTotal} open risks of ${s.name}`}>
                        {[...SEVERITIES].reverse().filter((sev) => s.openRisks[sev] > 0).map((sev) => (
                          <Badge key={sev} tone={SEVERITY_TONES[sev]}>{s.openRisks[sev]} {SEVERITY_LABELS[sev].toLowerCase()}</Badge>
                        ))}
                      </Link>
                    )}
                  </Td>
                  <Td>
                    {s.latestReview ? (
                      <div className="space-y-0.5">
                        <Link href={`/reviews/${s.latestReview.id}`} className="hover:underline">
                          <ReviewStateBadge status={s.latestReview.status} outcome={s.latestReview.outcome} />
                        </Link>
                        <p className="text-xs text-slate-500">{s.latestReview.version.label} · {s.latestReview.title}</p>
                      </div>
                    ) : (
                      <span className="text-slate-500">No review yet</span>
                    )}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </>
  );
}
