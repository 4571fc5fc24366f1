import { listCampaigns } from "@assay/services";
import { CampaignListTable } from "@/components/safety/campaign-list-table";
import { EmptyState, PageHeader } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Red teaming · Assay" };

/** Every red-team campaign of the organisation, newest first. */
export default async function RedTeamPage() {
  const ctx = await pageContext();
  const campaigns = await listCampaigns(ctx);
  const attempts = campaigns.reduce((n, c) => n + c.attempts, 0);
  const succeeded = campaigns.reduce((n, c) => n + c.succeeded, 0);

  return (
    <>
      <PageHeader
        title="Red teaming"
        description={
          campaigns.length > 0
            ? `${campaigns.length} ${campaigns.length === 1 ? "campaign" : "campaigns"}, ${attempts.toLocaleString("en-US")} attempts logged, ${succeeded.toLocaleString("en-US")} of which bypassed the controls. Campaigns are started from a model version's Safety section.`
            : "Manual adversarial testing of model versions: log each attack, rate it, and turn the ones that got through into regression tests and risks."
        }
        breadcrumbs={[{ href: "/redteam", label: "Red teaming" }]}
      />
      {campaigns.length === 0 ? (
        <EmptyState title="No red-team campaigns yet">
          Start a campaign from the Safety section of a model version&apos;s page; its attempts and findings appear here.
        </EmptyState>
      ) : (
        <CampaignListTable campaigns={campaigns} caption="Red-team campaigns of the organisation, newest first" />
      )}
    </>
  );
}
