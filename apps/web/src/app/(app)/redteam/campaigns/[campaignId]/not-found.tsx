import { ButtonLink, EmptyState } from "@/components/ui";

export default function CampaignNotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Campaign not found</h1>
      <EmptyState title="This red-team campaign does not exist in your organisation">
        <p>The link may be wrong, or the campaign belongs to another organisation.</p>
        <div className="mt-4"><ButtonLink variant="secondary" href="/redteam">Go to red teaming</ButtonLink></div>
      </EmptyState>
    </div>
  );
}
