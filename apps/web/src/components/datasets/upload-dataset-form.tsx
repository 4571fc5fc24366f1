"use client";

import type { DatasetDto } from "@assay/services";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { formatBytes, formatCount, shortSha } from "@/components/runs/format";
import { ProgressBar } from "@/components/runs/progress-bar";
import type { Jsonify } from "@/components/runs/serialize";
import { Badge, Button, ErrorMessage, Field, cx, inputClass } from "@/components/ui";
import { CsvPreviewError, defaultDatasetName, previewValues, readCsvPreview, type CsvPreview } from "./csv-preview";
import { isParquetHead, readParquetPreview } from "./parquet-preview";
import {
  carryOver,
  EMPTY_MAPPING,
  mappingBody,
  MAX_NAME_LENGTH,
  MAX_SENSITIVE_COLUMNS,
  predictionOf,
  toggleSensitive,
  validateMapping,
  withPredictionSource,
  withRoleColumn,
  withScoreColumn,
  type Mapping,
} from "./mapping";
import { uploadErrorView } from "./upload-errors";
import { postMultipart, UploadCancelled, type UploadProgress } from "./upload-request";

type Uploaded = Jsonify<DatasetDto>;

type FileState =
  | { status: "none" }
  | { status: "reading"; file: File }
  | { status: "ready"; file: File; preview: CsvPreview }
  | { status: "invalid"; file: File; message: string };

/**
 * Uploads a predictions CSV with its column mapping. Only the first chunk of
 * the file is read in the browser, for the column names and a preview; the
 * server streams the whole file, checks every row and stores it by its hash.
 */
export function UploadDatasetForm({ versionId, maxBytes }: { versionId: string; maxBytes: number }) {
  const router = useRouter();
  const prefix = useId();
  const id = (name: string) => `${prefix}-${name}`;
  const [fileState, setFileState] = useState<FileState>({ status: "none" });
  const [fileInputKey, setFileInputKey] = useState(0);
  const [name, setName] = useState("");
  const [mapping, setMapping] = useState<Mapping>(EMPTY_MAPPING);
  const [submitted, setSubmitted] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [uploaded, setUploaded] = useState<Uploaded | null>(null);
  const readToken = useRef(0);
  const abort = useRef<AbortController | null>(null);

  const upload = useMutation({
    mutationFn: (body: FormData) => {
      const controller = new AbortController();
      abort.current = controller;
      setProgress(null);
      return postMultipart<Uploaded>(`/api/v1/versions/${versionId}/datasets`, body, { onProgress: setProgress, signal: controller.signal });
    },
    onSuccess: (dataset) => {
      setUploaded(dataset);
      setFileState({ status: "none" });
      setFileInputKey((k) => k + 1);
      setName("");
      setMapping(EMPTY_MAPPING);
      setSubmitted(false);
      router.refresh();
    },
    onSettled: () => {
      abort.current = null;
      setProgress(null);
    },
  });

  const columns = fileState.status === "ready" ? fileState.preview.columns : [];
  const preview = fileState.status === "ready" ? fileState.preview : null;
  const file = fileState.status === "none" ? null : fileState.file;

  const chooseFile = async (chosen: File | null) => {
    const token = ++readToken.current;
    setUploaded(null);
    upload.reset();
    if (!chosen) {
      setFileState({ status: "none" });
      return;
    }
    setFileState({ status: "reading", file: chosen });
    try {
      const head = new Uint8Array(await chosen.slice(0, 4).arrayBuffer());
      const result = isParquetHead(head) ? await readParquetPreview(chosen) : await readCsvPreview(chosen);
      if (token !== readToken.current) return;
      setFileState({ status: "ready", file: chosen, preview: result });
      setMapping((m) => carryOver(m, result.columns));
    } catch (error) {
      if (token !== readToken.current) return;
      const message = error instanceof CsvPreviewError ? error.message : "The file could not be read in the browser.";
      setFileState({ status: "invalid", file: chosen, message });
    }
  };

  let fileError: string | null = null;
  if (fileState.status === "none") fileError = "Choose a CSV or Parquet file.";
  else if (fileState.file.size > maxBytes) fileError = `The file is ${formatBytes(fileState.file.size)}; the upload limit is ${formatBytes(maxBytes)}.`;
  else if (fileState.status === "invalid") fileError = fileState.message;
  else if (fileState.status === "ready" && !fileState.preview.hasRows) fileError = "The file has a header but no data rows.";
  const mappingErrors = fileState.status === "ready" ? validateMapping(mapping, columns) : {};
  const valid = fileError === null && fileState.status === "ready" && Object.keys(mappingErrors).length === 0;
  const show = (message: string | null | undefined) => (submitted ? message ?? null : null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!valid || !file) return;
    const body = new FormData();
    if (name.trim()) body.append("name", name.trim());
    body.append("mapping", JSON.stringify(mappingBody(mapping)));
    // The file goes last: the server reads the text fields before the file's bytes arrive.
    body.append("file", file, file.name);
    upload.mutate(body);
  };

  const pending = upload.isPending;
  const cancelled = upload.error instanceof UploadCancelled;
  const serverError = upload.error && !cancelled ? uploadErrorView(upload.error) : null;
  const sending = pending && (progress === null || progress.loaded < progress.total);
  const labelValues = preview && mapping.labelColumn ? previewValues(preview, mapping.labelColumn) : [];
  // Hidden while the score and a threshold define the predictions; ignored then.
  const predictionColumn = predictionOf(mapping);
  const fromThreshold = mapping.predictionSource === "threshold";
  const predictionValues = preview && predictionColumn ? previewValues(preview, predictionColumn) : [];
  const seenValues = [...new Set([...labelValues, ...predictionValues])].filter((v) => v !== "");
  const positiveUnseen = preview !== null && labelValues.length > 0 && mapping.positiveValue !== "" && !labelValues.includes(mapping.positiveValue);
  const sensitiveErrorId = id("sensitive-error");

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Upload a dataset">
      <fieldset disabled={pending} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Data file" htmlFor={id("file")} error={show(fileError)}
            hint={`CSV (comma-separated, UTF-8, with a header line) or Parquet; up to ${formatBytes(maxBytes)}. Only the first rows are read here.`}>
            <input key={fileInputKey} id={id("file")} type="file" accept=".csv,text/csv,.parquet"
              className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
              onChange={(e) => void chooseFile(e.target.files?.[0] ?? null)} />
          </Field>
          <Field label="Dataset name (optional)" htmlFor={id("name")} hint={file ? `Defaults to “${defaultDatasetName(file.name)}”.` : "Defaults to the file name."}>
            <input id={id("name")} className={inputClass} value={name} maxLength={MAX_NAME_LENGTH}
              placeholder={file ? defaultDatasetName(file.name) : undefined} onChange={(e) => setName(e.target.value)} />
          </Field>
        </div>

        {fileState.status === "reading" && <p role="status" className="text-sm text-slate-600">Reading the header of {fileState.file.name}…</p>}
        {fileState.status === "invalid" && !submitted && <ErrorMessage>{fileState.message}</ErrorMessage>}
        {fileState.status === "ready" && !fileState.preview.hasRows && !submitted && (
          <ErrorMessage>The file has a header but no data rows.</ErrorMessage>
        )}

        {preview && (
          <>
            <p className="text-sm text-slate-600">
              {formatCount(preview.columns.length)} columns in {file?.name} ({formatBytes(file?.size ?? 0)}).
              Map them: which column holds the true label, which the model&apos;s prediction, and which are sensitive attributes.
            </p>
            <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1">
              <legend className="mb-1 text-sm font-medium text-slate-700">Predictions come from</legend>
              <label className="flex items-center gap-2 text-sm text-slate-800">
                <input type="radio" name={id("source")} className="h-4 w-4 border-slate-300 text-brand-600" checked={!fromThreshold}
                  onChange={() => setMapping((m) => withPredictionSource(m, "column"))} />
                A prediction column
              </label>
              <label className="flex items-center gap-2 text-sm text-slate-800">
                <input type="radio" name={id("source")} className="h-4 w-4 border-slate-300 text-brand-600" checked={fromThreshold}
                  onChange={() => setMapping((m) => withPredictionSource(m, "threshold"))} />
                A score and a threshold
              </label>
            </fieldset>
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              <Field label="Label column" htmlFor={id("label")} error={show(mappingErrors.labelColumn)} hint="The true outcome.">
                <select id={id("label")} className={inputClass} value={mapping.labelColumn}
                  onChange={(e) => setMapping((m) => withRoleColumn(m, "labelColumn", e.target.value))}>
                  <option value="">Choose…</option>
                  {columns.map((c) => <option key={c} value={c}>{c}</option>)}
                </select>
              </Field>
              {fromThreshold ? (
                <Field label="Threshold" htmlFor={id("threshold")} error={show(mappingErrors.threshold)}
                  hint="A row is predicted positive when its score is at least this value (between 0 and 1).">
                  <input id={id("threshold")} type="number" min={0} max={1} step={0.01} className={inputClass} value={mapping.threshold ?? ""}
                    onChange={(e) => setMapping((m) => ({ ...m, threshold: e.target.value }))} />
                </Field>
              ) : (
                <Field label="Prediction column" htmlFor={id("prediction")} error={show(mappingErrors.predictionColumn)} hint="The model's decision.">
                  <select id={id("prediction")} className={inputClass} value={mapping.predictionColumn}
                    onChange={(e) => setMapping((m) => withRoleColumn(m, "predictionColumn", e.target.value))}>
                    <option value="">Choose…</option>
                    {columns.map((c) => <option key={c} value={c}>{c}</option>)}
                  </select>
                </Field>
              )}
              <Field label="Positive value" htmlFor={id("positive")} error={show(mappingErrors.positiveValue)}
                hint={
                  positiveUnseen
                    ? `“${mapping.positiveValue}” does not occur in the first rows of ${mapping.labelColumn} (seen: ${labelValues.join(", ") || "empty"}).`
                    : "The label and prediction value that counts as positive; compared exactly, case included."
                }>
                <input id={id("positive")} className={inputClass} value={mapping.positiveValue} list={seenValues.length > 0 ? id("values") : undefined}
                  onChange={(e) => setMapping((m) => ({ ...m, positiveValue: e.target.value }))} />
                {seenValues.length > 0 && (
                  <datalist id={id("values")}>{seenValues.map((v) => <option key={v} value={v} />)}</datalist>
                )}
              </Field>
              <Field label="Score column (optional)" htmlFor={id("score")} error={show(mappingErrors.scoreColumn)}
                hint={`The model's probability of the positive value, between 0 and 1 in every row. ${fromThreshold ? "Required: the threshold applies to it." : "Adds ROC-AUC, Brier score and calibration per group."}`}>
                <select id={id("score")} className={inputClass} value={mapping.scoreColumn ?? ""}
                  onChange={(e) => setMapping((m) => withScoreColumn(m, e.target.value))}>
                  <option value="">None</option>
                  {columns
                    .filter((c) => c !== mapping.labelColumn && c !== predictionColumn)
                    .map((c) => <option key={c} value={c}>{c}</option>)}
                </select>
              </Field>
            </div>

            <fieldset className="rounded-md border border-slate-200 p-3" aria-describedby={show(mappingErrors.sensitiveColumns) ? sensitiveErrorId : undefined}>
              <legend className="px-1 text-sm font-medium text-slate-700">Sensitive columns</legend>
              <p className="mb-2 text-xs text-slate-500">
                Each becomes a section of every run&apos;s results; the plan&apos;s checks compare its groups. At most {MAX_SENSITIVE_COLUMNS}. Who declared them is recorded in the audit trail.
              </p>
              <ul className="grid gap-x-4 gap-y-1.5 sm:grid-cols-2 lg:grid-cols-3">
                {columns.map((c) => {
                  const role = c === mapping.labelColumn ? "label" : c === predictionColumn ? "prediction" : c === mapping.scoreColumn ? "score" : null;
                  const checkboxId = id(`sensitive-${columns.indexOf(c)}`);
                  return (
                    <li key={c} className="flex items-center gap-2">
                      <input id={checkboxId} type="checkbox" className="h-4 w-4 rounded border-slate-300 text-brand-600"
                        checked={mapping.sensitiveColumns.includes(c)} disabled={role !== null}
                        onChange={(e) => setMapping((m) => toggleSensitive(m, c, e.target.checked, columns))} />
                      <label htmlFor={checkboxId} className={cx("text-sm", role ? "text-slate-400" : "text-slate-800")}>
                        <span className="font-mono">{c}</span>
                        {role && <span className="ml-1 text-xs">(the {role})</span>}
                      </label>
                    </li>
                  );
                })}
              </ul>
              {show(mappingErrors.sensitiveColumns) && (
                <p id={sensitiveErrorId} role="alert" className="mt-2 text-xs text-red-700">{mappingErrors.sensitiveColumns}</p>
              )}
            </fieldset>

            {preview.rows.length > 0 && <PreviewTable preview={preview} mapping={mapping} fileName={file?.name ?? ""} />}
          </>
        )}
      </fieldset>

      {pending && (
        <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3">
          {sending ? (
            <>
              <ProgressBar value={progress ? (progress.loaded / Math.max(1, progress.total)) * 100 : 0} label="Upload progress" />
              <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-700">
                <p aria-live="polite">
                  {progress ? `Uploading… ${formatBytes(progress.loaded)} of ${formatBytes(progress.total)}` : "Starting the upload…"}
                </p>
                <Button variant="secondary" onClick={() => abort.current?.abort()}>Cancel upload</Button>
              </div>
            </>
          ) : (
            <p role="status" className="text-sm text-slate-700">Uploaded. The server is checking every row of the file against the mapping…</p>
          )}
        </div>
      )}

      {serverError && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p className="font-medium">{serverError.message}</p>
          {serverError.problems.length > 0 && (
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {serverError.problems.map((p, i) => (
                <li key={i}>{p.where && <span className="font-medium">{p.where}: </span>}{p.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {cancelled && <p role="status" className="text-sm text-slate-600">Upload cancelled; nothing was stored.</p>}
      {uploaded && (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Uploaded “{uploaded.name}”: {formatCount(uploaded.rowCount)} rows, SHA-256 <code className="font-mono text-xs">{shortSha(uploaded.contentSha256)}…</code>. It is listed above.
        </p>
      )}

      <Button type="submit" disabled={pending || fileState.status === "reading"}>
        {pending ? (sending ? "Uploading…" : "Checking…") : "Upload dataset"}
      </Button>
    </form>
  );
}

function PreviewTable({ preview, mapping, fileName }: { preview: CsvPreview; mapping: Mapping; fileName: string }) {
  const roleOf = (c: string) =>
    c === mapping.labelColumn ? <Badge tone="info">Label</Badge>
      : c === predictionOf(mapping) ? <Badge tone="info">Prediction</Badge>
        : mapping.sensitiveColumns.includes(c) ? <Badge tone="warn">Sensitive</Badge>
          : c === mapping.scoreColumn ? <Badge tone="info">Score</Badge>
            : null;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-xs">
        <caption className="px-3 py-2 text-left text-xs text-slate-600">
          First {preview.rows.length} {preview.rows.length === 1 ? "row" : "rows"} of {fileName}, as read in the browser. The server checks every row.
        </caption>
        <thead>
          <tr>
            {preview.columns.map((c) => (
              <th key={c} scope="col" className="bg-slate-50 px-3 py-2 text-left align-bottom font-semibold text-slate-700">
                <span className="font-mono">{c}</span>
                {roleOf(c) && <span className="mt-1 block">{roleOf(c)}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {preview.rows.map((row, r) => (
            <tr key={r}>
              {row.map((value, i) => (
                <td key={i} className="max-w-48 truncate px-3 py-1.5 font-mono text-slate-800" title={value}>
                  {value === "" ? <span className="text-slate-400">empty</span> : value}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
