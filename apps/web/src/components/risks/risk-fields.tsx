"use client";

import { severityFor } from "@assay/core";
import type { RiskCategory, RiskStatus } from "@assay/db";
import { Field, inputClass } from "@/components/ui";
import { SeverityBadge } from "./badges";
import { RISK_CATEGORIES, RISK_CATEGORY_LABELS, RISK_STATUS_LABELS, RISK_STATUSES, SCORES, impactLabel, likelihoodLabel } from "./labels";

export type MemberOption = { userId: string; name: string };

export type RiskFieldValues = {
  statement: string;
  category: RiskCategory;
  /** Controls already in place, free text. */
  controls: string;
  likelihood: number;
  impact: number;
  /** null while not assessed; both or neither. */
  residualLikelihood: number | null;
  residualImpact: number | null;
  ownerId: string;
  /** yyyy-mm-dd, or "" for no due date. */
  dueDate: string;
  status: RiskStatus;
};

/** A score select's value: "" for not assessed. */
const scoreValue = (n: number | null) => (n === null ? "" : String(n));
const parseScore = (v: string) => (v === "" ? null : Number(v));

/** The editable fields of a risk, shared by the create and edit forms. */
export function RiskFields({ values, onChange, members, errors, idPrefix }: {
  values: RiskFieldValues;
  onChange: (patch: Partial<RiskFieldValues>) => void;
  members: MemberOption[];
  errors: Record<string, string>;
  idPrefix: string;
}) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const ownerIsMember = members.some((m) => m.userId === values.ownerId);
  const residualAssessed = values.residualLikelihood !== null && values.residualImpact !== null;
  return (
    <>
      <Field label="Risk statement" htmlFor={id("statement")} hint="What could go wrong, for whom, and why." error={errors.statement}>
        <textarea id={id("statement")} className={inputClass} rows={3} maxLength={4000} required value={values.statement}
          onChange={(e) => onChange({ statement: e.target.value })} />
      </Field>

      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Category" htmlFor={id("category")} error={errors.category}>
          <select id={id("category")} className={inputClass} value={values.category} onChange={(e) => onChange({ category: e.target.value as RiskCategory })}>
            {RISK_CATEGORIES.map((c) => <option key={c} value={c}>{RISK_CATEGORY_LABELS[c]}</option>)}
          </select>
        </Field>
        <div className="sm:col-span-2">
          <Field label="Controls in place (optional)" htmlFor={id("controls")} hint="What already reduces this risk, e.g. human review of high scores." error={errors.controls}>
            <textarea id={id("controls")} className={inputClass} rows={2} maxLength={4000} value={values.controls}
              onChange={(e) => onChange({ controls: e.target.value })} />
          </Field>
        </div>
      </div>

      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-800">Inherent risk</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Likelihood" htmlFor={id("likelihood")} error={errors.likelihood}>
            <select id={id("likelihood")} className={inputClass} value={values.likelihood} onChange={(e) => onChange({ likelihood: Number(e.target.value) })}>
              {SCORES.map((n) => <option key={n} value={n}>{likelihoodLabel(n)}</option>)}
            </select>
          </Field>
          <Field label="Impact" htmlFor={id("impact")} error={errors.impact}>
            <select id={id("impact")} className={inputClass} value={values.impact} onChange={(e) => onChange({ impact: Number(e.target.value) })}>
              {SCORES.map((n) => <option key={n} value={n}>{impactLabel(n)}</option>)}
            </select>
          </Field>
          <div className="space-y-1">
            <p className="block text-sm font-medium text-slate-700">Severity</p>
            <p className="py-1.5" aria-live="polite">
              <SeverityBadge severity={severityFor(values.likelihood, values.impact)} />
              <span className="ml-2 text-xs text-slate-500">from likelihood × impact</span>
            </p>
          </div>
        </div>
      </fieldset>

      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-800">Residual risk (once mitigated)</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Residual likelihood" htmlFor={id("residual-likelihood")} error={errors.residualLikelihood}>
            <select id={id("residual-likelihood")} className={inputClass} value={scoreValue(values.residualLikelihood)}
              onChange={(e) => onChange({ residualLikelihood: parseScore(e.target.value) })}>
              <option value="">Not assessed</option>
              {SCORES.map((n) => <option key={n} value={n}>{likelihoodLabel(n)}</option>)}
            </select>
          </Field>
          <Field label="Residual impact" htmlFor={id("residual-impact")} error={errors.residualImpact}>
            <select id={id("residual-impact")} className={inputClass} value={scoreValue(values.residualImpact)}
              onChange={(e) => onChange({ residualImpact: parseScore(e.target.value) })}>
              <option value="">Not assessed</option>
              {SCORES.map((n) => <option key={n} value={n}>{impactLabel(n)}</option>)}
            </select>
          </Field>
          <div className="space-y-1">
            <p className="block text-sm font-medium text-slate-700">Residual severity</p>
            <p className="py-1.5" aria-live="polite">
              {residualAssessed ? (
                <><SeverityBadge severity={severityFor(values.residualLikelihood!, values.residualImpact!)} /><span className="ml-2 text-xs text-slate-500">same matrix</span></>
              ) : (
                <span className="text-sm text-slate-500">
                  {values.residualLikelihood === null && values.residualImpact === null ? "Not assessed" : "Set both residual scores, or neither"}
                </span>
              )}
            </p>
          </div>
        </div>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Owner" htmlFor={id("owner")} hint="The member accountable for treating this risk." error={errors.ownerId}>
          <select id={id("owner")} className={inputClass} value={values.ownerId} onChange={(e) => onChange({ ownerId: e.target.value })}>
            {!ownerIsMember && <option value={values.ownerId}>Former member (choose a new owner)</option>}
            {members.map((m) => <option key={m.userId} value={m.userId}>{m.name}</option>)}
          </select>
        </Field>
        <Field label="Due date (optional)" htmlFor={id("due")} error={errors.dueDate}>
          <input id={id("due")} type="date" className={inputClass} value={values.dueDate} onChange={(e) => onChange({ dueDate: e.target.value })} />
        </Field>
        <Field label="Status" htmlFor={id("status")} hint="Mitigated needs every mitigation verified; accepted needs an approver or product owner." error={errors.status}>
          <select id={id("status")} className={inputClass} value={values.status} onChange={(e) => onChange({ status: e.target.value as RiskStatus })}>
            {RISK_STATUSES.map((s) => <option key={s} value={s}>{RISK_STATUS_LABELS[s]}</option>)}
          </select>
        </Field>
      </div>
    </>
  );
}
