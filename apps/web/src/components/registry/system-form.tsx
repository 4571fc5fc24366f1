"use client";

import type { LifecycleStage } from "@assay/db";
import type { RiskTier } from "@assay/core";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";
import { splitApiError } from "./form-errors";
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES, RISK_TIER_HINTS, RISK_TIER_LABELS, RISK_TIERS } from "./labels";

export type MemberOption = { userId: string; name: string; email: string };

export type SystemFormValues = {
  name: string;
  purpose: string;
  intendedUse: string;
  prohibitedUses: string;
  ownerIds: string[];
  riskTier: RiskTier;
  lifecycleStage: LifecycleStage;
};

type Props =
  | { mode: "create"; members: MemberOption[]; initial: SystemFormValues }
  | { mode: "edit"; members: MemberOption[]; initial: SystemFormValues; systemId: string; onDone: () => void };

/** Registers a system, or edits one in place (the server records only what changed). */
export function SystemForm(props: Props) {
  const { members, initial } = props;
  const router = useRouter();
  const prefix = useId();
  const memberIds = new Set(members.map((m) => m.userId));
  const [values, setValues] = useState<SystemFormValues>({ ...initial, ownerIds: initial.ownerIds.filter((id) => memberIds.has(id)) });
  const formerOwners = initial.ownerIds.length - values.ownerIds.length;

  const save = useMutation({
    mutationFn: (body: SystemFormValues) =>
      props.mode === "create"
        ? api<{ id: string }>("/api/v1/systems", { method: "POST", body })
        : api<{ id: string }>(`/api/v1/systems/${props.systemId}`, { method: "PATCH", body }),
    onSuccess: (system) => {
      if (props.mode === "create") {
        router.push(`/systems/${system.id}`);
      } else {
        props.onDone();
        router.refresh();
      }
    },
  });
  const errors = save.error ? splitApiError(save.error) : { fields: {} as Record<string, string>, general: null };

  const set = <K extends keyof SystemFormValues>(key: K, value: SystemFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const toggleOwner = (userId: string, checked: boolean) =>
    set("ownerIds", checked ? [...values.ownerIds, userId] : values.ownerIds.filter((id) => id !== userId));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(values);
  };

  const id = (name: string) => `${prefix}-${name}`;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label="Name" htmlFor={id("name")} error={errors.fields.name}>
        <input id={id("name")} className={inputClass} required maxLength={120} value={values.name} onChange={(e) => set("name", e.target.value)} />
      </Field>
      <Field label="Purpose" htmlFor={id("purpose")} hint="What the system does and for whom." error={errors.fields.purpose}>
        <textarea id={id("purpose")} className={inputClass} rows={3} required value={values.purpose} onChange={(e) => set("purpose", e.target.value)} />
      </Field>
      <Field label="Intended use" htmlFor={id("intendedUse")} hint="The decisions and settings it is meant for." error={errors.fields.intendedUse}>
        <textarea id={id("intendedUse")} className={inputClass} rows={3} required value={values.intendedUse} onChange={(e) => set("intendedUse", e.target.value)} />
      </Field>
      <Field label="Prohibited uses" htmlFor={id("prohibitedUses")} hint="Uses the system must not be put to." error={errors.fields.prohibitedUses}>
        <textarea id={id("prohibitedUses")} className={inputClass} rows={3} value={values.prohibitedUses} onChange={(e) => set("prohibitedUses", e.target.value)} />
      </Field>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Risk tier" htmlFor={id("riskTier")} hint={RISK_TIER_HINTS[values.riskTier]} error={errors.fields.riskTier}>
          <select id={id("riskTier")} className={inputClass} value={values.riskTier} onChange={(e) => set("riskTier", e.target.value as RiskTier)}>
            {RISK_TIERS.map((t) => <option key={t} value={t}>{RISK_TIER_LABELS[t]}</option>)}
          </select>
        </Field>
        <Field label="Lifecycle stage" htmlFor={id("lifecycleStage")} error={errors.fields.lifecycleStage}>
          <select id={id("lifecycleStage")} className={inputClass} value={values.lifecycleStage} onChange={(e) => set("lifecycleStage", e.target.value as LifecycleStage)}>
            {LIFECYCLE_STAGES.map((s) => <option key={s} value={s}>{LIFECYCLE_LABELS[s]}</option>)}
          </select>
        </Field>
      </div>

      <fieldset className="space-y-1" aria-describedby={errors.fields.ownerIds ? id("owners-error") : undefined}>
        <legend className="text-sm font-medium text-slate-700">Owners</legend>
        <p className="text-xs text-slate-500">Members accountable for this system.</p>
        <ul className="grid gap-1 sm:grid-cols-2">
          {members.map((m) => (
            <li key={m.userId}>
              <label className="flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" className="h-4 w-4 rounded border-slate-300" checked={values.ownerIds.includes(m.userId)}
                  onChange={(e) => toggleOwner(m.userId, e.target.checked)} />
                <span>{m.name} <span className="text-slate-500">({m.email})</span></span>
              </label>
            </li>
          ))}
        </ul>
        {formerOwners > 0 && (
          <p className="text-xs text-amber-800">
            {formerOwners === 1 ? "One owner is" : `${formerOwners} owners are`} no longer a member and will be removed as owner when you save.
          </p>
        )}
        {errors.fields.ownerIds && <p id={id("owners-error")} className="text-xs text-red-700" role="alert">{errors.fields.ownerIds}</p>}
      </fieldset>

      <ErrorMessage>{errors.general}</ErrorMessage>
      <div className="flex gap-2">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : props.mode === "create" ? "Register system" : "Save changes"}
        </Button>
        {props.mode === "edit" && <Button variant="secondary" onClick={props.onDone} disabled={save.isPending}>Cancel</Button>}
      </div>
    </form>
  );
}
