/** Shown while the campaigns load. */
export default function RedTeamLoading() {
  return (
    <div role="status" aria-live="polite" className="space-y-6">
      <span className="sr-only">Loading the red-team campaigns…</span>
      <div aria-hidden className="h-7 w-64 animate-pulse rounded bg-slate-200" />
      <div aria-hidden className="h-64 animate-pulse rounded-lg border border-slate-200 bg-white" />
    </div>
  );
}
