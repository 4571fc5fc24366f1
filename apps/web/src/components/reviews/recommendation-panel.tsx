import type { RecommendationView } from "@assay/services";
import { Badge, DefinitionList, formatDate } from "@/components/ui";
import { OUTCOME_LABELS, OUTCOME_TONES } from "./labels";

/** The latest recommendation, whether the evidence has changed since, and the earlier ones. */
export function RecommendationPanel({ recommendations }: { recommendations: RecommendationView[] }) {
  const latest = recommendations.at(-1);
  if (!latest) return <p className="text-sm text-slate-600">No recommendation yet. A scientist records one; the owner cannot decide before it.</p>;
  const history = recommendations.slice(0, -1);
  return (
    <div className="space-y-3">
      {latest.stale && (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The evidence has changed since this recommendation was recorded; a scientist may want to record a new one.
        </p>
      )}
      <DefinitionList
        items={[
          { term: "Recommendation", value: <Badge tone={OUTCOME_TONES[latest.outcome]}>{OUTCOME_LABELS[latest.outcome]}</Badge> },
          { term: "Recorded", value: `${formatDate(latest.createdAt)} by ${latest.recommendedBy.name}` },
          { term: "Rationale", value: latest.rationale },
          { term: "Conditions", value: latest.conditions },
          { term: "Known unknowns", value: latest.unknowns },
          { term: "Evidence hash", value: <span className="break-all font-mono text-xs">{latest.evidenceHash}</span> },
        ]}
      />
      {history.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-700">Earlier recommendations ({history.length})</summary>
          <ul className="mt-2 space-y-1 text-slate-600">
            {history.map((r) => (
              <li key={r.id}>
                {OUTCOME_LABELS[r.outcome]} by {r.recommendedBy.name}, {formatDate(r.createdAt)}: <q>{r.rationale}</q>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
