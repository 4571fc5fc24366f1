"use client";

import type { ModelType } from "@assay/db";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";
import { splitApiError } from "./form-errors";
import { MODEL_TYPE_LABELS, MODEL_TYPES } from "./labels";

type VersionValues = { label: string; modelType: ModelType; provider: string; artifactUri: string; commitSha: string };

const EMPTY: VersionValues = { label: "", modelType: "classifier", provider: "", artifactUri: "", commitSha: "" };

/** Adds a model version, then opens its workspace, where data and the plan come next. */
export function VersionForm({ systemId }: { systemId: string }) {
  const router = useRouter();
  const prefix = useId();
  const [values, setValues] = useState<VersionValues>(EMPTY);
  const create = useMutation({
    mutationFn: (body: VersionValues) => api<{ id: string }>(`/api/v1/systems/${systemId}/versions`, { method: "POST", body }),
    onSuccess: (version) => router.push(`/versions/${version.id}`),
  });
  const errors = create.error ? splitApiError(create.error) : { fields: {} as Record<string, string>, general: null };
  const set = <K extends keyof VersionValues>(key: K, value: VersionValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const id = (name: string) => `${prefix}-${name}`;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(values);
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Version label" htmlFor={id("label")} hint="Unique within this system, e.g. 2024.2 or v3." error={errors.fields.label}>
          <input id={id("label")} className={inputClass} required maxLength={80} value={values.label} onChange={(e) => set("label", e.target.value)} />
        </Field>
        <Field label="Model type" htmlFor={id("modelType")} error={errors.fields.modelType}>
          <select id={id("modelType")} className={inputClass} value={values.modelType} onChange={(e) => set("modelType", e.target.value as ModelType)}>
            {MODEL_TYPES.map((t) => <option key={t} value={t}>{MODEL_TYPE_LABELS[t]}</option>)}
          </select>
        </Field>
        <Field label="Provider" htmlFor={id("provider")} hint="In-house team or vendor." error={errors.fields.provider}>
          <input id={id("provider")} className={inputClass} required maxLength={200} value={values.provider} onChange={(e) => set("provider", e.target.value)} />
        </Field>
        <Field label="Commit (optional)" htmlFor={id("commitSha")} hint="Git commit of the training code, 7–64 hex characters." error={errors.fields.commitSha}>
          <input id={id("commitSha")} className={inputClass + " font-mono"} maxLength={64} value={values.commitSha} onChange={(e) => set("commitSha", e.target.value)} />
        </Field>
      </div>
      <Field label="Artifact URI (optional)" htmlFor={id("artifactUri")} hint="Where the model artifact lives, e.g. s3://models/scorer/2024.2." error={errors.fields.artifactUri}>
        <input id={id("artifactUri")} className={inputClass} maxLength={2000} value={values.artifactUri} onChange={(e) => set("artifactUri", e.target.value)} />
      </Field>
      <ErrorMessage>{errors.general}</ErrorMessage>
      <Button type="submit" disabled={create.isPending}>{create.isPending ? "Adding…" : "Add model version"}</Button>
    </form>
  );
}
