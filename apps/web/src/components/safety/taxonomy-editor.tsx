"use client";

import { ANY_SUITE, type Severity, type Taxonomy } from "@assay/core";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { SeverityBadge } from "@/components/risks/badges";
import { SEVERITY_LABELS } from "@/components/risks/labels";
import { Button, Card, ErrorMessage, Field, inputClass, Table, Td, Th } from "@/components/ui";
import { ApiError, api } from "@/lib/client-api";
import {
  checkCategory,
  checkMapping,
  emptyCategory,
  emptyMapping,
  mappedSuites,
  putCategory,
  putMapping,
  removeCategory,
  removeMapping,
  sameTaxonomy,
  taxonomyErrorLines,
  type CategoryDraft,
  type DraftErrors,
  type MappingDraft,
} from "./taxonomy-draft";

const SEVERITIES: Severity[] = ["low", "medium", "high", "critical"];
const ALL = "__all__";

type TaxonomyResponse = { taxonomy: Taxonomy };

function CategoryForm({ initial, index, taxonomy, onApply, onCancel }: { initial: CategoryDraft; index: number | null; taxonomy: Taxonomy; onApply: (t: Taxonomy) => void; onCancel: () => void }) {
  const prefix = useId();
  const id = (n: string) => `${prefix}-${n}`;
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<DraftErrors<CategoryDraft>>({});
  const set = <K extends keyof CategoryDraft>(k: K, v: CategoryDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const result = checkCategory(draft, taxonomy, index);
    if ("errors" in result) return setErrors(result.errors);
    onApply(putCategory(taxonomy, index, result.category));
  };
  const renaming = index !== null && draft.key.trim() !== initial.key && taxonomy.mappings.some((m) => m.category === initial.key);
  return (
    <form onSubmit={onSubmit} noValidate aria-label={index === null ? "New category" : `Edit category ${initial.key}`} className="space-y-3 rounded-md border border-brand-100 bg-brand-50/40 p-4">
      <h3 className="text-sm font-semibold text-slate-800">{index === null ? "New category" : `Edit category “${initial.key}”`}</h3>
      <div className="grid gap-3 md:grid-cols-3">
        <Field label="Key" htmlFor={id("key")} error={errors.key} hint={renaming ? "Mappings to the old key will follow the new one." : "Lowercase letters, digits and _; plan checks name it."}>
          <input id={id("key")} className={`${inputClass} font-mono`} value={draft.key} onChange={(e) => set("key", e.target.value)} maxLength={80} spellCheck={false} />
        </Field>
        <Field label="Label" htmlFor={id("label")} error={errors.label}>
          <input id={id("label")} className={inputClass} value={draft.label} onChange={(e) => set("label", e.target.value)} maxLength={80} />
        </Field>
        <Field label="Severity" htmlFor={id("severity")} hint="On the same scale as risks.">
          <select id={id("severity")} className={inputClass} value={draft.severity} onChange={(e) => set("severity", e.target.value as Severity)}>
            {SEVERITIES.map((s) => <option key={s} value={s}>{SEVERITY_LABELS[s]}</option>)}
          </select>
        </Field>
      </div>
      <Field label="Description" htmlFor={id("description")} error={errors.description}>
        <textarea id={id("description")} className={inputClass} rows={2} value={draft.description} onChange={(e) => set("description", e.target.value)} maxLength={500} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit">{index === null ? "Add category" : "Apply changes"}</Button>
        <Button variant="secondary" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

function MappingForm({
  initial,
  index,
  taxonomy,
  suiteKeys,
  onApply,
  onCancel,
}: {
  initial: MappingDraft;
  index: number | null;
  taxonomy: Taxonomy;
  suiteKeys: string[];
  onApply: (t: Taxonomy) => void;
  onCancel: () => void;
}) {
  const prefix = useId();
  const id = (n: string) => `${prefix}-${n}`;
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<DraftErrors<MappingDraft>>({});
  const set = <K extends keyof MappingDraft>(k: K, v: MappingDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const result = checkMapping(draft, taxonomy, index);
    if ("errors" in result) return setErrors(result.errors);
    onApply(putMapping(taxonomy, index, result.mapping));
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={index === null ? "New mapping" : "Edit mapping"} className="space-y-3 rounded-md border border-brand-100 bg-brand-50/40 p-4">
      <h3 className="text-sm font-semibold text-slate-800">{index === null ? "New mapping" : `Edit the mapping of “${initial.sourceCategory}”`}</h3>
      <div className="grid gap-3 md:grid-cols-3">
        <Field label="Suite key" htmlFor={id("suite")} error={errors.suite} hint={`${ANY_SUITE} applies to every suite without a mapping of its own.`}>
          <input id={id("suite")} list={id("suites")} className={`${inputClass} font-mono`} value={draft.suite} onChange={(e) => set("suite", e.target.value)} maxLength={100} spellCheck={false} />
          <datalist id={id("suites")}>
            {[ANY_SUITE, ...suiteKeys].map((k) => <option key={k} value={k} />)}
          </datalist>
        </Field>
        <Field label="Source category" htmlFor={id("source")} error={errors.sourceCategory} hint="As the suite names it; case and surrounding spaces are ignored.">
          <input id={id("source")} className={inputClass} value={draft.sourceCategory} onChange={(e) => set("sourceCategory", e.target.value)} maxLength={200} />
        </Field>
        <Field label="Category" htmlFor={id("category")} error={errors.category}>
          <select id={id("category")} className={inputClass} value={draft.category} onChange={(e) => set("category", e.target.value)}>
            {taxonomy.categories.map((c) => <option key={c.key} value={c.key}>{c.label} ({c.key})</option>)}
          </select>
        </Field>
      </div>
      <div className="flex gap-2">
        <Button type="submit">{index === null ? "Add mapping" : "Apply changes"}</Button>
        <Button variant="secondary" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

type Editing =
  | { what: "category"; index: number | null; draft: CategoryDraft; key: number }
  | { what: "mapping"; index: number | null; draft: MappingDraft; key: number };

/**
 * The organisation's safety taxonomy: categories and the mappings of suites'
 * own categories onto them. Admins edit a working copy and save it as a new
 * version; everyone else reads it.
 */
export function TaxonomyEditor({ initial, editable, suiteKeys }: { initial: Taxonomy; editable: boolean; suiteKeys: string[] }) {
  const router = useRouter();
  const prefix = useId();
  const [base, setBase] = useState<Taxonomy>(initial);
  const [draft, setDraft] = useState<Taxonomy>(initial);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [counter, setCounter] = useState(0);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [suiteFilter, setSuiteFilter] = useState(ALL);
  const [note, setNote] = useState("");
  const [savedVersion, setSavedVersion] = useState<number | null>(null);

  const startEditing = (next: Omit<Editing, "key">) => {
    setRemoveError(null);
    setSavedVersion(null);
    setCounter((c) => c + 1);
    setEditing({ ...next, key: counter + 1 } as Editing);
  };
  const applyEdit = (t: Taxonomy) => {
    setDraft(t);
    setEditing(null);
  };

  const save = useMutation({
    mutationFn: () => api<TaxonomyResponse>("/api/v1/safety/taxonomy", { method: "PUT", body: { taxonomy: { ...draft, version: base.version }, note: note.trim() } }),
    onSuccess: (view) => {
      setBase(view.taxonomy);
      setDraft(view.taxonomy);
      setNote("");
      setSavedVersion(view.taxonomy.version);
      router.refresh();
    },
  });
  const reload = useMutation({
    mutationFn: () => api<TaxonomyResponse>("/api/v1/safety/taxonomy"),
    onSuccess: (view) => {
      setBase(view.taxonomy);
      setDraft(view.taxonomy);
      setEditing(null);
      save.reset();
      router.refresh();
    },
  });

  const dirty = !sameTaxonomy(draft, base);
  const conflict = save.error instanceof ApiError && save.error.status === 409;
  const lines = save.error instanceof ApiError ? taxonomyErrorLines(save.error.details, draft) : [];
  const usage = (key: string) => draft.mappings.filter((m) => m.category === key).length;
  const labelOf = (key: string) => draft.categories.find((c) => c.key === key)?.label ?? key;
  const suites = mappedSuites(draft.mappings);
  const shownMappings = draft.mappings.map((m, index) => ({ m, index })).filter(({ m }) => suiteFilter === ALL || m.suite === suiteFilter);

  const onSave = (e: FormEvent) => {
    e.preventDefault();
    if (dirty) save.mutate();
  };

  return (
    <div className="space-y-6">
      <Card title={`Categories (${draft.categories.length})`}>
        <div className="space-y-3">
          <Table caption="Taxonomy categories">
            <thead>
              <tr>
                <Th>Key</Th>
                <Th>Label</Th>
                <Th>Description</Th>
                <Th>Severity</Th>
                <Th className="text-right">Mappings</Th>
                {editable && <Th><span className="sr-only">Actions</span></Th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {draft.categories.map((c, i) => (
                <tr key={`${c.key}-${i}`} className={editing?.what === "category" && editing.index === i ? "bg-brand-50/60" : undefined}>
                  <th scope="row" className="px-3 py-2 text-left align-top font-normal"><code className="text-xs">{c.key}</code></th>
                  <Td>{c.label}</Td>
                  <Td className="max-w-md text-xs text-slate-700">{c.description || <span className="text-slate-400">—</span>}</Td>
                  <Td><SeverityBadge severity={c.severity} /></Td>
                  <Td className="text-right tabular-nums">{usage(c.key)}</Td>
                  {editable && (
                    <Td className="whitespace-nowrap">
                      <div className="flex gap-1">
                        <Button variant="secondary" aria-label={`Edit category ${c.key}`} onClick={() => startEditing({ what: "category", index: i, draft: { ...c } })}>Edit</Button>
                        <Button
                          variant="ghost"
                          aria-label={`Remove category ${c.key}`}
                          onClick={() => {
                            setSavedVersion(null);
                            const result = removeCategory(draft, c.key);
                            if ("error" in result) setRemoveError(result.error);
                            else {
                              setRemoveError(null);
                              setDraft(result.taxonomy);
                              if (editing?.what === "category") setEditing(null);
                            }
                          }}
                        >
                          Remove
                        </Button>
                      </div>
                    </Td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
          {editable && editing?.what === "category" ? (
            <CategoryForm key={editing.key} initial={editing.draft} index={editing.index} taxonomy={draft} onApply={applyEdit} onCancel={() => setEditing(null)} />
          ) : (
            editable && <Button variant="secondary" onClick={() => startEditing({ what: "category", index: null, draft: emptyCategory() })}>Add a category</Button>
          )}
        </div>
      </Card>

      <Card title={`Mappings (${draft.mappings.length})`}>
        <div className="space-y-3">
          <p className="text-sm text-slate-600">
            How each suite&apos;s own categories map onto the taxonomy. A suite&apos;s own mapping wins over one for every suite ({ANY_SUITE}); a source category that is already a
            taxonomy key is taken as is; anything else goes to “other”. New mappings apply to suites installed or imported afterwards; existing items keep their category.
          </p>
          <div className="w-64 space-y-1">
            <label htmlFor={`${prefix}-suite-filter`} className="block text-sm font-medium text-slate-700">Show mappings of</label>
            <select id={`${prefix}-suite-filter`} className={inputClass} value={suiteFilter} onChange={(e) => setSuiteFilter(e.target.value)}>
              <option value={ALL}>Every suite</option>
              {suites.map((s) => <option key={s} value={s}>{s === ANY_SUITE ? `${ANY_SUITE} (all suites)` : s}</option>)}
            </select>
          </div>
          {shownMappings.length === 0 ? (
            <p className="text-sm text-slate-600">No mappings{suiteFilter === ALL ? "" : " for this suite"}.</p>
          ) : (
            <Table caption="Mappings of suites' source categories onto taxonomy categories">
              <thead>
                <tr>
                  <Th>Suite</Th>
                  <Th>Source category</Th>
                  <Th>Category</Th>
                  {editable && <Th><span className="sr-only">Actions</span></Th>}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {shownMappings.map(({ m, index }) => (
                  <tr key={`${index}-${m.suite}-${m.sourceCategory}`} className={editing?.what === "mapping" && editing.index === index ? "bg-brand-50/60" : undefined}>
                    <Td><code className="text-xs">{m.suite}</code></Td>
                    <th scope="row" className="px-3 py-2 text-left align-top font-normal">{m.sourceCategory}</th>
                    <Td>{labelOf(m.category)} <code className="text-xs text-slate-500">{m.category}</code></Td>
                    {editable && (
                      <Td className="whitespace-nowrap">
                        <div className="flex gap-1">
                          <Button variant="secondary" aria-label={`Edit the mapping of ${m.sourceCategory} (${m.suite})`} onClick={() => startEditing({ what: "mapping", index, draft: { ...m } })}>Edit</Button>
                          <Button
                            variant="ghost"
                            aria-label={`Remove the mapping of ${m.sourceCategory} (${m.suite})`}
                            onClick={() => {
                              setSavedVersion(null);
                              setDraft((t) => removeMapping(t, index));
                              if (editing?.what === "mapping") setEditing(null);
                            }}
                          >
                            Remove
                          </Button>
                        </div>
                      </Td>
                    )}
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          {editable && editing?.what === "mapping" ? (
            <MappingForm key={editing.key} initial={editing.draft} index={editing.index} taxonomy={draft} suiteKeys={suiteKeys} onApply={applyEdit} onCancel={() => setEditing(null)} />
          ) : (
            editable && (
              <Button variant="secondary" onClick={() => startEditing({ what: "mapping", index: null, draft: { ...emptyMapping(), suite: suiteFilter === ALL ? ANY_SUITE : suiteFilter } })}>
                Add a mapping
              </Button>
            )
          )}
        </div>
      </Card>

      {removeError && <ErrorMessage>{removeError}</ErrorMessage>}

      {editable && (
        <form onSubmit={onSave} noValidate aria-label="Save the taxonomy" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <Field label="Note for this version (optional)" htmlFor={`${prefix}-note`} hint={`Saving appends version ${base.version + 1}; the change is recorded in the audit trail.`}>
            <input id={`${prefix}-note`} className={inputClass} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          </Field>
          {save.error && (
            <ErrorMessage>
              <p>{lines.length > 0 ? "The taxonomy was not saved:" : save.error.message}</p>
              {lines.length > 0 && (
                <ul className="mt-1 list-disc pl-5">
                  {lines.map((line, i) => <li key={i}>{line}</li>)}
                </ul>
              )}
              {conflict && (
                <div className="mt-2">
                  <Button variant="secondary" disabled={reload.isPending} onClick={() => reload.mutate()}>
                    {reload.isPending ? "Loading…" : "Discard my changes and load the latest version"}
                  </Button>
                </div>
              )}
            </ErrorMessage>
          )}
          {reload.error && <ErrorMessage>Could not load the latest version: {reload.error.message}</ErrorMessage>}
          {savedVersion !== null && !dirty && <p role="status" className="text-sm text-emerald-800">Saved as version {savedVersion}.</p>}
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" disabled={!dirty || save.isPending || editing !== null}>{save.isPending ? "Saving…" : "Save as a new version"}</Button>
            {dirty && (
              <Button
                variant="secondary"
                disabled={save.isPending}
                onClick={() => {
                  setDraft(base);
                  setEditing(null);
                  setRemoveError(null);
                  save.reset();
                }}
              >
                Discard changes
              </Button>
            )}
            {dirty && <span className="text-xs text-amber-900">Unsaved changes.</span>}
            {editing !== null && <span className="text-xs text-slate-600">Finish or cancel the edit you started first.</span>}
          </div>
        </form>
      )}
    </div>
  );
}
