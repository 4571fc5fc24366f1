import { REQUIRED_EVALUATION_LABELS, ROLE_LABELS, type TierPolicy } from "@assay/core";
import Link from "next/link";
import { RISK_TIER_LABELS } from "@/components/registry/labels";
import { DefinitionList } from "@/components/ui";

/** What one tier requires in this organisation, in words. Server-safe. */
export function TierPolicySummary({ policy, showSettingsLink = true }: { policy: TierPolicy; showSettingsLink?: boolean }) {
  return (
    <div className="space-y-3">
      <DefinitionList
        items={[
          {
            term: "Required evaluations",
            value: policy.requiredEvaluations.length === 0 ? "None required" : policy.requiredEvaluations.map((e) => REQUIRED_EVALUATION_LABELS[e]).join(", "),
          },
          { term: "Sign-offs", value: policy.requiredSignoffRoles.map((r) => ROLE_LABELS[r]).join(", ") },
          {
            term: "Separation of duties",
            value: policy.approverNotEvaluator ? "The approver may not be someone who ran the evaluations" : "Not required",
          },
          { term: "Review SLA", value: `${policy.reviewSlaBusinessDays} business day${policy.reviewSlaBusinessDays === 1 ? "" : "s"}` },
          { term: "Longest exception", value: `${policy.maxExceptionDays} day${policy.maxExceptionDays === 1 ? "" : "s"}` },
        ]}
      />
      {showSettingsLink && (
        <p className="text-xs text-slate-500">
          The {RISK_TIER_LABELS[policy.tier].toLowerCase()} tier&apos;s requirements are set per organisation under{" "}
          <Link className="text-brand-700 hover:underline" href="/settings/tiers">Settings → Risk tiers</Link>.
        </p>
      )}
    </div>
  );
}
