"use client";

import type { TaxonomyView } from "@assay/services";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import type { Jsonify } from "@/components/runs/serialize";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api, ApiError } from "@/lib/client-api";
import { buildAttemptMessages, EXPLOITABILITY_SCALE, isSeverity, SEVERITIES, SEVERITY_LABELS, type AttemptSeverity, type EarlierTurn } from "./campaign-data";

const legend = "text-sm font-medium text-slate-700";

type Draft = {
  turns: EarlierTurn[];
  prompt: string;
  response: string;
  succeeded: "" | "yes" | "no";
  severity: AttemptSeverity;
  exploitability: number;
  category: string;
  notes: string;
};

const EMPTY: Draft = { turns: [], prompt: "", response: "", succeeded: "", severity: "medium", exploitability: 3, category: "", notes: "" };

/**
 * Logs one red-team attempt: the attack (with earlier turns for a
 * multi-turn conversation), the model's response, whether it bypassed the
 * controls, and the team's ratings. The texts are sent once and shown back
 * only behind reveal buttons.
 */
export function AttemptLogForm({ campaignId }: { campaignId: string }) {
  const router = useRouter();
  const prefix = useId();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [severityTouched, setSeverityTouched] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [logged, setLogged] = useState(0);

  const taxonomy = useQuery({
    queryKey: ["safety", "taxonomy"],
    queryFn: () => api<Jsonify<TaxonomyView>>("/api/v1/safety/taxonomy"),
    staleTime: 5 * 60_000,
  });
  const categories = taxonomy.data?.taxonomy.categories ?? [];

  const built = buildAttemptMessages(draft.turns, draft.prompt);
  const problems = {
    messages: "error" in built ? built.error : null,
    succeeded: draft.succeeded === "" ? "Say whether the attack got through." : null,
    category: draft.category ? null : "Choose the category of harm.",
  };

  const log = useMutation({
    mutationFn: () => {
      if ("error" in built || draft.succeeded === "") throw new Error("The form is incomplete.");
      return api(`/api/v1/redteam/campaigns/${encodeURIComponent(campaignId)}/attempts`, {
        method: "POST",
        body: {
          messages: built.messages,
          response: draft.response,
          succeeded: draft.succeeded === "yes",
          severity: draft.severity,
          exploitability: draft.exploitability,
          category: draft.category,
          notes: draft.notes.trim(),
        },
      });
    },
    onSuccess: () => {
      setDraft({ ...EMPTY, category: draft.category });
      setSeverityTouched(false);
      setSubmitted(false);
      setLogged((n) => n + 1);
      router.refresh();
    },
  });

  const update = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setLogged(0);
    log.reset();
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (problems.messages || problems.succeeded || problems.category) return;
    log.mutate();
  };

  const error = log.error;
  const errorText = error instanceof ApiError && error.status === 403 ? "Your role cannot log red-team attempts." : error?.message;
  const busy = log.isPending;
  const turnProblem = submitted && "error" in built && built.turn !== undefined ? built.turn : null;
  const id = (name: string) => `${prefix}-${name}`;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Log an attempt">
      <fieldset className="space-y-3">
        <legend className={legend}>Conversation</legend>
        {draft.turns.length > 0 && (
          <ol className="space-y-3">
            {draft.turns.map((turn, i) => (
              <li key={i} className={`space-y-2 rounded-md border p-3 ${turnProblem === i ? "border-red-300 bg-red-50/40" : "border-slate-200 bg-slate-50"}`}>
                <div className="flex items-center justify-between gap-2">
                  <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Earlier turn {i + 1}</p>
                  <Button variant="ghost" disabled={busy} onClick={() => update({ turns: draft.turns.filter((_, j) => j !== i) })}>
                    Remove<span className="sr-only"> earlier turn {i + 1}</span>
                  </Button>
                </div>
                <Field label={`Attacker's message ${i + 1}`} htmlFor={id(`turn-${i}-user`)}>
                  <textarea id={id(`turn-${i}-user`)} className={inputClass} rows={2} value={turn.user} disabled={busy}
                    onChange={(e) => update({ turns: draft.turns.map((t, j) => (j === i ? { ...t, user: e.target.value } : t)) })} />
                </Field>
                <Field label={`Model's reply ${i + 1}`} htmlFor={id(`turn-${i}-assistant`)}>
                  <textarea id={id(`turn-${i}-assistant`)} className={inputClass} rows={2} value={turn.assistant} disabled={busy}
                    onChange={(e) => update({ turns: draft.turns.map((t, j) => (j === i ? { ...t, assistant: e.target.value } : t)) })} />
                </Field>
              </li>
            ))}
          </ol>
        )}
        <Button variant="secondary" disabled={busy} onClick={() => update({ turns: [...draft.turns, { user: "", assistant: "" }] })}>
          Add an earlier turn
        </Button>
        <p className="text-xs text-slate-500">For a multi-turn attack, add the exchanges that led up to it, oldest first; the attack prompt is the last message.</p>
        <Field label={draft.turns.length > 0 ? "Final attack prompt" : "Attack prompt"} htmlFor={id("prompt")} error={submitted ? problems.messages : null}>
          <textarea id={id("prompt")} className={inputClass} rows={4} value={draft.prompt} required disabled={busy}
            aria-invalid={submitted && problems.messages ? true : undefined} onChange={(e) => update({ prompt: e.target.value })} />
        </Field>
        <Field label="Model's response" htmlFor={id("response")} hint="Paste what the model answered to the attack prompt.">
          <textarea id={id("response")} className={inputClass} rows={4} value={draft.response} disabled={busy} onChange={(e) => update({ response: e.target.value })} />
        </Field>
      </fieldset>

      <fieldset className="space-y-1" aria-describedby={submitted && problems.succeeded ? id("succeeded-error") : undefined}>
        <legend className={legend}>Did the attack bypass the controls?</legend>
        <div className="flex gap-4 text-sm">
          {(["yes", "no"] as const).map((v) => (
            <label key={v} className="flex items-center gap-1.5">
              <input type="radio" name={id("succeeded")} value={v} checked={draft.succeeded === v} disabled={busy} onChange={() => update({ succeeded: v })} className="h-4 w-4" />
              {v === "yes" ? "Yes, it succeeded" : "No, it was blocked"}
            </label>
          ))}
        </div>
        {submitted && problems.succeeded && <p id={id("succeeded-error")} role="alert" className="text-xs text-red-700">{problems.succeeded}</p>}
      </fieldset>

      <div className="grid gap-4 md:grid-cols-2">
        <Field
          label="Category"
          htmlFor={id("category")}
          hint={taxonomy.isPending ? "Loading the taxonomy…" : "From your organisation's safety taxonomy."}
          error={submitted ? problems.category : null}
        >
          <select id={id("category")} className={inputClass} value={draft.category} required disabled={busy || taxonomy.isPending}
            aria-invalid={submitted && problems.category ? true : undefined}
            onChange={(e) => {
              const key = e.target.value;
              const severity = categories.find((c) => c.key === key)?.severity;
              update({ category: key, ...(!severityTouched && severity && isSeverity(severity) ? { severity } : {}) });
            }}>
            <option value="" disabled>{taxonomy.isPending ? "Loading…" : "Choose a category…"}</option>
            {categories.map((c) => <option key={c.key} value={c.key}>{c.label}</option>)}
          </select>
        </Field>
        <Field label="Severity" htmlFor={id("severity")} hint="How bad the harm would be; follows the category's severity until you change it.">
          <select id={id("severity")} className={inputClass} value={draft.severity} disabled={busy}
            onChange={(e) => { if (isSeverity(e.target.value)) { setSeverityTouched(true); update({ severity: e.target.value }); } }}>
            {SEVERITIES.map((s) => <option key={s} value={s}>{SEVERITY_LABELS[s]}</option>)}
          </select>
        </Field>
      </div>
      {taxonomy.isError && (
        <ErrorMessage>
          Could not load the categories ({taxonomy.error.message}).{" "}
          <button type="button" className="font-medium underline" onClick={() => void taxonomy.refetch()}>Try again</button>
        </ErrorMessage>
      )}

      <fieldset className="space-y-1">
        <legend className={legend}>Exploitability</legend>
        <p className="text-xs text-slate-500">How easily someone else could repeat it, from 1 (very hard) to 5 (trivial). It becomes the likelihood of a risk opened from this attempt.</p>
        <div className="grid gap-1 sm:grid-cols-5">
          {EXPLOITABILITY_SCALE.map((s) => (
            <label key={s.value} className={`flex cursor-pointer gap-2 rounded-md border p-2 text-sm ${draft.exploitability === s.value ? "border-brand-600 bg-brand-50" : "border-slate-200"}`}>
              <input type="radio" name={id("exploitability")} value={s.value} checked={draft.exploitability === s.value} disabled={busy}
                onChange={() => update({ exploitability: s.value })} className="mt-0.5 h-4 w-4" />
              <span>
                <span className="font-medium">{s.value} · {s.label}</span>
                <span className="block text-xs text-slate-600">{s.description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <Field label="Notes (optional)" htmlFor={id("notes")} hint="The technique, what to try next, anything a reviewer should know.">
        <textarea id={id("notes")} className={inputClass} rows={3} value={draft.notes} maxLength={4000} disabled={busy} onChange={(e) => update({ notes: e.target.value })} />
      </Field>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={busy}>{busy ? "Logging…" : "Log attempt"}</Button>
        {logged > 0 && !busy && !log.isError && <p role="status" className="text-sm text-emerald-800">Attempt logged. It is listed under Findings.</p>}
      </div>
      <ErrorMessage>{errorText}</ErrorMessage>
    </form>
  );
}
