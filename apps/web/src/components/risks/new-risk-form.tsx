"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { splitApiError } from "@/components/registry/form-errors";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";
import { RiskFields, type MemberOption, type RiskFieldValues } from "./risk-fields";

export type SystemOption = { id: string; name: string; versions: Array<{ id: string; label: string }> };

/** Raises a risk by hand: on a system as a whole or on one of its versions. */
export function NewRiskForm({ systems, members, currentUserId, initialSystemId, initialVersionId }: {
  systems: SystemOption[];
  members: MemberOption[];
  currentUserId: string;
  initialSystemId: string;
  initialVersionId: string;
}) {
  const router = useRouter();
  const prefix = useId();
  const [systemId, setSystemId] = useState(initialSystemId);
  const [versionId, setVersionId] = useState(initialVersionId);
  const [values, setValues] = useState<RiskFieldValues>({
    statement: "",
    category: "other",
    controls: "",
    likelihood: 3,
    impact: 3,
    residualLikelihood: null,
    residualImpact: null,
    ownerId: currentUserId,
    dueDate: "",
    status: "open",
  });
  const versions = systems.find((s) => s.id === systemId)?.versions ?? [];

  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<{ id: string }>("/api/v1/risks", { method: "POST", body }),
    onSuccess: (risk) => router.push(`/risks/${risk.id}`),
  });
  const errors = create.error ? splitApiError(create.error) : { fields: {} as Record<string, string>, general: null };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      systemId,
      modelVersionId: versionId || null,
      ...values,
      dueDate: values.dueDate || null,
    });
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="System" htmlFor={`${prefix}-system`} error={errors.fields.systemId}>
          <select id={`${prefix}-system`} className={inputClass} value={systemId} required
            onChange={(e) => { setSystemId(e.target.value); setVersionId(""); }}>
            <option value="">Choose a system…</option>
            {systems.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </Field>
        <Field label="Model version (optional)" htmlFor={`${prefix}-version`} hint="Leave empty when the risk concerns every version." error={errors.fields.modelVersionId}>
          <select id={`${prefix}-version`} className={inputClass} value={versionId} disabled={!systemId} onChange={(e) => setVersionId(e.target.value)}>
            <option value="">All versions of the system</option>
            {versions.map((v) => <option key={v.id} value={v.id}>{v.label}</option>)}
          </select>
        </Field>
      </div>
      <RiskFields values={values} onChange={(patch) => setValues((v) => ({ ...v, ...patch }))} members={members} errors={errors.fields} idPrefix={prefix} />
      <ErrorMessage>{errors.general}</ErrorMessage>
      <Button type="submit" disabled={create.isPending}>{create.isPending ? "Saving…" : "Raise risk"}</Button>
    </form>
  );
}
