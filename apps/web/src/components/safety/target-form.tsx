"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { splitApiError } from "@/components/registry/form-errors";
import { formatBytes, formatCount } from "@/components/runs/format";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { ApiError, api } from "@/lib/client-api";
import {
  chatTargetBody,
  DEMO_TARGET,
  NEW_CHAT_TARGET,
  offlineProblems,
  type ApiKeyAction,
  type ChatTargetField,
  type ChatTargetForm,
} from "./target-form-data";

export type VersionOption = { id: string; label: string; systemName: string };

/** The org's model versions, grouped by system. */
function VersionSelect({ id, value, onChange, versions }: { id: string; value: string; onChange: (value: string) => void; versions: VersionOption[] }) {
  const systems = [...new Set(versions.map((v) => v.systemName))];
  return (
    <select id={id} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">None (e.g. a judge endpoint)</option>
      {systems.map((system) => (
        <optgroup key={system} label={system}>
          {versions.filter((v) => v.systemName === system).map((v) => <option key={v.id} value={v.id}>{system} · {v.label}</option>)}
        </optgroup>
      ))}
    </select>
  );
}

/** Where local model servers and the demo model come in. */
export function LocalServersHint({ onUseDemo }: { onUseDemo?: () => void }) {
  return (
    <aside aria-label="Local model servers" className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700">
      <p>
        Any OpenAI-compatible <code>/chat/completions</code> endpoint works: a hosted API, or a local server such as vLLM, llama.cpp or Ollama. Addresses on
        private networks (localhost, 10.x, 192.168.x…) are refused unless the operator sets <code>ASSAY_TARGET_ALLOW_PRIVATE_NETWORKS=true</code>.
      </p>
      <p>
        To try things out, <code>pnpm demo:target</code> starts a local demo model at <code>{DEMO_TARGET.baseUrl}</code> with the model name{" "}
        <code>{DEMO_TARGET.model}</code>.
      </p>
      {onUseDemo && <Button variant="secondary" onClick={onUseDemo}>Fill in the demo model</Button>}
    </aside>
  );
}

function ApiKeyFields({
  prefix,
  mode,
  hasApiKey,
  form,
  set,
  error,
}: {
  prefix: string;
  mode: "create" | "edit";
  hasApiKey: boolean;
  form: ChatTargetForm;
  set: <K extends keyof ChatTargetForm>(key: K, value: ChatTargetForm[K]) => void;
  error?: string;
}) {
  const keyInput = (label: string) => (
    <Field label={label} htmlFor={`${prefix}-apikey`} error={error} hint="Stored encrypted and never shown again, to anyone.">
      <input
        id={`${prefix}-apikey`}
        type="password"
        autoComplete="off"
        spellCheck={false}
        className={`${inputClass} font-mono`}
        value={form.apiKey}
        onChange={(e) => set("apiKey", e.target.value)}
        maxLength={500}
      />
    </Field>
  );
  if (mode === "create") return keyInput("API key (optional)");
  const choices: Array<{ value: ApiKeyAction; label: string }> = hasApiKey
    ? [
        { value: "keep", label: "Keep the stored key" },
        { value: "replace", label: "Replace it" },
        { value: "remove", label: "Remove it" },
      ]
    : [
        { value: "keep", label: "No key" },
        { value: "replace", label: "Add a key" },
      ];
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">API key</legend>
      <p className="text-sm text-slate-600">{hasApiKey ? "A key is stored. It is never shown; you can replace or remove it." : "No key is stored."}</p>
      <div className="flex flex-wrap gap-4 text-sm">
        {choices.map((c) => (
          <div key={c.value} className="flex items-center gap-1.5">
            <input id={`${prefix}-key-${c.value}`} type="radio" name={`${prefix}-key-action`} className="h-4 w-4" checked={form.apiKeyAction === c.value} onChange={() => set("apiKeyAction", c.value)} />
            <label htmlFor={`${prefix}-key-${c.value}`}>{c.label}</label>
          </div>
        ))}
      </div>
      {form.apiKeyAction === "replace" && keyInput(hasApiKey ? "New API key" : "API key")}
      {form.apiKeyAction === "remove" && <p className="text-sm text-amber-900">The stored key is deleted when you save.</p>}
    </fieldset>
  );
}

type SavedTarget = { id: string; hasApiKey: boolean };

/** Creates or edits an OpenAI-compatible chat completions target. */
export function ChatTargetFormView({
  mode,
  targetId,
  initial,
  hasApiKey: initialHasKey = false,
  versions,
  footer,
}: {
  mode: "create" | "edit";
  targetId?: string;
  initial?: ChatTargetForm;
  hasApiKey?: boolean;
  versions: VersionOption[];
  footer?: ReactNode;
}) {
  const router = useRouter();
  const prefix = useId();
  const id = (name: string) => `${prefix}-${name}`;
  const [form, setForm] = useState<ChatTargetForm>(initial ?? NEW_CHAT_TARGET);
  const [hasApiKey, setHasApiKey] = useState(initialHasKey);
  const [localErrors, setLocalErrors] = useState<Partial<Record<ChatTargetField, string>>>({});
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof ChatTargetForm>(key: K, value: ChatTargetForm[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: value }));
  };

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      mode === "create"
        ? api<SavedTarget>("/api/v1/safety/targets", { method: "POST", body: { kind: "chat_completions", ...body } })
        : api<SavedTarget>(`/api/v1/safety/targets/${targetId}`, { method: "PATCH", body }),
    onSuccess: (target) => {
      if (mode === "create") {
        router.push(`/safety/targets/${target.id}`);
        return;
      }
      setHasApiKey(target.hasApiKey);
      setForm((f) => ({ ...f, apiKeyAction: "keep", apiKey: "" }));
      setSaved(true);
      router.refresh();
    },
  });

  const server = save.error ? splitApiError(save.error) : { fields: {} as Record<string, string>, general: null };
  const err = (field: ChatTargetField) => localErrors[field] ?? server.fields[field];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const result = chatTargetBody(form);
    if ("errors" in result) {
      setLocalErrors(result.errors);
      return;
    }
    setLocalErrors({});
    save.mutate(result.body);
  };

  const hasLocalErrors = Object.keys(localErrors).length > 0;

  return (
    <form onSubmit={onSubmit} noValidate aria-label={mode === "create" ? "Add a chat completions target" : "Edit the target"} className="space-y-5">
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Name" htmlFor={id("name")} error={err("name")}>
          <input id={id("name")} className={inputClass} value={form.name} onChange={(e) => set("name", e.target.value)} maxLength={120} />
        </Field>
        <Field label="Model version (optional)" htmlFor={id("version")} error={err("modelVersionId")} hint="The registered build this endpoint serves; runs are recorded against it.">
          <VersionSelect id={id("version")} value={form.modelVersionId} onChange={(v) => set("modelVersionId", v)} versions={versions} />
        </Field>
        <Field label="Base URL" htmlFor={id("baseUrl")} error={err("baseUrl")} hint="Up to and including /v1; Assay appends /chat/completions.">
          <input id={id("baseUrl")} type="url" className={`${inputClass} font-mono`} value={form.baseUrl} onChange={(e) => set("baseUrl", e.target.value)} spellCheck={false} placeholder="https://api.openai.com/v1" />
        </Field>
        <Field label="Model" htmlFor={id("model")} error={err("model")} hint="The model name the endpoint expects in each request.">
          <input id={id("model")} className={`${inputClass} font-mono`} value={form.model} onChange={(e) => set("model", e.target.value)} spellCheck={false} maxLength={200} />
        </Field>
      </div>

      <LocalServersHint onUseDemo={() => setForm((f) => ({ ...f, baseUrl: DEMO_TARGET.baseUrl, model: DEMO_TARGET.model }))} />

      <ApiKeyFields prefix={prefix} mode={mode} hasApiKey={hasApiKey} form={form} set={set} error={err("apiKey")} />

      <Field label="System prompt (optional)" htmlFor={id("system")} error={err("systemPrompt")} hint="Sent before every item's messages, as your product does.">
        <textarea id={id("system")} className={inputClass} rows={4} value={form.systemPrompt} onChange={(e) => set("systemPrompt", e.target.value)} />
      </Field>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-800">Generation and limits</legend>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Field label="Temperature" htmlFor={id("temperature")} error={err("temperature")} hint="0 to 2; 0 makes runs most repeatable.">
            <input id={id("temperature")} type="number" inputMode="decimal" min={0} max={2} step={0.1} className={inputClass} value={form.temperature} onChange={(e) => set("temperature", e.target.value)} />
          </Field>
          <Field label="Max tokens" htmlFor={id("maxTokens")} error={err("maxTokens")} hint="Per response, 1 to 32,768.">
            <input id={id("maxTokens")} type="number" inputMode="numeric" min={1} max={32768} step={1} className={inputClass} value={form.maxTokens} onChange={(e) => set("maxTokens", e.target.value)} />
          </Field>
          <Field label="Concurrency" htmlFor={id("concurrency")} error={err("concurrency")} hint="Requests in flight at once, 1 to 64.">
            <input id={id("concurrency")} type="number" inputMode="numeric" min={1} max={64} step={1} className={inputClass} value={form.concurrency} onChange={(e) => set("concurrency", e.target.value)} />
          </Field>
          <Field label="Requests per second (optional)" htmlFor={id("rps")} error={err("requestsPerSecond")} hint="Empty for no limit beyond concurrency.">
            <input id={id("rps")} type="number" inputMode="decimal" min={0} max={1000} step="any" className={inputClass} value={form.requestsPerSecond} onChange={(e) => set("requestsPerSecond", e.target.value)} />
          </Field>
          <Field label="Timeout (seconds)" htmlFor={id("timeout")} error={err("timeoutMs")} hint="Per request, 1 to 600; a request that times out is retried.">
            <input id={id("timeout")} type="number" inputMode="decimal" min={1} max={600} step="any" className={inputClass} value={form.timeoutSeconds} onChange={(e) => set("timeoutSeconds", e.target.value)} />
          </Field>
        </div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-800">Prices (optional)</legend>
        <p className="text-sm text-slate-600">USD per million tokens, for the cost of a run. Empty uses the built-in price table; unknown models are reported as unpriced.</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Input price per million tokens" htmlFor={id("inPrice")} error={err("inputPricePerMTok")}>
            <input id={id("inPrice")} type="number" inputMode="decimal" min={0} step="any" className={inputClass} value={form.inputPricePerMTok} onChange={(e) => set("inputPricePerMTok", e.target.value)} />
          </Field>
          <Field label="Output price per million tokens" htmlFor={id("outPrice")} error={err("outputPricePerMTok")}>
            <input id={id("outPrice")} type="number" inputMode="decimal" min={0} step="any" className={inputClass} value={form.outputPricePerMTok} onChange={(e) => set("outputPricePerMTok", e.target.value)} />
          </Field>
        </div>
      </fieldset>

      <ErrorMessage>{server.general}</ErrorMessage>
      {hasLocalErrors && <p role="alert" className="text-sm text-red-700">Fix the fields marked above.</p>}
      {saved && <p role="status" className="text-sm text-emerald-800">Saved.</p>}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={save.isPending || (mode === "create" && save.isSuccess)}>
          {save.isPending ? "Saving…" : mode === "create" ? "Add target" : "Save changes"}
        </Button>
        {footer}
      </div>
    </form>
  );
}

/** Bytes the server takes for a responses file (responsesJsonl is limited to 50 million characters). */
const MAX_OFFLINE_BYTES = 50_000_000;

type OfflineFile = { name: string; size: number; text: string; lines: number };

/** Creates an offline target from a JSONL of responses collected elsewhere. */
export function OfflineTargetForm({ versions }: { versions: VersionOption[] }) {
  const router = useRouter();
  const prefix = useId();
  const id = (name: string) => `${prefix}-${name}`;
  const [name, setName] = useState("");
  const [modelVersionId, setModelVersionId] = useState("");
  const [file, setFile] = useState<OfflineFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const readToken = useRef(0);

  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<{ id: string }>("/api/v1/safety/targets", { method: "POST", body }),
    onSuccess: (target) => router.push(`/safety/targets/${target.id}`),
  });
  const server = create.error ? splitApiError(create.error) : { fields: {} as Record<string, string>, general: null };
  const problems = create.error instanceof ApiError ? offlineProblems(create.error.details) : [];

  const chooseFile = async (chosen: File | null) => {
    const token = ++readToken.current;
    create.reset();
    setFile(null);
    setFileError(null);
    if (!chosen) return;
    if (!/\.(jsonl|ndjson)$/i.test(chosen.name)) {
      setFileError("Choose a .jsonl file: one JSON object per line.");
      return;
    }
    if (chosen.size > MAX_OFFLINE_BYTES) {
      setFileError(`The file is ${formatBytes(chosen.size)}; the limit is ${formatBytes(MAX_OFFLINE_BYTES)}.`);
      return;
    }
    setReading(true);
    try {
      const text = await chosen.text();
      if (token !== readToken.current) return;
      const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "").length;
      if (lines === 0) setFileError("The file is empty.");
      else setFile({ name: chosen.name, size: chosen.size, text, lines });
    } catch {
      if (token === readToken.current) setFileError("The file could not be read in the browser.");
    } finally {
      if (token === readToken.current) setReading(false);
    }
  };

  const nameError = submitted && !name.trim() ? "Name the target." : server.fields.name;
  const missingFile = submitted && !file && !fileError ? "Choose the JSONL of responses." : null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!name.trim() || !file) return;
    create.mutate({ kind: "offline", name: name.trim(), modelVersionId: modelVersionId || null, responsesJsonl: file.text });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add an offline target" className="space-y-5">
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Name" htmlFor={id("name")} error={nameError}>
          <input id={id("name")} className={inputClass} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
        </Field>
        <Field label="Model version (optional)" htmlFor={id("version")} error={server.fields.modelVersionId} hint="The build that produced these responses.">
          <VersionSelect id={id("version")} value={modelVersionId} onChange={setModelVersionId} versions={versions} />
        </Field>
      </div>
      <Field
        label="Responses file (.jsonl)"
        htmlFor={id("file")}
        error={fileError ?? missingFile ?? server.fields.responsesJsonl}
        hint='One object per line: {"id": "…", "prompt": "…", "response": "…"} or {"messages": […], "response": "…"}. Items are matched by id first, then by their last user prompt.'
      >
        <input id={id("file")} type="file" accept=".jsonl,.ndjson,application/jsonl,application/x-ndjson" className="block text-sm" onChange={(e) => void chooseFile(e.target.files?.[0] ?? null)} />
      </Field>
      {reading && <p role="status" className="text-sm text-slate-600">Reading the file…</p>}
      {file && <p role="status" className="text-sm text-slate-700">{file.name}: {formatBytes(file.size)}, {formatCount(file.lines)} non-empty {file.lines === 1 ? "line" : "lines"}.</p>}
      {create.error && (server.general || problems.length > 0) && (
        <ErrorMessage>
          <p>{problems.length > 0 ? "The responses file has problems; fix these lines and upload it again:" : server.general}</p>
          {problems.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {problems.map((p, i) => <li key={i}>{p}</li>)}
            </ul>
          )}
        </ErrorMessage>
      )}
      <Button type="submit" disabled={create.isPending || create.isSuccess || reading}>{create.isPending ? "Uploading…" : "Add offline target"}</Button>
    </form>
  );
}

/** Chooses the kind of a new target, then shows its form. */
export function NewTargetForm({ versions }: { versions: VersionOption[] }) {
  const prefix = useId();
  const [kind, setKind] = useState<"chat_completions" | "offline">("chat_completions");
  const kinds = [
    { value: "chat_completions" as const, label: "Chat completions endpoint", hint: "Assay sends each prompt to an OpenAI-compatible API and grades the answers." },
    { value: "offline" as const, label: "Offline responses", hint: "You collected the answers elsewhere and upload them as a file." },
  ];
  return (
    <div className="space-y-6">
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-slate-800">Kind of target</legend>
        <div className="grid gap-2 md:grid-cols-2">
          {kinds.map((k) => (
            <div key={k.value} className="flex items-start gap-2 rounded-md border border-slate-200 p-3">
              <input
                id={`${prefix}-${k.value}`}
                type="radio"
                name={`${prefix}-kind`}
                className="mt-0.5 h-4 w-4"
                checked={kind === k.value}
                onChange={() => setKind(k.value)}
                aria-describedby={`${prefix}-${k.value}-hint`}
              />
              <div>
                <label htmlFor={`${prefix}-${k.value}`} className="text-sm font-medium text-slate-800">{k.label}</label>
                <p id={`${prefix}-${k.value}-hint`} className="text-xs text-slate-600">{k.hint}</p>
              </div>
            </div>
          ))}
        </div>
      </fieldset>
      {kind === "chat_completions" ? <ChatTargetFormView mode="create" versions={versions} /> : <OfflineTargetForm versions={versions} />}
    </div>
  );
}
