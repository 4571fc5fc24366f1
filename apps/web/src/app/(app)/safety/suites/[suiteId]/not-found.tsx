import { ButtonLink, EmptyState } from "@/components/ui";

export default function SuiteNotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Suite not found</h1>
      <EmptyState title="This safety suite does not exist in your organisation">
        <p>The link may be wrong, or the suite belongs to another organisation. Installed and imported suites are listed in the safety library.</p>
        <div className="mt-4"><ButtonLink variant="secondary" href="/safety">Go to the safety library</ButtonLink></div>
      </EmptyState>
    </div>
  );
}
