import type { HoldView } from "@assay/services";
import { Badge, formatDate } from "@/components/ui";
import { ClearHoldForm, PlaceHoldForm } from "./hold-forms";
import { HOLD_CONCERN_LABELS } from "./labels";

/** Holds placed on the review, active first, with the forms the current user may use. */
export function HoldsPanel({ reviewId, holds, canPlace, canClear }: { reviewId: string; holds: HoldView[]; canPlace: boolean; canClear: boolean }) {
  const ordered = [...holds.filter((h) => h.active), ...holds.filter((h) => !h.active)];
  return (
    <div className="space-y-4">
      {ordered.length === 0 ? (
        <p className="text-sm text-slate-600">No hold has been placed on this review.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {ordered.map((h) => (
            <li key={h.id} className="space-y-2 px-3 py-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={h.active ? "bad" : "neutral"}>{h.active ? "On hold" : "Cleared"}</Badge>
                <span className="font-medium text-slate-900">{HOLD_CONCERN_LABELS[h.concern] ?? h.concern} concern</span>
                <span className="text-slate-600">placed by {h.placedBy.name}, {formatDate(h.placedAt)}</span>
              </div>
              <p className="text-slate-800">{h.reason}</p>
              {!h.active && (
                <p className="text-slate-600">
                  Cleared by {h.clearedBy?.name ?? "an approver"}, {formatDate(h.clearedAt)}: <q>{h.clearRationale}</q>
                </p>
              )}
              {h.active && canClear && <ClearHoldForm reviewId={reviewId} holdId={h.id} />}
            </li>
          ))}
        </ul>
      )}
      {canPlace && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium text-slate-700">Place a hold over a serious safety or privacy concern</summary>
          <div className="mt-3"><PlaceHoldForm reviewId={reviewId} /></div>
        </details>
      )}
    </div>
  );
}
