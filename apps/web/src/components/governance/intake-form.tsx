"use client";

import { INTAKE_QUESTIONS, OVERRIDE_RATIONALE_MIN, RISK_TIERS, type IntakeAnswers, type IntakeQuestion, type RiskTier } from "@assay/core";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState, type FormEvent } from "react";
import { RISK_TIER_LABELS } from "@/components/registry/labels";
import { TierBadge } from "@/components/registry/tier-badge";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api, ApiError } from "@/lib/client-api";
import { checkIntakeDraft, intakeApiErrors, intakeDraftFrom, previewProposal, type IntakeDraft, type IntakeDraftErrors } from "./intake-draft";
import { IntakeReasons } from "./intake-reasons";

export type StoredIntake = { answers: IntakeAnswers; overrideTier: RiskTier | null; overrideRationale: string | null };

function ChoiceQuestion({ question, value, error, onChange, idPrefix }: {
  question: Exclude<IntakeQuestion, { kind: "number" }>;
  value: string;
  error?: string;
  onChange: (value: string) => void;
  idPrefix: string;
}) {
  const hintId = `${idPrefix}-hint`;
  const errorId = `${idPrefix}-error`;
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-3" aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
      <legend className="px-1 text-sm font-semibold text-slate-800">{question.question}</legend>
      <p id={hintId} className="text-xs text-slate-500">{question.hint}</p>
      <div className="space-y-1">
        {question.options.map((option) => {
          const id = `${idPrefix}-${String(option.value)}`;
          return (
            <div key={String(option.value)} className="flex items-start gap-2 text-sm">
              <input
                id={id}
                type="radio"
                name={idPrefix}
                className="mt-0.5 h-4 w-4 border-slate-300 accent-brand-600"
                value={String(option.value)}
                checked={value === String(option.value)}
                onChange={(e) => onChange(e.target.value)}
              />
              <label htmlFor={id} className="text-slate-800">{option.label}</label>
            </div>
          );
        })}
      </div>
      {error && <p id={errorId} className="text-xs text-red-700" role="alert">{error}</p>}
    </fieldset>
  );
}

/**
 * The intake questionnaire. As the scientist answers, the proposed tier and its
 * reasons update beside the form (the same `proposeTier` the server applies);
 * an override needs a rationale. Submitting sets the system's tier.
 */
export function IntakeForm({ systemId, stored, currentTier }: { systemId: string; stored: StoredIntake | null; currentTier: RiskTier }) {
  const router = useRouter();
  const prefix = useId();
  const [draft, setDraft] = useState<IntakeDraft>(() => intakeDraftFrom(stored));
  const [localErrors, setLocalErrors] = useState<IntakeDraftErrors>({});
  const [savedTier, setSavedTier] = useState<RiskTier | null>(null);
  const { proposal, unanswered } = useMemo(() => previewProposal(draft), [draft]);

  const save = useMutation({
    mutationFn: (body: unknown) => api<{ effectiveTier: RiskTier }>(`/api/v1/systems/${encodeURIComponent(systemId)}/intake`, { method: "PUT", body }),
    onSuccess: (view) => {
      setSavedTier(view.effectiveTier);
      router.refresh();
    },
  });

  const serverErrors = save.error instanceof ApiError ? intakeApiErrors(save.error.details) : {};
  const errors: IntakeDraftErrors = { ...serverErrors, ...localErrors };
  const generalError =
    save.error instanceof ApiError && save.error.status === 403
      ? "Your role cannot submit the intake; scientists do."
      : save.error && Object.keys(serverErrors).length === 0
        ? save.error.message
        : Object.keys(localErrors).length > 0
          ? "Some answers need attention; see the messages by each question."
          : null;

  const update = (patch: (d: IntakeDraft) => IntakeDraft) => {
    setDraft(patch);
    setSavedTier(null);
    setLocalErrors({});
    save.reset();
  };
  const setAnswer = (key: keyof IntakeDraft["answers"], value: string) => update((d) => ({ ...d, answers: { ...d.answers, [key]: value } }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const result = checkIntakeDraft(draft);
    if ("errors" in result) {
      setLocalErrors(result.errors);
      return;
    }
    save.mutate(result.body);
  };

  const override = draft.overrideTier || null;
  const resultingTier = override ?? proposal.tier;
  const id = (name: string) => `${prefix}-${name}`;
  const rationaleLength = draft.overrideRationale.trim().length;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Intake questionnaire" className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="space-y-4">
        {INTAKE_QUESTIONS.map((q) =>
          q.kind === "number" ? (
            <Field key={q.key} label={`${q.question} (optional)`} htmlFor={id(q.key)} hint={q.hint} error={errors[q.key]}>
              <input
                id={id(q.key)}
                className={`${inputClass} max-w-xs`}
                inputMode="numeric"
                value={draft.answers[q.key]}
                aria-invalid={errors[q.key] ? true : undefined}
                onChange={(e) => setAnswer(q.key, e.target.value)}
              />
            </Field>
          ) : (
            <ChoiceQuestion key={q.key} question={q} idPrefix={id(q.key)} value={draft.answers[q.key]} error={errors[q.key]} onChange={(v) => setAnswer(q.key, v)} />
          ),
        )}

        <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-semibold text-slate-800">Override the proposal (optional)</legend>
          <p className="text-xs text-slate-500">
            If the answers miss something, choose another tier and say why. The proposal, the override and your rationale are all recorded in the audit trail.
          </p>
          <Field label="Override tier" htmlFor={id("overrideTier")} error={errors.overrideTier}>
            <select
              id={id("overrideTier")}
              className={`${inputClass} max-w-xs`}
              value={draft.overrideTier}
              aria-invalid={errors.overrideTier ? true : undefined}
              onChange={(e) => update((d) => ({ ...d, overrideTier: e.target.value as RiskTier | "" }))}
            >
              <option value="">No override: use the proposal ({RISK_TIER_LABELS[proposal.tier]})</option>
              {RISK_TIERS.map((t) => (
                <option key={t} value={t}>{RISK_TIER_LABELS[t]}{t === proposal.tier ? " (the proposal)" : ""}</option>
              ))}
            </select>
          </Field>
          {override && (
            <Field
              label="Rationale"
              htmlFor={id("overrideRationale")}
              hint={`At least ${OVERRIDE_RATIONALE_MIN} characters (${rationaleLength} so far).`}
              error={errors.overrideRationale}
            >
              <textarea
                id={id("overrideRationale")}
                className={inputClass}
                rows={3}
                maxLength={4000}
                required
                value={draft.overrideRationale}
                aria-invalid={errors.overrideRationale ? true : undefined}
                onChange={(e) => update((d) => ({ ...d, overrideRationale: e.target.value }))}
              />
            </Field>
          )}
        </fieldset>

        <ErrorMessage>{generalError}</ErrorMessage>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={save.isPending}>{save.isPending ? "Saving…" : stored ? "Update intake" : "Submit intake"}</Button>
          <p role="status" aria-live="polite" className="text-sm text-emerald-800">
            {savedTier && `Intake saved. The system's risk tier is now ${RISK_TIER_LABELS[savedTier].toLowerCase()}.`}
          </p>
        </div>
      </div>

      <aside aria-label="Proposed tier" className="lg:sticky lg:top-4 lg:self-start">
        <div className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4">
          <h3 className="text-sm font-semibold text-slate-800">Live proposal</h3>
          <div aria-live="polite" className="space-y-3">
            <IntakeReasons
              tier={proposal.tier}
              reasons={proposal.reasons}
              heading={unanswered > 0 ? "Proposed so far" : "Proposed tier"}
              emptyText={unanswered > 0 ? "No answer so far raises the tier above low." : undefined}
            />
            {unanswered > 0 && (
              <p className="text-xs text-slate-500">
                {unanswered === 1 ? "One question is" : `${unanswered} questions are`} still unanswered; the proposal can only rise as you answer.
              </p>
            )}
          </div>
          <p className="flex flex-wrap items-center gap-2 border-t border-slate-200 pt-3 text-sm text-slate-700">
            Submitting sets the tier to <TierBadge tier={resultingTier} />
            {resultingTier !== currentTier && <span className="text-xs text-slate-500">(now {RISK_TIER_LABELS[currentTier].toLowerCase()})</span>}
          </p>
        </div>
      </aside>
    </form>
  );
}
