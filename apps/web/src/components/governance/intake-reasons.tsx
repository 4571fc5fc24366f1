import type { RiskTier, TierReason } from "@assay/core";
import { RISK_TIER_LABELS } from "@/components/registry/labels";
import { TierBadge } from "@/components/registry/tier-badge";

const LOW_BASELINE =
  "No answer raises the tier above low: a system for staff or business customers that advises or is reviewed, without personal data, regulated decisions, write access or a vendor model.";

/**
 * A proposed tier and every answer that raised it, each with its effect and
 * the minimum tier it sets. Reasons at the proposal's own tier decided it.
 * Server-safe; the intake form uses it for its live preview too.
 */
export function IntakeReasons({ tier, reasons, heading = "Proposed tier", emptyText = LOW_BASELINE }: {
  tier: RiskTier;
  reasons: TierReason[];
  heading?: string;
  emptyText?: string;
}) {
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <span className="font-medium">{heading}:</span> <TierBadge tier={tier} />
      </p>
      {reasons.length === 0 ? (
        <p className="text-sm text-slate-600">{emptyText}</p>
      ) : (
        <ul className="space-y-2" aria-label="Reasons for the proposed tier">
          {reasons.map((r) => {
            const decisive = r.tier === tier;
            return (
              <li key={`${r.question}:${r.answer}`} className={decisive ? "rounded-md border border-amber-200 bg-amber-50/60 p-2" : "rounded-md border border-slate-100 p-2"}>
                <p className="text-sm text-slate-900">
                  <span className="font-medium">{r.question}:</span> {r.answer}
                </p>
                <p className="text-sm text-slate-600">{r.effect}</p>
                <p className="mt-1 text-xs text-slate-500">
                  Sets at least {RISK_TIER_LABELS[r.tier].toLowerCase()}{decisive ? " — this sets the proposal." : "."}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
