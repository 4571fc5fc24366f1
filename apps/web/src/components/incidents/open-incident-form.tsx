"use client";

import type { IncidentLevelDefinitions } from "@assay/core";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { splitApiError } from "@/components/registry/form-errors";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";
import { fromUtcInput, INCIDENT_SOURCE_LABELS, INCIDENT_SOURCES, type IncidentLevel, type IncidentSource } from "./format";
import { LevelSelect, type MemberOption } from "./incident-forms";

export type SystemOption = { id: string; name: string; versions: Array<{ id: string; label: string }> };

type Values = {
  title: string;
  level: IncidentLevel | "";
  source: IncidentSource;
  systemId: string;
  modelVersionId: string;
  ownerId: string;
  detectedAt: string;
  description: string;
};

/** Opens an incident by hand (a user report, a red-team finding, internal testing); it then opens on its page. */
export function OpenIncidentForm({ systems, members, definitions, currentUserId, initialSystemId }: {
  systems: SystemOption[];
  members: MemberOption[];
  definitions: IncidentLevelDefinitions;
  currentUserId: string;
  initialSystemId?: string;
}) {
  const router = useRouter();
  const prefix = useId();
  const id = (n: string) => `${prefix}-${n}`;
  const [values, setValues] = useState<Values>({
    title: "",
    level: "",
    source: "user_report",
    systemId: systems.some((s) => s.id === initialSystemId) ? initialSystemId! : "",
    modelVersionId: "",
    ownerId: members.some((m) => m.userId === currentUserId) ? currentUserId : "",
    detectedAt: "",
    description: "",
  });
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((s) => ({ ...s, [k]: v }));
  const system = systems.find((s) => s.id === values.systemId);

  const open = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<{ id: string }>("/api/v1/incidents", { method: "POST", body }),
    onSuccess: (incident) => router.push(`/incidents/${incident.id}`),
  });
  const apiErrors = open.error ? splitApiError(open.error) : { fields: {} as Record<string, string>, general: null };
  const errors = { ...apiErrors.fields, ...localErrors };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (values.title.trim().length < 3) found.title = "Give the incident a title.";
    if (!values.level) found.level = "Choose a level.";
    if (!values.systemId) found.systemId = "Choose the affected system.";
    const detectedAt = values.detectedAt ? fromUtcInput(values.detectedAt) : null;
    if (values.detectedAt && !detectedAt) found.detectedAt = "Enter a date and time, or leave it empty for now.";
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    open.mutate({
      title: values.title.trim(),
      level: values.level,
      source: values.source,
      systemId: values.systemId,
      ...(values.modelVersionId ? { modelVersionId: values.modelVersionId } : {}),
      ...(values.ownerId ? { ownerId: values.ownerId } : {}),
      ...(detectedAt ? { detectedAt } : {}),
      ...(values.description.trim() ? { description: values.description.trim() } : {}),
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Open an incident">
      <Field label="Title" htmlFor={id("title")} error={errors.title}>
        <input id={id("title")} className={inputClass} value={values.title} onChange={(e) => set("title", e.target.value)} maxLength={200} placeholder="Assistant revealed an internal URL" />
      </Field>
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Level" htmlFor={id("level")} error={errors.level}>
          <LevelSelect id={id("level")} value={values.level} definitions={definitions} placeholder="Choose a level" onChange={(l) => set("level", l)} />
        </Field>
        <Field label="Source" htmlFor={id("source")} error={errors.source}>
          <select id={id("source")} className={inputClass} value={values.source} onChange={(e) => set("source", e.target.value as IncidentSource)}>
            {INCIDENT_SOURCES.map((s) => <option key={s} value={s}>{INCIDENT_SOURCE_LABELS[s]}</option>)}
          </select>
        </Field>
        <Field label="Affected system" htmlFor={id("system")} error={errors.systemId}>
          <select id={id("system")} className={inputClass} value={values.systemId} onChange={(e) => setValues((s) => ({ ...s, systemId: e.target.value, modelVersionId: "" }))}>
            <option value="" disabled>Choose a system</option>
            {systems.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </Field>
        <Field label="Version (optional)" htmlFor={id("version")} error={errors.modelVersionId} hint={system && system.versions.length === 0 ? "This system has no versions yet." : undefined}>
          <select id={id("version")} className={inputClass} value={values.modelVersionId} disabled={!system} onChange={(e) => set("modelVersionId", e.target.value)}>
            <option value="">Not known</option>
            {system?.versions.map((v) => <option key={v.id} value={v.id}>{v.label}</option>)}
          </select>
        </Field>
        <Field label="Owner" htmlFor={id("owner")} error={errors.ownerId}>
          <select id={id("owner")} className={inputClass} value={values.ownerId} onChange={(e) => set("ownerId", e.target.value)}>
            <option value="" disabled>Choose a member</option>
            {members.map((m) => <option key={m.userId} value={m.userId}>{m.name}</option>)}
          </select>
        </Field>
        <Field label="Detected at (UTC)" htmlFor={id("detected")} error={errors.detectedAt} hint="Leave empty for now; not in the future.">
          <input id={id("detected")} type="datetime-local" className={inputClass} value={values.detectedAt} onChange={(e) => set("detectedAt", e.target.value)} />
        </Field>
      </div>
      <Field label="What was seen" htmlFor={id("description")} error={errors.description} hint="Kept on the timeline with the detection.">
        <textarea id={id("description")} rows={4} className={inputClass} value={values.description} onChange={(e) => set("description", e.target.value)} maxLength={4000} />
      </Field>
      <ErrorMessage>{apiErrors.general}</ErrorMessage>
      <p className="text-xs text-slate-500">The owner, the system&apos;s owners and the approvers are notified in Assay and by webhook.</p>
      <Button type="submit" disabled={open.isPending || open.isSuccess}>{open.isPending || open.isSuccess ? "Opening…" : "Open incident"}</Button>
    </form>
  );
}
