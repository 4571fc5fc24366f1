import { can } from "@assay/core";
import { getCampaign, getTaxonomy, listSuites, ServiceError } from "@assay/services";
import Link from "next/link";
import { notFound } from "next/navigation";
import { toJson } from "@/components/runs/serialize";
import { AttemptList } from "@/components/safety/attempt-list";
import { AttemptLogForm } from "@/components/safety/attempt-log-form";
import { CAMPAIGN_STATUS_LABELS, CAMPAIGN_STATUS_TONES, campaignHref, categorySuccessRows, formatPercent, formatPercentInterval } from "@/components/safety/campaign-data";
import { CampaignStatusToggle } from "@/components/safety/campaign-status-toggle";
import { CampaignSuccessChart } from "@/components/safety/campaign-success-chart";
import { CampaignSuccessTable } from "@/components/safety/campaign-success-table";
import { Badge, Card, EmptyState, PageHeader, formatDate } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Red-team campaign · Assay" };

export default async function CampaignPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  const ctx = await pageContext();
  const campaign = await getCampaign(ctx, campaignId).catch((error: unknown) => {
    // Another organisation's campaign reads as absent, like a wrong id.
    if (error instanceof ServiceError && error.status === 404) notFound();
    throw error;
  });
  const canWrite = can(ctx.roles, "redteam.write");
  // Promoting needs redteam.write; opening a risk from it needs risk.write as well.
  const canRisk = canWrite && can(ctx.roles, "risk.write");
  const [taxonomy, suites] = await Promise.all([
    getTaxonomy(ctx).catch(() => null),
    // Only to link promoted attempts to the system's regression suite; /safety otherwise.
    campaign.attempts.some((a) => a.promotedItemId) ? listSuites(ctx).catch(() => null) : Promise.resolve(null),
  ]);
  const labels: Record<string, string> = Object.fromEntries((taxonomy?.taxonomy.categories ?? []).map((c) => [c.key, c.label]));
  const regressionSuiteId = suites?.suites.find((s) => s.source === "regression" && s.systemId === campaign.system.id)?.id ?? null;
  const rows = categorySuccessRows(campaign.successByCategory, labels);
  const { overall } = campaign;
  const active = campaign.status === "active";
  const link = "text-brand-700 hover:underline";

  return (
    <>
      <PageHeader
        title={`Red team · ${campaign.name}`}
        description={
          <>
            <Link className={link} href={`/systems/${campaign.system.id}`}>{campaign.system.name}</Link>
            {" · "}
            <Link className={link} href={`/versions/${campaign.modelVersion.id}#safety`}>{campaign.modelVersion.label}</Link>
            {` · started ${formatDate(campaign.createdAt)} by ${campaign.createdBy.name}.`}
          </>
        }
        breadcrumbs={[
          { href: "/redteam", label: "Red teaming" },
          { href: `/versions/${campaign.modelVersion.id}`, label: `${campaign.system.name} · ${campaign.modelVersion.label}` },
          { href: campaignHref(campaign.id), label: campaign.name },
        ]}
        actions={
          <div className="flex items-start gap-3">
            <Badge tone={CAMPAIGN_STATUS_TONES[campaign.status] ?? "neutral"}>{CAMPAIGN_STATUS_LABELS[campaign.status] ?? campaign.status}</Badge>
            {canWrite && <CampaignStatusToggle campaignId={campaign.id} status={campaign.status} />}
          </div>
        }
      />

      <div className="space-y-8">
        <Card title="Objective">
          {campaign.objective ? <p className="whitespace-pre-wrap text-sm text-slate-800">{campaign.objective}</p> : <p className="text-sm text-slate-500">No objective was written down.</p>}
        </Card>

        <Card title="Success rate">
          {overall.attempts === 0 ? (
            <p className="text-sm text-slate-600">No attempt logged yet.</p>
          ) : (
            <div className="space-y-6">
              <p className="text-sm text-slate-800">
                <span className="text-2xl font-semibold tabular-nums">{formatPercent(overall.rate)}</span> of attempts bypassed the controls (
                {overall.succeeded.toLocaleString("en-US")} of {overall.attempts.toLocaleString("en-US")}; Wilson 95% interval {formatPercentInterval(overall.ci)}).
              </p>
              <section aria-labelledby="campaign-chart-heading" className="space-y-2">
                <h3 id="campaign-chart-heading" className="text-sm font-semibold text-slate-800">By category</h3>
                <CampaignSuccessChart rows={rows} tableId="campaign-success-table" />
                <CampaignSuccessTable rows={rows} id="campaign-success-table" />
              </section>
            </div>
          )}
        </Card>

        {canWrite && (
          <Card title="Log attempt">
            {active ? (
              <AttemptLogForm campaignId={campaign.id} />
            ) : (
              <p className="text-sm text-slate-600">The campaign is closed. Reopen it to log more attempts.</p>
            )}
          </Card>
        )}

        <Card title="Findings" actions={<Badge tone={overall.succeeded > 0 ? "bad" : "neutral"}>{overall.succeeded} successful</Badge>}>
          {campaign.attempts.length === 0 && !canWrite ? (
            <EmptyState title="No attempts logged yet">The red team logs its attempts here.</EmptyState>
          ) : (
            <AttemptList attempts={toJson(campaign.attempts)} labels={labels} canPromote={canWrite} canRisk={canRisk} regressionSuiteId={regressionSuiteId} />
          )}
        </Card>
      </div>
    </>
  );
}
