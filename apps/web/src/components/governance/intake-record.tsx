import { INTAKE_QUESTIONS, intakeAnswerLabel, type IntakeAnswers, type RiskTier, type TierReason } from "@assay/core";
import Link from "next/link";
import { RISK_TIER_LABELS } from "@/components/registry/labels";
import { TierBadge } from "@/components/registry/tier-badge";
import { DefinitionList, formatDate } from "@/components/ui";
import { IntakeReasons } from "./intake-reasons";

export type IntakeRecordProps = {
  answers: IntakeAnswers;
  proposal: { tier: RiskTier; reasons: TierReason[] };
  overrideTier: RiskTier | null;
  overrideRationale: string | null;
  effectiveTier: RiskTier;
  submittedBy: { name: string };
  createdAt: Date | string;
  updatedAt: Date | string;
};

/** The stored intake: who submitted it and when, the proposal with its reasons, and any override. Server-safe. */
export function IntakeRecord({ systemId, intake, systemTier, tierDiverged, showAnswers = false }: {
  systemId: string;
  intake: IntakeRecordProps;
  systemTier: RiskTier;
  tierDiverged: boolean;
  showAnswers?: boolean;
}) {
  const updated = new Date(intake.updatedAt).getTime() !== new Date(intake.createdAt).getTime();
  return (
    <div className="space-y-4">
      <DefinitionList
        items={[
          { term: "Effective tier", value: <TierBadge tier={intake.effectiveTier} /> },
          { term: "Proposed tier", value: <TierBadge tier={intake.proposal.tier} /> },
          { term: "Override", value: intake.overrideTier ? <TierBadge tier={intake.overrideTier} /> : "None: the proposal applies" },
          { term: updated ? "Last submitted" : "Submitted", value: `${formatDate(intake.updatedAt)} by ${intake.submittedBy.name}` },
          ...(updated ? [{ term: "First submitted", value: formatDate(intake.createdAt) }] : []),
        ]}
      />
      {intake.overrideTier && (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Override rationale</p>
          <p className="mt-1 whitespace-pre-wrap text-sm text-slate-900">{intake.overrideRationale}</p>
        </div>
      )}
      {tierDiverged && (
        <div role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The system&apos;s tier is now {RISK_TIER_LABELS[systemTier].toLowerCase()}, changed on the system record after this intake set it to{" "}
          {RISK_TIER_LABELS[intake.effectiveTier].toLowerCase()}. Resubmit the intake to reconcile them; see the{" "}
          <Link className="text-brand-700 hover:underline" href={`/audit?entityType=AiSystem&entityId=${encodeURIComponent(systemId)}`}>audit trail</Link> for who changed what.
        </div>
      )}
      <IntakeReasons tier={intake.proposal.tier} reasons={intake.proposal.reasons} />
      {showAnswers && (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">Answers</h3>
          <DefinitionList items={INTAKE_QUESTIONS.map((q) => ({ term: q.question, value: intakeAnswerLabel(q.key, intake.answers) }))} />
        </div>
      )}
    </div>
  );
}
