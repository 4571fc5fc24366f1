import type { SmallSampleWarning } from "@assay/core";

/** Groups too small to support conclusions, with every reason; they stay in every table, marked. */
export function SmallSampleList({ attribute, warnings }: { attribute: string; warnings: SmallSampleWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p className="font-medium">
        Small samples in <span className="font-mono">{attribute}</span>: {warnings.length} {warnings.length === 1 ? "group" : "groups"}
      </p>
      <p className="text-xs">Their intervals are wide and their tests weak; a difference that is not significant here is not evidence of no difference.</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {warnings.map((w) => <li key={w.group}><span className="font-medium">{w.group}</span>: {w.reasons.join("; ")}</li>)}
      </ul>
    </div>
  );
}
