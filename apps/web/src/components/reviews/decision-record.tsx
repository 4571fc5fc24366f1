import type { DecisionView } from "@assay/services";
import { Badge, DefinitionList, formatDate } from "@/components/ui";
import { OUTCOME_LABELS, OUTCOME_TONES } from "./labels";

export function DecisionRecord({ decision, dissent = null }: { decision: DecisionView; dissent?: string | null }) {
  return (
    <div className="space-y-3">
      {dissent && (
        <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-800">
          <span className="font-medium">Dissent:</span> {dissent} The decision memo records it.
        </p>
      )}
      {decision.evidenceChanged && (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The evidence has changed since this decision was recorded (a run or a risk changed). The decision stands as recorded against the earlier evidence.
        </p>
      )}
      <DefinitionList
        items={[
          { term: "Outcome", value: <Badge tone={OUTCOME_TONES[decision.outcome]}>{OUTCOME_LABELS[decision.outcome]}</Badge> },
          { term: "Decided", value: `${formatDate(decision.createdAt)} by ${decision.decidedBy.name}` },
          { term: "Rationale", value: decision.rationale },
          { term: "Conditions", value: decision.conditions },
          { term: "Evidence hash", value: <span className="break-all font-mono text-xs">{decision.evidenceHash}</span> },
        ]}
      />
    </div>
  );
}
