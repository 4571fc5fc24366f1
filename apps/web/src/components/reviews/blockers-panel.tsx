import type { ChecklistItem } from "@assay/core";
import { ChecklistStatusBadge } from "./badges";
import { ChecklistItemLinks, type RiskRef } from "./checklist-links";

/** The checklist items that are not passing, in plain words, each with where to act on it. */
export function BlockerList({ blockers, versionId, reviewHref, risks }: {
  blockers: ChecklistItem[];
  versionId: string;
  reviewHref: string;
  risks: RiskRef[];
}) {
  return (
    <ul className="space-y-2">
      {blockers.map((b) => (
        <li key={b.key} className="flex flex-wrap items-start gap-x-3 gap-y-1 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
          <ChecklistStatusBadge status={b.status} />
          <div className="min-w-0 flex-1">
            <p className="font-medium text-slate-900">{b.label}</p>
            {b.detail && <p className="text-slate-700">{b.detail}</p>}
          </div>
          <div className="text-sm"><ChecklistItemLinks item={b} versionId={versionId} reviewHref={reviewHref} risks={risks} /></div>
        </li>
      ))}
    </ul>
  );
}
