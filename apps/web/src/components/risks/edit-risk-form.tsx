"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { splitApiError } from "@/components/registry/form-errors";
import { Button, ErrorMessage } from "@/components/ui";
import { api } from "@/lib/client-api";
import { RiskFields, type MemberOption, type RiskFieldValues } from "./risk-fields";

/** Edits a risk in place; the server re-derives severity and audits only what changed. */
export function EditRiskForm({ riskId, initial, members }: { riskId: string; initial: RiskFieldValues; members: MemberOption[] }) {
  const router = useRouter();
  const prefix = useId();
  const [values, setValues] = useState<RiskFieldValues>(initial);
  const [saved, setSaved] = useState(false);
  const dirty = (Object.keys(initial) as Array<keyof RiskFieldValues>).some((k) => initial[k] !== values[k]);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api(`/api/v1/risks/${riskId}`, { method: "PATCH", body }),
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  const errors = save.error ? splitApiError(save.error) : { fields: {} as Record<string, string>, general: null };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate({ ...values, dueDate: values.dueDate || null });
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Edit risk">
      <RiskFields values={values} onChange={(patch) => { setSaved(false); setValues((v) => ({ ...v, ...patch })); }} members={members} errors={errors.fields} idPrefix={prefix} />
      <ErrorMessage>{errors.general}</ErrorMessage>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={save.isPending || !dirty}>{save.isPending ? "Saving…" : "Save changes"}</Button>
        <Button variant="secondary" disabled={save.isPending || !dirty} onClick={() => { setValues(initial); save.reset(); }}>Discard changes</Button>
        {saved && !dirty && <p role="status" className="text-sm text-emerald-700">Saved.</p>}
      </div>
    </form>
  );
}
