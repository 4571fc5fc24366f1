import { ButtonLink, EmptyState } from "@/components/ui";

export default function SafetyRunNotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Safety run not found</h1>
      <EmptyState title="This safety run does not exist in your organisation">
        <p>The link may be wrong, or the run belongs to another organisation. Safety runs are listed on their model version&apos;s page.</p>
        <div className="mt-4"><ButtonLink variant="secondary" href="/systems">Go to systems</ButtonLink></div>
      </EmptyState>
    </div>
  );
}
