"use client";

import type { ReleaseDecisionOutcome } from "@assay/db";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";
import { OUTCOME_HINTS, OUTCOME_LABELS, OUTCOMES } from "./labels";

/**
 * The owner's decision. Go (with or without conditions) needs a scientist's
 * recommendation on the current evidence; no-go needs nobody's leave. The
 * server judges it against the checklist (holds included); its refusal is shown as given.
 */
export function DecisionForm({ reviewId, cleared, recommendation }: {
  reviewId: string;
  cleared: boolean;
  /** The latest recommendation; without a current one the server refuses a go. */
  recommendation: { outcome: ReleaseDecisionOutcome; by: string; stale: boolean } | null;
}) {
  const router = useRouter();
  const prefix = useId();
  const [outcome, setOutcome] = useState<ReleaseDecisionOutcome>(recommendation && (cleared || recommendation.outcome === "no_go") ? recommendation.outcome : cleared ? "go" : "no_go");
  const [rationale, setRationale] = useState("");
  const [conditions, setConditions] = useState("");
  const decide = useMutation({
    mutationFn: () => api(`/api/v1/reviews/${reviewId}/decision`, { method: "POST", body: { outcome, rationale, conditions } }),
    onSuccess: () => router.refresh(),
  });
  const needsRecommendation = outcome !== "no_go" && (!recommendation || recommendation.stale);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    decide.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="Record the decision">
      <p className="text-sm text-slate-700">
        {recommendation ? (
          <>
            {recommendation.by} recommended <span className="font-medium">{OUTCOME_LABELS[recommendation.outcome]}</span>
            {recommendation.stale && " before the evidence last changed; a go needs a scientist to recommend again on the current evidence"}. A different decision is recorded as dissent in the decision memo.
          </>
        ) : (
          "No recommendation yet: a scientist must record one before a go. A no-go can be recorded at any time."
        )}
      </p>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Outcome</legend>
        {OUTCOMES.map((o) => (
          <label key={o} className="flex items-start gap-2 text-sm">
            <input type="radio" name={`${prefix}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} className="mt-0.5 h-4 w-4" />
            <span>
              <span className="font-medium text-slate-900">{OUTCOME_LABELS[o]}</span>
              <span className="block text-xs text-slate-500">{OUTCOME_HINTS[o]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Field label="Rationale" htmlFor={`${prefix}-rationale`} hint="Why this decision; at least 10 characters. It goes into the evidence pack.">
        <textarea id={`${prefix}-rationale`} className={inputClass} rows={4} maxLength={8000} required value={rationale} onChange={(e) => setRationale(e.target.value)} />
      </Field>
      <Field label={outcome === "go_with_conditions" ? "Conditions" : "Conditions (only for go with conditions)"} htmlFor={`${prefix}-conditions`}
        hint="What must hold after release, e.g. monitoring or a re-review date.">
        <textarea id={`${prefix}-conditions`} className={inputClass} rows={3} maxLength={8000} value={conditions} onChange={(e) => setConditions(e.target.value)} />
      </Field>
      <ErrorMessage>{decide.error?.message}</ErrorMessage>
      <Button type="submit" disabled={decide.isPending || needsRecommendation}>{decide.isPending ? "Recording…" : `Record decision: ${OUTCOME_LABELS[outcome]}`}</Button>
    </form>
  );
}
