"use client";

import { SAFETY_CHECK_BASES, SAFETY_METRIC_DEFINITIONS, SAFETY_METRICS, type SafetyCheckBasis, type SafetyMetric } from "@assay/core";
import type { ReactNode } from "react";
import { Field, inputClass } from "@/components/ui";
import { BASIS_HINTS, BASIS_LABELS, safetyMaxUnit, withSafetyMetric, type SafetyRow, type SuiteOption } from "./plan-rows";

export type CategoryOption = { key: string; label: string };

/** The inputs of one safety check of the plan editor: a ceiling on a safety metric of a suite. */
export function SafetyCheckFields({ row, id, fid, suites, categories, onChange, onIdChange, removeButton }: {
  row: SafetyRow;
  /** The row's resolved id (typed, or generated). */
  id: string;
  fid: (name: string) => string;
  suites: SuiteOption[];
  categories: CategoryOption[];
  onChange: (next: SafetyRow) => void;
  onIdChange: (id: string) => void;
  removeButton: ReactNode;
}) {
  const update = (patch: Partial<Omit<SafetyRow, "kind" | "key">>) => onChange({ ...row, ...patch });
  const suite = suites.find((s) => s.key === row.suite);
  const unknownSuite = row.suite !== "" && !suite;
  const unknownCategory = row.category !== "" && !categories.some((c) => c.key === row.category);
  const builtins = suites.filter((s) => s.builtin);
  const own = suites.filter((s) => !s.builtin);
  const unit = safetyMaxUnit(row.metric);
  const rate = SAFETY_METRIC_DEFINITIONS[row.metric].scale === 1;
  const unitId = fid("max-unit");

  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <Field label="Check id" htmlFor={fid("id")} hint={row.customId === null ? "Generated from metric, suite and category." : undefined}>
        <input id={fid("id")} className={inputClass + " font-mono"} value={id} maxLength={80} onChange={(e) => onIdChange(e.target.value)} />
      </Field>
      <Field label="Metric" htmlFor={fid("metric")} hint={`Over ${SAFETY_METRIC_DEFINITIONS[row.metric].denominator}.`}>
        <select id={fid("metric")} className={inputClass} value={row.metric} onChange={(e) => onChange(withSafetyMetric(row, e.target.value as SafetyMetric))}>
          {SAFETY_METRICS.map((m) => <option key={m} value={m}>{SAFETY_METRIC_DEFINITIONS[m].label}</option>)}
        </select>
      </Field>
      <Field
        label="Suite"
        htmlFor={fid("suite")}
        error={unknownSuite ? "Neither a built-in suite nor one of your organisation's suites." : undefined}
        hint={suite && !suite.installed ? "Built-in, not installed yet: install it before a safety run can use it." : undefined}
      >
        <select id={fid("suite")} className={inputClass} value={row.suite} onChange={(e) => update({ suite: e.target.value })}>
          <option value="">Choose…</option>
          {builtins.length > 0 && (
            <optgroup label="Built-in suites">
              {builtins.map((s) => (
                <option key={s.key} value={s.key}>{s.name} ({s.key}){s.installed ? "" : " · not installed"}</option>
              ))}
            </optgroup>
          )}
          {own.length > 0 && (
            <optgroup label="Your organisation's suites">
              {own.map((s) => <option key={s.key} value={s.key}>{s.name} ({s.key})</option>)}
            </optgroup>
          )}
          {unknownSuite && <option value={row.suite}>{row.suite} (unknown suite)</option>}
        </select>
      </Field>
      <Field label="Category" htmlFor={fid("category")} hint="A taxonomy category, or the whole suite."
        error={unknownCategory ? "Not a category of your organisation's taxonomy." : undefined}>
        <select id={fid("category")} className={inputClass} value={row.category} onChange={(e) => update({ category: e.target.value })}>
          <option value="">Whole suite</option>
          {categories.map((c) => <option key={c.key} value={c.key}>{c.label}</option>)}
          {unknownCategory && <option value={row.category}>{row.category} (not in the taxonomy)</option>}
        </select>
      </Field>
      <Field label="Maximum" htmlFor={fid("max")} hint={rate ? "A percentage: 2 means 2%." : "Violations per 1,000 responses."}>
        <div className="flex items-center gap-2">
          <input id={fid("max")} type="number" step="any" min={0} max={rate ? 100 : 1000} inputMode="decimal" className={inputClass}
            value={row.max} placeholder={rate ? "e.g. 2" : "e.g. 5"} aria-describedby={unitId}
            onChange={(e) => update({ max: e.target.value })} />
          <span id={unitId} className="shrink-0 text-sm text-slate-600">{unit}</span>
        </div>
      </Field>
      <Field label="Judged on" htmlFor={fid("basis")} hint={BASIS_HINTS[row.basis]}>
        <select id={fid("basis")} className={inputClass} value={row.basis} onChange={(e) => update({ basis: e.target.value as SafetyCheckBasis })}>
          {SAFETY_CHECK_BASES.map((b) => <option key={b} value={b}>{BASIS_LABELS[b]}</option>)}
        </select>
      </Field>
      <div className="flex items-end">{removeButton}</div>
    </div>
  );
}
