"use client";

import type { IncidentLevelDefinitions } from "@assay/core";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { INCIDENT_STATUS_LABELS, type IncidentStatus } from "@/components/monitoring/format";
import { nextStatuses } from "@/components/monitoring/incident-forms-rules";
import { splitApiError } from "@/components/registry/form-errors";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";
import {
  EVENT_KIND_HINTS,
  eventKindLabel,
  fromUtcInput,
  INCIDENT_LEVEL_LABELS,
  INCIDENT_LEVELS,
  LOGGABLE_EVENT_KINDS,
  ROOT_CAUSE_LABELS,
  ROOT_CAUSES,
  type IncidentLevel,
  type LoggableEventKind,
  type RootCause,
} from "./format";

export type MemberOption = { userId: string; name: string };

const noErrors = { fields: {} as Record<string, string>, general: null as string | null };

/** A mutation against the incident's API that refreshes the server-rendered page when it succeeds. */
function useIncidentMutation(path: string, method: "POST" | "PATCH", onDone?: () => void) {
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) => api(path, { method, body }),
    onSuccess: () => {
      onDone?.();
      router.refresh();
    },
  });
  return { mutation, errors: mutation.error ? splitApiError(mutation.error) : noErrors };
}

/** The level select with the organisation's definition of the chosen level beside it. */
export function LevelSelect({ id, value, onChange, definitions, placeholder = "Unclassified" }: {
  id: string;
  value: IncidentLevel | "";
  onChange: (level: IncidentLevel) => void;
  definitions: IncidentLevelDefinitions;
  /** Shown while no level is chosen (incidents from before levels read "Unclassified"). */
  placeholder?: string;
}) {
  return (
    <div className="space-y-1">
      <select id={id} className={inputClass} value={value} aria-describedby={value ? `${id}-definition` : undefined} onChange={(e) => onChange(e.target.value as IncidentLevel)}>
        {value === "" && <option value="" disabled>{placeholder}</option>}
        {INCIDENT_LEVELS.map((l) => <option key={l} value={l}>{INCIDENT_LEVEL_LABELS[l]}</option>)}
      </select>
      {value && <p id={`${id}-definition`} className="text-xs text-slate-600"><span className="font-medium">{INCIDENT_LEVEL_LABELS[value]}:</span> {definitions[value]}</p>}
    </div>
  );
}

/** Status, level and owner of an incident; each change lands on the timeline with the optional note. */
export function IncidentUpdateForm({ incidentId, status, level, ownerId, members, definitions }: {
  incidentId: string;
  status: IncidentStatus;
  level: IncidentLevel | null;
  ownerId: string;
  members: MemberOption[];
  definitions: IncidentLevelDefinitions;
}) {
  const prefix = useId();
  const [values, setValues] = useState({ status, level: (level ?? "") as IncidentLevel | "", ownerId, note: "" });
  const { mutation: save, errors } = useIncidentMutation(`/api/v1/incidents/${incidentId}`, "PATCH", () => setValues((v) => ({ ...v, note: "" })));
  const dirty = values.status !== status || values.level !== (level ?? "") || values.ownerId !== ownerId;
  const allowed = nextStatuses(status);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!dirty) return;
    save.mutate({
      ...(values.status !== status ? { status: values.status } : {}),
      ...(values.level && values.level !== level ? { level: values.level } : {}),
      ...(values.ownerId !== ownerId ? { ownerId: values.ownerId } : {}),
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Update the incident">
      <Field label="Status" htmlFor={`${prefix}-status`} error={errors.fields.status} hint={status === "resolved" ? "A resolved incident is final." : "Logging events on the timeline moves the status too."}>
        <select id={`${prefix}-status`} className={inputClass} value={values.status} disabled={allowed.length === 0}
          onChange={(e) => setValues((v) => ({ ...v, status: e.target.value as IncidentStatus }))}>
          {[status, ...allowed].map((s) => <option key={s} value={s}>{INCIDENT_STATUS_LABELS[s]}</option>)}
        </select>
      </Field>
      <Field label="Level" htmlFor={`${prefix}-level`} error={errors.fields.level ?? errors.fields.severity}>
        <LevelSelect id={`${prefix}-level`} value={values.level} definitions={definitions} onChange={(l) => setValues((v) => ({ ...v, level: l }))} />
      </Field>
      <Field label="Owner" htmlFor={`${prefix}-owner`} error={errors.fields.ownerId}>
        <select id={`${prefix}-owner`} className={inputClass} value={values.ownerId}
          onChange={(e) => setValues((v) => ({ ...v, ownerId: e.target.value }))}>
          {!members.some((m) => m.userId === ownerId) && <option value={ownerId} disabled>Former member</option>}
          {members.map((m) => <option key={m.userId} value={m.userId}>{m.name}</option>)}
        </select>
      </Field>
      <Field label="Reason (optional)" htmlFor={`${prefix}-note`} error={errors.fields.note} hint="Kept on the timeline next to the change. A level change notifies the owner, the system's owners and approvers.">
        <input id={`${prefix}-note`} className={inputClass} value={values.note} onChange={(e) => setValues((v) => ({ ...v, note: e.target.value }))} />
      </Field>
      <ErrorMessage>{errors.general}</ErrorMessage>
      <Button type="submit" disabled={!dirty || save.isPending}>{save.isPending ? "Saving…" : "Save changes"}</Button>
    </form>
  );
}

/** Appends a note to the incident's timeline. */
export function IncidentNoteForm({ incidentId }: { incidentId: string }) {
  const prefix = useId();
  const [note, setNote] = useState("");
  const { mutation: add, errors } = useIncidentMutation(`/api/v1/incidents/${incidentId}/timeline`, "POST", () => setNote(""));

  return (
    <form noValidate className="space-y-2" aria-label="Add a note to the timeline"
      onSubmit={(e) => {
        e.preventDefault();
        if (note.trim()) add.mutate({ note: note.trim() });
      }}>
      <Field label="Note" htmlFor={`${prefix}-note`} error={errors.fields.note} hint="What you found, tried or decided. Notes cannot be edited later.">
        <textarea id={`${prefix}-note`} rows={3} className={inputClass} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <ErrorMessage>{errors.general}</ErrorMessage>
      <Button type="submit" disabled={!note.trim() || add.isPending}>{add.isPending ? "Adding…" : "Add note"}</Button>
    </form>
  );
}

/** Logs what happened and when (UTC; empty means now). The status follows the latest lifecycle event. */
export function LogEventForm({ incidentId, resolved }: { incidentId: string; resolved: boolean }) {
  const prefix = useId();
  const kinds: readonly LoggableEventKind[] = resolved ? ["note"] : LOGGABLE_EVENT_KINDS;
  const [values, setValues] = useState({ kind: (resolved ? "note" : "reproduced") as LoggableEventKind, when: "", note: "" });
  const [whenError, setWhenError] = useState<string | null>(null);
  const { mutation: log, errors } = useIncidentMutation(`/api/v1/incidents/${incidentId}/events`, "POST", () => setValues((v) => ({ ...v, when: "", note: "" })));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const occurredAt = values.when ? fromUtcInput(values.when) : null;
    if (values.when && !occurredAt) return setWhenError("Enter a date and time, or leave it empty for now.");
    setWhenError(null);
    log.mutate({ kind: values.kind, ...(occurredAt ? { occurredAt } : {}), ...(values.note.trim() ? { note: values.note.trim() } : {}) });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3" aria-label="Log an event">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="What happened" htmlFor={`${prefix}-kind`} error={errors.fields.kind} hint={EVENT_KIND_HINTS[values.kind]}>
          <select id={`${prefix}-kind`} className={inputClass} value={values.kind} onChange={(e) => setValues((v) => ({ ...v, kind: e.target.value as LoggableEventKind }))}>
            {kinds.map((k) => <option key={k} value={k}>{eventKindLabel(k)}</option>)}
          </select>
        </Field>
        <Field label="When (UTC)" htmlFor={`${prefix}-when`} error={whenError ?? errors.fields.occurredAt} hint="Leave empty for now; not in the future.">
          <input id={`${prefix}-when`} type="datetime-local" className={inputClass} value={values.when} onChange={(e) => setValues((v) => ({ ...v, when: e.target.value }))} />
        </Field>
      </div>
      <Field label="Details" htmlFor={`${prefix}-note`} error={errors.fields.note} hint={values.kind === "note" ? "Required for a note." : "Optional: how it was reproduced, what was done."}>
        <textarea id={`${prefix}-note`} rows={2} className={inputClass} value={values.note} onChange={(e) => setValues((v) => ({ ...v, note: e.target.value }))} />
      </Field>
      <ErrorMessage>{errors.general}</ErrorMessage>
      <Button type="submit" disabled={log.isPending || (values.kind === "note" && !values.note.trim())}>{log.isPending ? "Logging…" : "Log event"}</Button>
    </form>
  );
}

/** Appends a containment action taken (e.g. "Disabled the browsing tool"). */
export function ContainmentForm({ incidentId }: { incidentId: string }) {
  const prefix = useId();
  const [text, setText] = useState("");
  const { mutation: add, errors } = useIncidentMutation(`/api/v1/incidents/${incidentId}`, "PATCH", () => setText(""));
  return (
    <form noValidate className="space-y-2" aria-label="Add a containment action"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) add.mutate({ containmentAction: text.trim() });
      }}>
      <Field label="Containment action" htmlFor={`${prefix}-text`} error={errors.fields.containmentAction} hint="What was done to stop the harm spreading; appended, with you and the time on the timeline.">
        <input id={`${prefix}-text`} className={inputClass} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} />
      </Field>
      <ErrorMessage>{errors.general}</ErrorMessage>
      <Button type="submit" variant="secondary" disabled={!text.trim() || add.isPending}>{add.isPending ? "Adding…" : "Add containment action"}</Button>
    </form>
  );
}

/** The root cause, from the taxonomy, with free text. */
export function RootCauseForm({ incidentId, rootCause, rootCauseDetail }: { incidentId: string; rootCause: RootCause | null; rootCauseDetail: string }) {
  const prefix = useId();
  const [values, setValues] = useState({ rootCause: (rootCause ?? "") as RootCause | "", detail: rootCauseDetail });
  const { mutation: save, errors } = useIncidentMutation(`/api/v1/incidents/${incidentId}`, "PATCH");
  const dirty = values.rootCause !== (rootCause ?? "") || values.detail.trim() !== rootCauseDetail;
  return (
    <form noValidate className="space-y-3" aria-label="Set the root cause"
      onSubmit={(e) => {
        e.preventDefault();
        if (!dirty || !values.rootCause) return;
        save.mutate({ rootCause: values.rootCause, rootCauseDetail: values.detail.trim() });
      }}>
      <Field label="Root cause" htmlFor={`${prefix}-cause`} error={errors.fields.rootCause}>
        <select id={`${prefix}-cause`} className={inputClass} value={values.rootCause} onChange={(e) => setValues((v) => ({ ...v, rootCause: e.target.value as RootCause }))}>
          <option value="" disabled>Choose a root cause</option>
          {ROOT_CAUSES.map((c) => <option key={c} value={c}>{ROOT_CAUSE_LABELS[c]}</option>)}
        </select>
      </Field>
      <Field label="What went wrong" htmlFor={`${prefix}-detail`} error={errors.fields.rootCauseDetail} hint="Recurrence is flagged when the same system has another incident with the same root cause within 90 days.">
        <textarea id={`${prefix}-detail`} rows={3} className={inputClass} value={values.detail} onChange={(e) => setValues((v) => ({ ...v, detail: e.target.value }))} maxLength={4000} />
      </Field>
      <ErrorMessage>{errors.general}</ErrorMessage>
      <Button type="submit" variant="secondary" disabled={!dirty || !values.rootCause || save.isPending}>{save.isPending ? "Saving…" : "Save root cause"}</Button>
    </form>
  );
}
