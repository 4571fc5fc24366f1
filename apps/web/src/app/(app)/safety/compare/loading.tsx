/** Shown while the runs are compared. */
export default function CompareSafetyRunsLoading() {
  return (
    <div role="status" aria-live="polite" className="space-y-6">
      <span className="sr-only">Comparing the safety runs…</span>
      <div aria-hidden className="space-y-2">
        <div className="h-4 w-48 animate-pulse rounded bg-slate-200" />
        <div className="h-7 w-96 max-w-full animate-pulse rounded bg-slate-200" />
      </div>
      {[0, 1, 2].map((i) => (
        <div key={i} aria-hidden className="h-40 animate-pulse rounded-lg border border-slate-200 bg-white" />
      ))}
    </div>
  );
}
