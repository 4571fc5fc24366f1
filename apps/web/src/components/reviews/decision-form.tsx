"use client";

import type { ReleaseDecisionOutcome } from "@assay/db";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";
import { OUTCOME_HINTS, OUTCOME_LABELS, OUTCOMES } from "./labels";

/** The owner's decision. The server judges it against the checklist; its refusal is shown as given. */
export function DecisionForm({ reviewId, cleared }: { reviewId: string; cleared: boolean }) {
  const router = useRouter();
  const prefix = useId();
  const [outcome, setOutcome] = useState<ReleaseDecisionOutcome>(cleared ? "go" : "no_go");
  const [rationale, setRationale] = useState("");
  const [conditions, setConditions] = useState("");
  const decide = useMutation({
    mutationFn: () => api(`/api/v1/reviews/${reviewId}/decision`, { method: "POST", body: { outcome, rationale, conditions } }),
    onSuccess: () => router.refresh(),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    decide.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="Record the decision">
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
      <Button type="submit" disabled={decide.isPending}>{decide.isPending ? "Recording…" : `Record decision: ${OUTCOME_LABELS[outcome]}`}</Button>
    </form>
  );
}
