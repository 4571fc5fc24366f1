"use client";

import type { ReleaseDecisionOutcome } from "@assay/db";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";
import { OUTCOME_LABELS, OUTCOMES, RECOMMENDATION_HINTS } from "./labels";

/** A scientist's recommendation, bound to the evidence as it is now. The decision stays the product owner's. */
export function RecommendationForm({ reviewId, again }: { reviewId: string; again: boolean }) {
  const router = useRouter();
  const prefix = useId();
  const [outcome, setOutcome] = useState<ReleaseDecisionOutcome>("go");
  const [rationale, setRationale] = useState("");
  const [conditions, setConditions] = useState("");
  const [unknowns, setUnknowns] = useState("");
  const recommend = useMutation({
    mutationFn: () => api(`/api/v1/reviews/${reviewId}/recommendations`, { method: "POST", body: { outcome, rationale, conditions, unknowns } }),
    onSuccess: () => {
      setRationale("");
      setConditions("");
      setUnknowns("");
      router.refresh();
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    recommend.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="Record a recommendation">
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Recommendation</legend>
        {OUTCOMES.map((o) => (
          <label key={o} className="flex items-start gap-2 text-sm">
            <input type="radio" name={`${prefix}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} className="mt-0.5 h-4 w-4" />
            <span>
              <span className="font-medium text-slate-900">{OUTCOME_LABELS[o]}</span>
              <span className="block text-xs text-slate-500">{RECOMMENDATION_HINTS[o]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Field label="Rationale and evidence" htmlFor={`${prefix}-rationale`} hint="What the evidence shows; at least 10 characters. It goes into the decision memo.">
        <textarea id={`${prefix}-rationale`} className={inputClass} rows={4} maxLength={8000} required value={rationale} onChange={(e) => setRationale(e.target.value)} />
      </Field>
      <Field label={outcome === "go_with_conditions" ? "Conditions" : "Conditions (only for go with conditions)"} htmlFor={`${prefix}-conditions`}>
        <textarea id={`${prefix}-conditions`} className={inputClass} rows={3} maxLength={8000} value={conditions} onChange={(e) => setConditions(e.target.value)} />
      </Field>
      <Field label="Known unknowns (optional)" htmlFor={`${prefix}-unknowns`} hint="What the evidence does not tell: untested groups, missing data, open questions.">
        <textarea id={`${prefix}-unknowns`} className={inputClass} rows={3} maxLength={8000} value={unknowns} onChange={(e) => setUnknowns(e.target.value)} />
      </Field>
      <ErrorMessage>{recommend.error?.message}</ErrorMessage>
      <Button type="submit" disabled={recommend.isPending}>
        {recommend.isPending ? "Recording…" : `${again ? "Record a new recommendation" : "Recommend"}: ${OUTCOME_LABELS[outcome]}`}
      </Button>
    </form>
  );
}
