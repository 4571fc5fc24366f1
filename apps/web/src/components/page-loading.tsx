/** Skeleton while a page reads its data; says what is loading to screen readers. */
export function PageLoading({ what, blocks = 3 }: { what: string; blocks?: number }) {
  return (
    <div role="status" aria-live="polite" className="space-y-6">
      <span className="sr-only">Loading {what}…</span>
      <div aria-hidden className="space-y-2">
        <div className="h-4 w-64 animate-pulse rounded bg-slate-200" />
        <div className="h-7 w-96 max-w-full animate-pulse rounded bg-slate-200" />
      </div>
      {Array.from({ length: blocks }, (_, i) => (
        <div key={i} aria-hidden className="h-40 animate-pulse rounded-lg border border-slate-200 bg-white" />
      ))}
    </div>
  );
}
