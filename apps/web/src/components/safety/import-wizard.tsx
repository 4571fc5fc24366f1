"use client";

import { EXPECTED_BEHAVIOURS, type ExpectedBehaviour, type TaxonomyCategory } from "@assay/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { splitApiError } from "@/components/registry/form-errors";
import { formatBytes, formatCount } from "@/components/runs/format";
import { RevealAllToggle, RevealText } from "@/components/safety/reveal-text";
import { Button, ErrorMessage, Field, inputClass, Table, Td, Th } from "@/components/ui";
import { ApiError, api } from "@/lib/client-api";
import {
  buildMapping,
  detectColumns,
  formatOfFile,
  guessColumns,
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  importProblems,
  keepColumns,
  MAX_IMPORT_BYTES,
  suiteKeyFromName,
  validateImport,
  type DetectedFile,
  type ImportField,
  type ImportMappingState,
} from "./import-mapping";
import { EXPECTED_HINTS, EXPECTED_LABELS } from "./suite-labels";

type Loaded = { name: string; size: number; text: string; detected: DetectedFile };
type FileState = { status: "none" } | { status: "reading"; name: string } | { status: "ready"; file: Loaded } | { status: "invalid"; name: string; message: string };

const SHOWN_FIELDS: ReadonlySet<string> = new Set<string>([...IMPORT_FIELDS, "defaultExpected", "key", "name"]);

const EMPTY_STATE: ImportMappingState = { columns: {}, defaultExpected: "", defaultCategory: "" };

/**
 * Imports a CSV or JSONL suite: the file is read in the browser for its
 * columns and a preview, the user maps columns to item fields, and the server
 * checks every row before anything is stored.
 */
export function ImportSuiteWizard({ categories: initialCategories, taxonomyVersion }: { categories: TaxonomyCategory[]; taxonomyVersion: number }) {
  const router = useRouter();
  const prefix = useId();
  const id = (name: string) => `${prefix}-${name}`;
  const [fileState, setFileState] = useState<FileState>({ status: "none" });
  const [mapping, setMapping] = useState<ImportMappingState>(EMPTY_STATE);
  const [name, setName] = useState("");
  const [key, setKey] = useState("");
  const [keyTouched, setKeyTouched] = useState(false);
  const [description, setDescription] = useState("");
  const [revealAll, setRevealAll] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const readToken = useRef(0);

  const taxonomy = useQuery({
    queryKey: ["safety", "taxonomy"],
    queryFn: () => api<{ taxonomy: { version: number; categories: TaxonomyCategory[] } }>("/api/v1/safety/taxonomy"),
    initialData: { taxonomy: { version: taxonomyVersion, categories: initialCategories } },
    staleTime: 60_000,
  });
  const categories = taxonomy.data.taxonomy.categories;

  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<{ id: string }>("/api/v1/safety/suites", { method: "POST", body }),
    onSuccess: (suite) => router.push(`/safety/suites/${suite.id}`),
  });

  const chooseFile = async (chosen: File | null) => {
    const token = ++readToken.current;
    create.reset();
    setSubmitted(false);
    if (!chosen) {
      setFileState({ status: "none" });
      return;
    }
    const format = formatOfFile(chosen.name);
    if (!format) {
      setFileState({ status: "invalid", name: chosen.name, message: "Choose a .csv or .jsonl file." });
      return;
    }
    if (chosen.size > MAX_IMPORT_BYTES) {
      setFileState({ status: "invalid", name: chosen.name, message: `The file is ${formatBytes(chosen.size)}; suites are limited to ${formatBytes(MAX_IMPORT_BYTES)}.` });
      return;
    }
    setFileState({ status: "reading", name: chosen.name });
    try {
      const text = await chosen.text();
      if (token !== readToken.current) return;
      const detected = detectColumns(format, text);
      setFileState({ status: "ready", file: { name: chosen.name, size: chosen.size, text, detected } });
      setMapping((m) => {
        const kept = keepColumns(m.columns, detected.columns);
        return { ...m, columns: Object.keys(kept).length > 0 ? kept : guessColumns(detected.columns) };
      });
      if (!name.trim()) {
        const fromFile = chosen.name.replace(/\.[^.]+$/, "");
        setName(fromFile);
        if (!keyTouched) setKey(suiteKeyFromName(fromFile));
      }
    } catch {
      if (token !== readToken.current) return;
      setFileState({ status: "invalid", name: chosen.name, message: "The file could not be read in the browser." });
    }
  };

  const file = fileState.status === "ready" ? fileState.file : null;
  const columns = file?.detected.columns ?? [];
  const formErrors = validateImport(mapping, columns, key, name);
  const api400 = create.error ? splitApiError(create.error) : { fields: {} as Record<string, string>, general: null };
  const problems = create.error instanceof ApiError ? importProblems(create.error.details) : { lines: [], more: 0 };
  const show = (field: keyof typeof formErrors) => (submitted ? formErrors[field] : undefined) ?? api400.fields[field];

  const setColumn = (field: ImportField, column: string) => setMapping((m) => ({ ...m, columns: { ...m.columns, [field]: column || undefined } }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!file || Object.keys(formErrors).length > 0) return;
    create.mutate({
      key: key.trim(),
      name: name.trim(),
      description: description.trim(),
      format: file.detected.format,
      content: file.text,
      mapping: buildMapping(mapping),
    });
  };

  let fileError: string | null = null;
  if (fileState.status === "invalid") fileError = fileState.message;
  else if (submitted && fileState.status === "none") fileError = "Choose a .csv or .jsonl file.";

  // Field errors of a 400 that no control on this form shows (format, content…) are said in the summary.
  const unshown = Object.entries(api400.fields)
    .filter(([field]) => !SHOWN_FIELDS.has(field))
    .map(([field, message]) => `${field}: ${message}`);
  const generalMessage = create.error
    ? problems.lines.length > 0
      ? (create.error.message.split("\n")[0] ?? create.error.message).replace(/:$/, ".")
      : (api400.general ?? (unshown.join(" ") || null))
    : null;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Import a suite" className="space-y-8">
      <section aria-labelledby={id("file-h")} className="space-y-3">
        <h2 id={id("file-h")} className="text-base font-semibold text-slate-800">1. The file</h2>
        <Field
          label="Suite file (.csv or .jsonl)"
          htmlFor={id("file")}
          error={fileError}
          hint="CSV: a header row, comma-separated. JSONL: one JSON object per line. Read in your browser; nothing is sent until you import."
        >
          <input
            id={id("file")}
            type="file"
            accept=".csv,.jsonl,.ndjson,text/csv,application/jsonl,application/x-ndjson"
            className="block text-sm"
            onChange={(e) => void chooseFile(e.target.files?.[0] ?? null)}
          />
        </Field>
        {fileState.status === "reading" && <p role="status" className="text-sm text-slate-600">Reading {fileState.name}…</p>}
        {file && (
          <div className="space-y-3">
            <p role="status" className="text-sm text-slate-700">
              {file.name}: {file.detected.format === "csv" ? "CSV" : "JSONL"}, {formatBytes(file.size)}, {formatCount(file.detected.rowCount)}{" "}
              {file.detected.rowCount === 1 ? "row" : "rows"}, {file.detected.columns.length} {file.detected.columns.length === 1 ? "column" : "columns"}.
            </p>
            {file.detected.columns.length > 0 && (
              <div>
                <h3 className="text-sm font-medium text-slate-700">Columns found</h3>
                <ul className="mt-1 flex flex-wrap gap-1">
                  {file.detected.columns.map((c) => <li key={c}><code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{c}</code></li>)}
                </ul>
              </div>
            )}
            {file.detected.problems.length > 0 && (
              <ErrorMessage>
                <p>The server will refuse this file as it is:</p>
                <ul className="mt-1 list-disc pl-5">
                  {file.detected.problems.map((p, i) => <li key={i}>{p}</li>)}
                </ul>
              </ErrorMessage>
            )}
          </div>
        )}
      </section>

      {file && file.detected.preview.length > 0 && (
        <section aria-labelledby={id("preview-h")} className="space-y-3">
          <h2 id={id("preview-h")} className="text-base font-semibold text-slate-800">2. Preview of the first {file.detected.preview.length} rows</h2>
          <RevealAllToggle revealed={revealAll} onChange={setRevealAll} />
          <Table caption={`The first ${file.detected.preview.length} rows of ${file.name}`}>
            <thead>
              <tr>
                <Th>Row</Th>
                {columns.map((c) => <Th key={c}>{c}</Th>)}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {file.detected.preview.map((row, i) => (
                <tr key={i}>
                  <th scope="row" className="px-3 py-2 text-left align-top text-xs font-normal text-slate-500">{i + 1}</th>
                  {columns.map((c) => (
                    <Td key={c} className="min-w-40 max-w-md">
                      {row[c] ? <RevealText text={row[c]} label={`${c} of row ${i + 1}`} revealed={revealAll} /> : <span className="text-xs text-slate-400">empty</span>}
                    </Td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
        </section>
      )}

      {file && (
        <section aria-labelledby={id("mapping-h")} className="space-y-3">
          <h2 id={id("mapping-h")} className="text-base font-semibold text-slate-800">3. Map the columns</h2>
          <p className="text-sm text-slate-600">Map a prompt or a messages column (or both); the other fields are optional.</p>
          <div className="grid gap-4 md:grid-cols-2">
            {IMPORT_FIELDS.map((field) => (
              <Field key={field} label={IMPORT_FIELD_LABELS[field].label} htmlFor={id(`col-${field}`)} hint={IMPORT_FIELD_LABELS[field].hint} error={show(field)}>
                <select id={id(`col-${field}`)} className={inputClass} value={mapping.columns[field] ?? ""} onChange={(e) => setColumn(field, e.target.value)}>
                  <option value="">Not mapped</option>
                  {columns.map((c) => <option key={c} value={c}>{c}</option>)}
                </select>
              </Field>
            ))}
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <Field
              label="Default expected behaviour"
              htmlFor={id("default-expected")}
              error={show("defaultExpected")}
              hint={mapping.defaultExpected ? EXPECTED_HINTS[mapping.defaultExpected] : "For rows whose expected cell is empty, or every row when no expected column is mapped."}
            >
              <select
                id={id("default-expected")}
                className={inputClass}
                value={mapping.defaultExpected}
                onChange={(e) => setMapping((m) => ({ ...m, defaultExpected: e.target.value as ExpectedBehaviour | "" }))}
              >
                <option value="">None</option>
                {EXPECTED_BEHAVIOURS.map((b) => <option key={b} value={b}>{EXPECTED_LABELS[b]}</option>)}
              </select>
            </Field>
            <Field
              label="Default category"
              htmlFor={id("default-category")}
              hint={`For rows without a category; without a default they go to “other”. Taxonomy version ${taxonomy.data.taxonomy.version}.`}
            >
              <select id={id("default-category")} className={inputClass} value={mapping.defaultCategory} onChange={(e) => setMapping((m) => ({ ...m, defaultCategory: e.target.value }))}>
                <option value="">None</option>
                {categories.map((c) => <option key={c.key} value={c.key}>{c.label} ({c.key})</option>)}
              </select>
            </Field>
          </div>
        </section>
      )}

      <section aria-labelledby={id("suite-h")} className="space-y-3">
        <h2 id={id("suite-h")} className="text-base font-semibold text-slate-800">{file ? "4." : "2."} The suite</h2>
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Name" htmlFor={id("name")} error={show("name")}>
            <input
              id={id("name")}
              className={inputClass}
              value={name}
              maxLength={120}
              onChange={(e) => {
                setName(e.target.value);
                if (!keyTouched) setKey(suiteKeyFromName(e.target.value));
              }}
            />
          </Field>
          <Field
            label="Key"
            htmlFor={id("key")}
            error={show("key")}
            hint="A slug that plan checks name the suite by: lower-case letters, digits and -. Importing under the key of one of your imported suites adds a version to it."
          >
            <input
              id={id("key")}
              className={`${inputClass} font-mono`}
              value={key}
              maxLength={60}
              spellCheck={false}
              onChange={(e) => {
                setKey(e.target.value);
                setKeyTouched(true);
              }}
            />
          </Field>
        </div>
        <Field label="Description (optional)" htmlFor={id("description")} hint="What the suite tests and where its prompts come from, including their licence.">
          <textarea id={id("description")} className={inputClass} rows={3} value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
        </Field>
      </section>

      {create.error && (generalMessage || problems.lines.length > 0) && (
        <ErrorMessage>
          {generalMessage && <p>{generalMessage}</p>}
          {problems.lines.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {problems.lines.map((line, i) => <li key={i}>{line}</li>)}
              {problems.more > 0 && <li>…and {formatCount(problems.more)} more.</li>}
            </ul>
          )}
        </ErrorMessage>
      )}
      {create.error && !generalMessage && problems.lines.length === 0 && <p role="alert" className="text-sm text-red-700">Fix the fields marked above to import.</p>}
      {submitted && !create.error && Object.keys(formErrors).length > 0 && file && (
        <p role="alert" className="text-sm text-red-700">Fix the fields marked above to import.</p>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={create.isPending || create.isSuccess || fileState.status === "reading"}>
          {create.isPending ? "Importing…" : create.isSuccess ? "Opening the suite…" : "Import suite"}
        </Button>
      </div>
    </form>
  );
}
