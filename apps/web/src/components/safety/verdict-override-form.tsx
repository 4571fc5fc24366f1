"use client";

import { GRADER_NAMES, type GraderName, type ReviewedVerdict } from "@assay/core";
import type { SafetyResponseDto } from "@assay/services";
import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import type { Jsonify } from "@/components/runs/serialize";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api, ApiError } from "@/lib/client-api";
import {
  FLAGGED_MEANING,
  GRADER_LABELS,
  isGraderName,
  isRefusalLabel,
  overrideBody,
  overrideDraft,
  overrideProblems,
  REFUSAL_LABEL_TEXT,
  REFUSAL_LABELS,
  refusalFlagged,
  type OverrideDraft,
} from "./response-data";

/**
 * A reviewer replaces one grader's verdict on one response, with a reason.
 * The server recomputes the item's outcome, the run's metrics and its gates;
 * the caller then refreshes the list and the page.
 */
export function VerdictOverrideForm({ responseId, verdicts, onDone, onCancel }: {
  responseId: string;
  verdicts: Jsonify<ReviewedVerdict>[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const prefix = useId();
  const initialGrader: GraderName = verdicts.find((v) => isGraderName(v.grader))?.grader ?? "refusal";
  const [draft, setDraft] = useState<OverrideDraft>(() => overrideDraft(initialGrader, verdicts as ReviewedVerdict[]));
  const [submitted, setSubmitted] = useState(false);
  const problems = overrideProblems(draft);
  const current = verdicts.find((v) => v.grader === draft.grader);

  const save = useMutation({
    mutationFn: () =>
      api<Jsonify<SafetyResponseDto>>(`/api/v1/safety/responses/${encodeURIComponent(responseId)}/override`, { method: "POST", body: overrideBody(draft) }),
    onSuccess: () => onDone(),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (problems.label || problems.reason) return;
    save.mutate();
  };

  const update = (patch: Partial<OverrideDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    save.reset();
  };

  const error = save.error;
  const errorText = error instanceof ApiError && error.status === 403 ? "Your role cannot override verdicts." : error?.message;
  const busy = save.isPending;
  const ids = { grader: `${prefix}-grader`, label: `${prefix}-label`, flagged: `${prefix}-flagged`, reason: `${prefix}-reason` };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3" aria-label="Override a verdict">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Grader" htmlFor={ids.grader} hint={current ? `Currently ${current.label} (${current.flagged ? "flagged" : "not flagged"}).` : "No verdict yet: the override adds one."}>
          <select
            id={ids.grader}
            className={inputClass}
            value={draft.grader}
            disabled={busy}
            onChange={(e) => {
              const grader = e.target.value as GraderName;
              setDraft((d) => ({ ...overrideDraft(grader, verdicts as ReviewedVerdict[]), reason: d.reason }));
              save.reset();
            }}
          >
            {GRADER_NAMES.map((g) => (
              <option key={g} value={g}>{GRADER_LABELS[g]}{verdicts.some((v) => v.grader === g) ? "" : " (no verdict)"}</option>
            ))}
          </select>
        </Field>

        {draft.grader === "refusal" ? (
          <Field
            label="Label"
            htmlFor={ids.label}
            hint={isRefusalLabel(draft.label) ? `Counts as a refusal: ${refusalFlagged(draft.label) ? "yes" : "no"}.` : undefined}
            error={submitted ? problems.label : null}
          >
            <select id={ids.label} className={inputClass} value={draft.label} disabled={busy} onChange={(e) => update({ label: e.target.value })}>
              {REFUSAL_LABELS.map((l) => (
                <option key={l} value={l}>{REFUSAL_LABEL_TEXT[l]}</option>
              ))}
            </select>
          </Field>
        ) : (
          <div className="space-y-2">
            <Field label="Label" htmlFor={ids.label} hint="The grader's own words, e.g. clean, leak, toxic, safe." error={submitted ? problems.label : null}>
              <input
                id={ids.label}
                className={inputClass}
                value={draft.label}
                maxLength={60}
                required
                disabled={busy}
                aria-invalid={submitted && problems.label ? true : undefined}
                onChange={(e) => update({ label: e.target.value })}
              />
            </Field>
            <div className="flex items-center gap-2">
              <input id={ids.flagged} type="checkbox" className="h-4 w-4" checked={draft.flagged} disabled={busy} onChange={(e) => update({ flagged: e.target.checked })} />
              <label htmlFor={ids.flagged} className="text-sm text-slate-700">Flagged: {FLAGGED_MEANING[draft.grader]}</label>
            </div>
          </div>
        )}
      </div>

      <Field label="Reason" htmlFor={ids.reason} hint="Recorded with your name in the run and the audit trail." error={submitted ? problems.reason : null}>
        <textarea
          id={ids.reason}
          className={inputClass}
          rows={3}
          value={draft.reason}
          maxLength={2000}
          required
          disabled={busy}
          aria-invalid={submitted && problems.reason ? true : undefined}
          onChange={(e) => update({ reason: e.target.value })}
        />
      </Field>

      <p className="text-xs text-slate-500">The run&apos;s metrics and gates are recomputed with the override; sign-offs that relied on them go stale.</p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy}>{busy ? "Saving…" : "Override verdict"}</Button>
        <Button variant="secondary" onClick={onCancel} disabled={busy}>Cancel</Button>
      </div>
      <ErrorMessage>{errorText}</ErrorMessage>
    </form>
  );
}
