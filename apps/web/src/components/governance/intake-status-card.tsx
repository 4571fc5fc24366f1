import type { RiskTier } from "@assay/core";
import { RISK_TIER_LABELS } from "@/components/registry/labels";
import { TierBadge } from "@/components/registry/tier-badge";
import { ButtonLink, Card, formatDate } from "@/components/ui";

export type IntakeStatus = {
  proposedTier: RiskTier;
  overrideTier: RiskTier | null;
  overrideRationale: string | null;
  submittedBy: { name: string };
  updatedAt: Date | string;
} | null;

/** On the system page: whether the intake is done, what it proposed, any override, and the way to the questionnaire. */
export function IntakeStatusCard({ systemId, status, systemTier, tierDiverged, canEdit }: {
  systemId: string;
  status: IntakeStatus;
  systemTier: RiskTier;
  tierDiverged: boolean;
  canEdit: boolean;
}) {
  const href = `/systems/${systemId}/intake`;
  if (!status) {
    return (
      <section aria-labelledby={`intake-${systemId}`} className="rounded-lg border border-amber-200 bg-amber-50 p-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id={`intake-${systemId}`} className="text-base font-semibold text-amber-950">
              {canEdit ? "Complete the intake questionnaire" : "Intake questionnaire not completed yet"}
            </h2>
            <p className="mt-1 max-w-3xl text-sm text-amber-900">
              Nine questions about impact, autonomy, users, domain, data and models propose the risk tier, with reasons. The tier decides which
              evaluations and sign-offs a release needs. Until then the tier ({RISK_TIER_LABELS[systemTier].toLowerCase()}) is the one set at registration.
            </p>
          </div>
          <ButtonLink href={href} variant={canEdit ? "primary" : "secondary"}>{canEdit ? "Complete the intake questionnaire" : "View the questionnaire"}</ButtonLink>
        </div>
      </section>
    );
  }
  return (
    <Card title="Intake and risk tier" actions={<ButtonLink href={href} variant="secondary">{canEdit ? "Review or update the intake" : "View the intake"}</ButtonLink>}>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm text-slate-700">
        <span className="flex items-center gap-2">Proposed <TierBadge tier={status.proposedTier} /></span>
        <span className="flex items-center gap-2">
          Override {status.overrideTier ? <TierBadge tier={status.overrideTier} /> : <span className="text-slate-500">none</span>}
        </span>
        <span className="text-slate-600">Submitted {formatDate(status.updatedAt)} by {status.submittedBy.name}</span>
      </div>
      {status.overrideTier && status.overrideRationale && (
        <p className="mt-2 line-clamp-2 text-sm text-slate-600"><span className="font-medium text-slate-700">Rationale:</span> {status.overrideRationale}</p>
      )}
      {tierDiverged && (
        <p className="mt-2 text-sm text-amber-900">The tier was changed on the system record after the intake; resubmit the intake to reconcile them.</p>
      )}
    </Card>
  );
}
