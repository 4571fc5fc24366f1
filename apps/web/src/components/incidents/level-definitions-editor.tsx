"use client";

import type { IncidentLevelDefinitions } from "@assay/core";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { splitApiError } from "@/components/registry/form-errors";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";
import { IncidentLevelBadge } from "./badges";
import { INCIDENT_LEVEL_LABELS, INCIDENT_LEVELS } from "./format";

/** Admins word what each level means; saving is audited. Everyone else reads the wording. */
export function LevelDefinitionsEditor({ initial, defaults, editable }: { initial: IncidentLevelDefinitions; defaults: IncidentLevelDefinitions; editable: boolean }) {
  const router = useRouter();
  const prefix = useId();
  const [draft, setDraft] = useState<IncidentLevelDefinitions>(initial);
  const save = useMutation({
    mutationFn: (definitions: IncidentLevelDefinitions) => api("/api/v1/settings/incident-levels", { method: "PUT", body: { definitions } }),
    onSuccess: () => router.refresh(),
  });
  const errors = save.error ? splitApiError(save.error) : { fields: {} as Record<string, string>, general: null };
  // Validation paths are "definitions.sev1"; splitApiError keys them by "definitions".
  const fieldError = (level: string) => {
    const issues = (save.error as { details?: unknown } | null)?.details;
    if (!Array.isArray(issues)) return undefined;
    return (issues as Array<{ path?: string; message?: string }>).find((i) => i.path === `definitions.${level}`)?.message;
  };
  const dirty = INCIDENT_LEVELS.some((l) => draft[l].trim() !== initial[l]);

  if (!editable) {
    return (
      <dl className="space-y-4">
        {INCIDENT_LEVELS.map((l) => (
          <div key={l} className="flex flex-wrap items-start gap-3">
            <dt className="w-24 shrink-0"><IncidentLevelBadge level={l} /></dt>
            <dd className="flex-1 text-sm text-slate-900">{initial[l]}</dd>
          </div>
        ))}
      </dl>
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(Object.fromEntries(INCIDENT_LEVELS.map((l) => [l, draft[l].trim()])) as IncidentLevelDefinitions);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Incident level definitions">
      {INCIDENT_LEVELS.map((l) => (
        <Field key={l} label={INCIDENT_LEVEL_LABELS[l]} htmlFor={`${prefix}-${l}`} error={fieldError(l)}
          hint={draft[l].trim() !== defaults[l] ? `Default: ${defaults[l]}` : undefined}>
          <textarea id={`${prefix}-${l}`} rows={2} className={inputClass} value={draft[l]} maxLength={500} onChange={(e) => setDraft((d) => ({ ...d, [l]: e.target.value }))} />
        </Field>
      ))}
      <ErrorMessage>{errors.general ?? (errors.fields.definitions && !INCIDENT_LEVELS.some((l) => fieldError(l)) ? errors.fields.definitions : null)}</ErrorMessage>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={!dirty || save.isPending}>{save.isPending ? "Saving…" : "Save definitions"}</Button>
        <Button variant="secondary" onClick={() => setDraft(defaults)} disabled={INCIDENT_LEVELS.every((l) => draft[l] === defaults[l])}>Use the defaults</Button>
      </div>
      {save.isSuccess && !dirty && <p role="status" className="text-sm text-emerald-700">Saved; recorded in the audit trail.</p>}
    </form>
  );
}
