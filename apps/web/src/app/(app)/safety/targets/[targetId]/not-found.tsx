import { ButtonLink, EmptyState } from "@/components/ui";

export default function TargetNotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Target not found</h1>
      <EmptyState title="This target does not exist in your organisation">
        <p>The link may be wrong, or the target belongs to another organisation. Targets are listed in the safety library.</p>
        <div className="mt-4"><ButtonLink variant="secondary" href="/safety">Go to the safety library</ButtonLink></div>
      </EmptyState>
    </div>
  );
}
