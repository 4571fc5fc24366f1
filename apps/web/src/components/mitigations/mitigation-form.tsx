"use client";

import type { MitigationStatus, MitigationType, PlanCheck } from "@assay/core";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { CheckRowList } from "@/components/plans/check-row-list";
import { buildChecks, newRow, newSafetyRow, resolveIds, rowFromCheck, rowsSignature, type Row, type SuiteOption } from "@/components/plans/plan-rows";
import type { CategoryOption } from "@/components/plans/safety-check-fields";
import { splitApiError } from "@/components/registry/form-errors";
import { RISK_TIERS } from "@/components/registry/labels";
import type { MemberOption } from "@/components/risks/risk-fields";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";
import { MITIGATION_STATUS_LABELS, MITIGATION_TYPE_LABELS, MITIGATION_TYPES } from "./labels";

export type MitigationFormValues = {
  type: MitigationType;
  description: string;
  ownerId: string;
  /** yyyy-mm-dd, or "" for none. */
  dueDate: string;
  status: MitigationStatus;
  checks: PlanCheck[];
};

const MANUAL_STATUSES = ["planned", "in_progress"] as const;

/**
 * Adds a mitigation to a risk, or edits one: type, description, owner, due
 * date, and the acceptance checks a run on a later version must pass, entered
 * with the plan editor's own check fields.
 */
export function MitigationForm({ riskId, mitigationId, initial, members, sensitiveAttributes, suites, categories, defaultKind, onSaved }: {
  riskId: string;
  /** Set when editing. */
  mitigationId?: string;
  initial: MitigationFormValues;
  members: MemberOption[];
  sensitiveAttributes: string[];
  suites: SuiteOption[];
  categories: CategoryOption[];
  /** The kind of check a new, empty form starts with. */
  defaultKind: PlanCheck["kind"];
  onSaved?: () => void;
}) {
  const router = useRouter();
  const prefix = useId();
  const editing = mitigationId !== undefined;
  const nextKey = useRef(0);
  const takeKey = () => (nextKey.current += 1);
  const freshRow = (kind: PlanCheck["kind"]): Row => (kind === "safety" ? newSafetyRow(takeKey(), suites[0]?.key ?? "") : newRow(takeKey(), sensitiveAttributes[0] ?? ""));
  const [initialRows] = useState<Row[]>(() => (initial.checks.length > 0 ? initial.checks.map((c) => rowFromCheck(c, takeKey())) : [freshRow(defaultKind)]));
  const [tiersOpen] = useState(() => new Set(initialRows.filter((r) => r.kind === "fairness" && RISK_TIERS.some((t) => r.tierBands[t].enabled)).map((r) => r.key)));
  const [rows, setRows] = useState<Row[]>(initialRows);
  const [values, setValues] = useState(() => ({ type: initial.type, description: initial.description, ownerId: initial.ownerId, dueDate: initial.dueDate, status: initial.status }));
  const [submitted, setSubmitted] = useState(false);
  const [saved, setSaved] = useState(false);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      editing ? api(`/api/v1/mitigations/${mitigationId}`, { method: "PATCH", body }) : api(`/api/v1/risks/${riskId}/mitigations`, { method: "POST", body }),
    onSuccess: () => {
      setSaved(true);
      setSubmitted(false);
      router.refresh();
      onSaved?.();
    },
  });
  const errors = save.error ? splitApiError(save.error) : { fields: {} as Record<string, string>, general: null };

  const ids = resolveIds(rows);
  const built = buildChecks(rows);
  const checksChanged = rowsSignature(rows) !== rowsSignature(initialRows);
  const statusIsManual = (MANUAL_STATUSES as readonly string[]).includes(initial.status);
  const update = (patch: Partial<typeof values>) => {
    setSaved(false);
    setValues((v) => ({ ...v, ...patch }));
  };
  const replace = (next: Row) => {
    setSaved(false);
    setRows((rs) => rs.map((r) => (r.key === next.key ? next : r)));
  };
  const setId = (key: number, customId: string) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, customId } : r)));
  const id = (name: string) => `${prefix}-${name}`;
  const ownerIsMember = members.some((m) => m.userId === values.ownerId);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setSaved(false);
    if (built.rowErrors.size > 0 || rows.length === 0) return;
    save.mutate({
      type: values.type,
      description: values.description,
      ownerId: values.ownerId,
      dueDate: values.dueDate || null,
      acceptanceChecks: built.checks,
      ...(editing && statusIsManual && values.status !== initial.status ? { status: values.status } : {}),
    });
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label={editing ? "Edit mitigation" : "Add a mitigation"}>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Type" htmlFor={id("type")} error={errors.fields.type}>
          <select id={id("type")} className={inputClass} value={values.type} onChange={(e) => update({ type: e.target.value as MitigationType })}>
            {MITIGATION_TYPES.map((t) => <option key={t} value={t}>{MITIGATION_TYPE_LABELS[t]}</option>)}
          </select>
        </Field>
        <Field label="Owner" htmlFor={id("owner")} error={errors.fields.ownerId}>
          <select id={id("owner")} className={inputClass} value={values.ownerId} onChange={(e) => update({ ownerId: e.target.value })}>
            {!ownerIsMember && <option value={values.ownerId}>Former member (choose a new owner)</option>}
            {members.map((m) => <option key={m.userId} value={m.userId}>{m.name}</option>)}
          </select>
        </Field>
        <Field label="Due date (optional)" htmlFor={id("due")} error={errors.fields.dueDate}>
          <input id={id("due")} type="date" className={inputClass} value={values.dueDate} onChange={(e) => update({ dueDate: e.target.value })} />
        </Field>
      </div>
      <Field label="Description" htmlFor={id("description")} hint="What will change, e.g. reweigh the training data by race." error={errors.fields.description}>
        <textarea id={id("description")} className={inputClass} rows={2} maxLength={4000} value={values.description} onChange={(e) => update({ description: e.target.value })} />
      </Field>
      {editing && (
        statusIsManual ? (
          <Field label="Status" htmlFor={id("status")} hint="Verified or failed comes only from verifying on a later version." error={errors.fields.status}>
            <select id={id("status")} className={inputClass + " sm:w-64"} value={values.status} onChange={(e) => update({ status: e.target.value as MitigationStatus })}>
              {MANUAL_STATUSES.map((s) => <option key={s} value={s}>{MITIGATION_STATUS_LABELS[s]}</option>)}
            </select>
          </Field>
        ) : (
          <p className="text-sm text-slate-600">Status: {MITIGATION_STATUS_LABELS[initial.status]}, set by its verification.</p>
        )
      )}

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">Acceptance checks</legend>
        <p className="text-xs text-slate-600">
          What a run on a later model version must show, e.g. “FPR ratio across race within [0.8, 1.25]” or “jailbreak success ≤ 2% on jailbreakbench”.
          Fairness checks are judged on a fairness run&apos;s stored rates; safety checks on a safety run of their suite.
        </p>
        {editing && checksChanged && initial.status !== "planned" && initial.status !== "in_progress" && (
          <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Changing the acceptance checks clears this mitigation&apos;s verification; it will need verifying again.
          </p>
        )}
        <CheckRowList rows={rows} ids={ids} prefix={prefix} noun="acceptance check" lastRowHint="A mitigation needs at least one acceptance check."
          rowErrors={submitted ? built.rowErrors : undefined} tiersOpen={tiersOpen} sensitiveAttributes={sensitiveAttributes}
          suites={suites} categories={categories} onReplace={replace} onIdChange={setId}
          onRemove={(key) => setRows((rs) => rs.filter((r) => r.key !== key))} />
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setRows((rs) => [...rs, freshRow("fairness")])}>Add fairness check</Button>
          <Button variant="secondary" onClick={() => setRows((rs) => [...rs, freshRow("safety")])}>Add safety check</Button>
        </div>
        {errors.fields.acceptanceChecks && <p role="alert" className="text-xs text-red-700">{errors.fields.acceptanceChecks}</p>}
      </fieldset>

      <ErrorMessage>{errors.general}</ErrorMessage>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={save.isPending}>{save.isPending ? "Saving…" : editing ? "Save mitigation" : "Add mitigation"}</Button>
        {saved && <p role="status" className="text-sm text-emerald-700">Saved.</p>}
      </div>
    </form>
  );
}
