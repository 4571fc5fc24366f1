"use client";

import type { PolicyRule, Severity } from "@assay/core";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { SeverityBadge } from "@/components/risks/badges";
import { SEVERITY_LABELS } from "@/components/risks/labels";
import { Button, ErrorMessage, Field, inputClass, Table, Td, Th } from "@/components/ui";
import { ApiError, api } from "@/lib/client-api";
import {
  describeRule,
  draftToRule,
  emptyDraft,
  MAX_RULES,
  POLICY_MODE_LABELS,
  POLICY_MODES,
  POLICY_RULE_TYPE_LABELS,
  POLICY_RULE_TYPES,
  policyErrorLines,
  ruleToDraft,
  sameRules,
  type PolicyMode,
  type PolicyRuleType,
  type RuleDraft,
  type RuleDraftErrors,
} from "./policy-rules";

const SEVERITIES: Severity[] = ["low", "medium", "high", "critical"];

/** The rules as a table; with `onEdit`/`onRemove`, each row gets its buttons. */
export function PolicyRulesTable({ rules, onEdit, onRemove, editing }: { rules: PolicyRule[]; onEdit?: (index: number) => void; onRemove?: (index: number) => void; editing?: number | null }) {
  const actions = Boolean(onEdit || onRemove);
  return (
    <Table caption="Policy rules, checked against every response">
      <thead>
        <tr>
          <Th>Rule</Th>
          <Th>Type</Th>
          <Th>Severity</Th>
          <Th>Checks</Th>
          {actions && <Th><span className="sr-only">Actions</span></Th>}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rules.map((rule, i) => (
          <tr key={`${rule.id}-${i}`} className={editing === i ? "bg-brand-50/60" : undefined}>
            <th scope="row" className="px-3 py-2 text-left align-top font-normal">
              <code className="text-xs font-medium text-slate-900">{rule.id}</code>
              <span className="block text-xs text-slate-600">{rule.description}</span>
            </th>
            <Td className="whitespace-nowrap">{POLICY_RULE_TYPE_LABELS[rule.type]}</Td>
            <Td><SeverityBadge severity={rule.severity} /></Td>
            <Td className="max-w-md break-words text-xs">{describeRule(rule)}</Td>
            {actions && (
              <Td className="whitespace-nowrap">
                <div className="flex gap-1">
                  {onEdit && <Button variant="secondary" onClick={() => onEdit(i)} aria-label={`Edit rule ${rule.id}`}>Edit</Button>}
                  {onRemove && <Button variant="ghost" onClick={() => onRemove(i)} aria-label={`Remove rule ${rule.id}`}>Remove</Button>}
                </div>
              </Td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function RuleForm({ initial, isNew, otherIds, onApply, onCancel }: { initial: RuleDraft; isNew: boolean; otherIds: string[]; onApply: (rule: PolicyRule) => void; onCancel: () => void }) {
  const prefix = useId();
  const id = (name: string) => `${prefix}-${name}`;
  const [draft, setDraft] = useState<RuleDraft>(initial);
  const [errors, setErrors] = useState<RuleDraftErrors>({});
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const result = draftToRule(draft, otherIds);
    if ("errors" in result) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    onApply(result.rule);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={isNew ? "New policy rule" : `Edit rule ${initial.id}`} className="space-y-3 rounded-md border border-brand-100 bg-brand-50/40 p-4">
      <h3 className="text-sm font-semibold text-slate-800">{isNew ? "New rule" : `Edit rule “${initial.id}”`}</h3>
      <div className="grid gap-3 md:grid-cols-3">
        <Field label="Type" htmlFor={id("type")}>
          <select id={id("type")} className={inputClass} value={draft.type} onChange={(e) => set("type", e.target.value as PolicyRuleType)}>
            {POLICY_RULE_TYPES.map((t) => <option key={t} value={t}>{POLICY_RULE_TYPE_LABELS[t]}</option>)}
          </select>
        </Field>
        <Field label="Rule id" htmlFor={id("id")} error={errors.id} hint="Named in verdicts; unique within the suite.">
          <input id={id("id")} className={`${inputClass} font-mono`} value={draft.id} onChange={(e) => set("id", e.target.value)} maxLength={100} />
        </Field>
        <Field label="Severity" htmlFor={id("severity")}>
          <select id={id("severity")} className={inputClass} value={draft.severity} onChange={(e) => set("severity", e.target.value as Severity)}>
            {SEVERITIES.map((s) => <option key={s} value={s}>{SEVERITY_LABELS[s]}</option>)}
          </select>
        </Field>
      </div>
      <Field label="Description" htmlFor={id("description")} error={errors.description} hint="What the rule protects against, in a sentence.">
        <input id={id("description")} className={inputClass} value={draft.description} onChange={(e) => set("description", e.target.value)} maxLength={500} />
      </Field>
      {draft.type !== "json_schema" && (
        <Field
          label="Mode"
          htmlFor={id("mode")}
          hint={draft.type === "keyword" ? "Must contain requires every keyword; must not contain flags any of them." : "Must contain requires a match; must not contain flags any match."}
        >
          <select id={id("mode")} className={inputClass} value={draft.mode} onChange={(e) => set("mode", e.target.value as PolicyMode)}>
            {POLICY_MODES.map((m) => <option key={m} value={m}>{POLICY_MODE_LABELS[m]}</option>)}
          </select>
        </Field>
      )}
      {draft.type === "keyword" && (
        <Field label="Keywords, one per line" htmlFor={id("keywords")} error={errors.keywords} hint="Matched case-insensitively as whole words or phrases.">
          <textarea id={id("keywords")} className={inputClass} rows={5} value={draft.keywords} onChange={(e) => set("keywords", e.target.value)} />
        </Field>
      )}
      {draft.type === "regex" && (
        <div className="grid gap-3 md:grid-cols-4">
          <div className="md:col-span-3">
            <Field label="Pattern" htmlFor={id("pattern")} error={errors.pattern} hint="A JavaScript regular expression without slashes, at most 500 characters.">
              <input id={id("pattern")} className={`${inputClass} font-mono`} value={draft.pattern} onChange={(e) => set("pattern", e.target.value)} spellCheck={false} />
            </Field>
          </div>
          <Field label="Flags" htmlFor={id("flags")} error={errors.flags} hint="Some of i, m, s, u.">
            <input id={id("flags")} className={`${inputClass} font-mono`} value={draft.flags} onChange={(e) => set("flags", e.target.value)} maxLength={4} spellCheck={false} />
          </Field>
        </div>
      )}
      {draft.type === "json_schema" && (
        <>
          <Field label="JSON schema" htmlFor={id("schema")} error={errors.schema} hint="The response must be JSON that satisfies this schema (draft-07 unless $schema names 2019-09 or 2020-12).">
            <textarea id={id("schema")} className={`${inputClass} font-mono text-xs`} rows={10} value={draft.schema} onChange={(e) => set("schema", e.target.value)} spellCheck={false} />
          </Field>
          <div className="flex items-center gap-2 text-sm">
            <input id={id("fenced")} type="checkbox" className="h-4 w-4" checked={draft.fromFencedBlock} onChange={(e) => set("fromFencedBlock", e.target.checked)} />
            <label htmlFor={id("fenced")}>Also accept the JSON of a ```json block when the response as a whole is not JSON</label>
          </div>
        </>
      )}
      <div className="flex gap-2">
        <Button type="submit">{isNew ? "Add rule" : "Apply changes"}</Button>
        <Button variant="secondary" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

type Editing = { index: number | null; draft: RuleDraft; key: number };

/**
 * Adds, edits and removes a suite's policy rules, then saves them as a new
 * suite version: the items are carried over, and runs record which version
 * (and so which rules) graded them.
 */
export function PolicyRulesEditor({ suiteId, latestVersion, initialRules }: { suiteId: string; latestVersion: number; initialRules: PolicyRule[] }) {
  const router = useRouter();
  const prefix = useId();
  const [saved, setSaved] = useState<PolicyRule[]>(initialRules);
  const [rules, setRules] = useState<PolicyRule[]>(initialRules);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [newType, setNewType] = useState<PolicyRuleType>("keyword");
  const [note, setNote] = useState("");
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [editCount, setEditCount] = useState(0);

  const save = useMutation({
    mutationFn: (body: { policyRules: PolicyRule[]; note: string }) =>
      api<{ latest: { version: number; policyRules: PolicyRule[] } | null }>(`/api/v1/safety/suites/${suiteId}/versions`, { method: "POST", body }),
    onSuccess: (suite) => {
      const next = suite.latest?.policyRules ?? rules;
      setSaved(next);
      setRules(next);
      setNote("");
      setSavedVersion(suite.latest?.version ?? null);
      router.refresh();
    },
  });

  const dirty = !sameRules(rules, saved);
  const startEdit = (index: number | null, draft: RuleDraft) => {
    setSavedVersion(null);
    setEditCount((n) => n + 1);
    setEditing({ index, draft, key: editCount + 1 });
  };
  const apply = (rule: PolicyRule) => {
    if (!editing) return;
    setRules((rs) => (editing.index === null ? [...rs, rule] : rs.map((r, i) => (i === editing.index ? rule : r))));
    setEditing(null);
  };
  const remove = (index: number) => {
    setSavedVersion(null);
    setRules((rs) => rs.filter((_, i) => i !== index));
    if (editing?.index === index) setEditing(null);
  };

  const onSave = (e: FormEvent) => {
    e.preventDefault();
    if (!dirty) return;
    save.mutate({ policyRules: rules, note: note.trim() });
  };

  const serverLines = save.error instanceof ApiError ? policyErrorLines(save.error.details, rules) : [];

  return (
    <div className="space-y-4">
      {rules.length === 0 ? (
        <p className="text-sm text-slate-600">No policy rules: the policy grader passes every response. Add keyword, regular-expression or JSON-schema rules for what your model must or must not say.</p>
      ) : (
        <PolicyRulesTable rules={rules} editing={editing?.index ?? null} onEdit={(i) => startEdit(i, ruleToDraft(rules[i]!))} onRemove={remove} />
      )}

      {editing ? (
        <RuleForm
          key={editing.key}
          initial={editing.draft}
          isNew={editing.index === null}
          otherIds={rules.filter((_, i) => i !== editing.index).map((r) => r.id)}
          onApply={apply}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <div className="flex flex-wrap items-end gap-2">
          <div className="w-56 space-y-1">
            <label htmlFor={`${prefix}-new-type`} className="block text-sm font-medium text-slate-700">Type of the new rule</label>
            <select id={`${prefix}-new-type`} className={inputClass} value={newType} onChange={(e) => setNewType(e.target.value as PolicyRuleType)}>
              {POLICY_RULE_TYPES.map((t) => <option key={t} value={t}>{POLICY_RULE_TYPE_LABELS[t]}</option>)}
            </select>
          </div>
          <Button variant="secondary" disabled={rules.length >= MAX_RULES} onClick={() => startEdit(null, emptyDraft(newType, rules))}>Add a rule</Button>
          {rules.length >= MAX_RULES && <p className="text-xs text-slate-500">A suite has at most {MAX_RULES} rules.</p>}
        </div>
      )}

      <form onSubmit={onSave} noValidate aria-label="Save the policy rules" className="space-y-3 border-t border-slate-100 pt-4">
        <Field label="Note for the new version (optional)" htmlFor={`${prefix}-note`} hint={`Saving appends version ${latestVersion + 1} with the same items and these rules. Earlier runs keep the version they used.`}>
          <input id={`${prefix}-note`} className={inputClass} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
        </Field>
        {save.error && (
          <ErrorMessage>
            <p>{serverLines.length > 0 ? "The rules were not saved:" : save.error.message}</p>
            {serverLines.length > 0 && (
              <ul className="mt-1 list-disc pl-5">
                {serverLines.map((line, i) => <li key={i}>{line}</li>)}
              </ul>
            )}
          </ErrorMessage>
        )}
        {savedVersion !== null && !dirty && <p role="status" className="text-sm text-emerald-800">Saved as version {savedVersion}.</p>}
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" disabled={!dirty || save.isPending || editing !== null}>{save.isPending ? "Saving…" : "Save as a new version"}</Button>
          {dirty && (
            <Button variant="secondary" disabled={save.isPending} onClick={() => { setRules(saved); setEditing(null); save.reset(); }}>Discard changes</Button>
          )}
          {dirty && <span className="text-xs text-amber-900">Unsaved changes.</span>}
          {editing !== null && <span className="text-xs text-slate-600">Finish or cancel the rule you are editing first.</span>}
        </div>
      </form>
    </div>
  );
}
