/**
 * Form state of a chat-completions target and the body the API takes
 * (createChatTargetSchema / updateTargetSchema in the services). Numbers are
 * kept as typed; checks mirror the server's so the form points at the field.
 * The API key is write-only: the form never holds the stored one.
 */

export type ApiKeyAction = "keep" | "replace" | "remove";

export type ChatTargetForm = {
  name: string;
  /** "" for none. */
  modelVersionId: string;
  baseUrl: string;
  model: string;
  /** keep: leave the stored key (or none) as it is; replace: store `apiKey`; remove: delete the stored key. */
  apiKeyAction: ApiKeyAction;
  apiKey: string;
  systemPrompt: string;
  temperature: string;
  maxTokens: string;
  concurrency: string;
  /** "" for no limit. */
  requestsPerSecond: string;
  timeoutSeconds: string;
  /** "" for the built-in price table. */
  inputPricePerMTok: string;
  outputPricePerMTok: string;
};

/** The fields of the body, which server errors name. */
export type ChatTargetField =
  | "name"
  | "modelVersionId"
  | "baseUrl"
  | "model"
  | "apiKey"
  | "systemPrompt"
  | "temperature"
  | "maxTokens"
  | "concurrency"
  | "requestsPerSecond"
  | "timeoutMs"
  | "inputPricePerMTok"
  | "outputPricePerMTok";

export type ChatTargetBody = {
  name: string;
  modelVersionId: string | null;
  baseUrl: string;
  model: string;
  apiKey?: string;
  systemPrompt: string | null;
  temperature: number;
  maxTokens: number;
  concurrency: number;
  requestsPerSecond: number | null;
  timeoutMs: number;
  inputPricePerMTok: number | null;
  outputPricePerMTok: number | null;
};

export const NEW_CHAT_TARGET: ChatTargetForm = {
  name: "",
  modelVersionId: "",
  baseUrl: "",
  model: "",
  apiKeyAction: "replace",
  apiKey: "",
  systemPrompt: "",
  temperature: "0",
  maxTokens: "512",
  concurrency: "8",
  requestsPerSecond: "",
  timeoutSeconds: "60",
  inputPricePerMTok: "",
  outputPricePerMTok: "",
};

/** The demo model `pnpm demo:target` serves. */
export const DEMO_TARGET = { baseUrl: "http://127.0.0.1:4010/v1", model: "assay-demo-1" } as const;

export type StoredChatTarget = {
  name: string;
  modelVersionId: string | null;
  baseUrl: string | null;
  model: string | null;
  systemPrompt: string | null;
  temperature: number;
  maxTokens: number;
  concurrency: number;
  requestsPerSecond: number | null;
  timeoutMs: number;
  inputPricePerMTok: number | null;
  outputPricePerMTok: number | null;
};

const text = (n: number | null) => (n === null ? "" : String(n));

export function formFromTarget(t: StoredChatTarget): ChatTargetForm {
  return {
    name: t.name,
    modelVersionId: t.modelVersionId ?? "",
    baseUrl: t.baseUrl ?? "",
    model: t.model ?? "",
    apiKeyAction: "keep",
    apiKey: "",
    systemPrompt: t.systemPrompt ?? "",
    temperature: text(t.temperature),
    maxTokens: text(t.maxTokens),
    concurrency: text(t.concurrency),
    requestsPerSecond: text(t.requestsPerSecond),
    timeoutSeconds: text(t.timeoutMs / 1000),
    inputPricePerMTok: text(t.inputPricePerMTok),
    outputPricePerMTok: text(t.outputPricePerMTok),
  };
}

type NumberRule = { min: number; max: number; integer?: boolean; minExclusive?: boolean };

function readNumber(value: string, rule: NumberRule, what: string): { value: number } | { error: string } {
  const trimmed = value.trim();
  const n = Number(trimmed);
  // Number("") is 0, so emptiness is tested first.
  if (trimmed === "" || !Number.isFinite(n)) return { error: `Enter ${what}.` };
  if (rule.integer && !Number.isInteger(n)) return { error: `Enter a whole number.` };
  if (rule.minExclusive ? n <= rule.min : n < rule.min) return { error: rule.minExclusive ? `Enter a number above ${rule.min}.` : `The minimum is ${rule.min.toLocaleString("en-US")}.` };
  if (n > rule.max) return { error: `The maximum is ${rule.max.toLocaleString("en-US")}.` };
  return { value: n };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** The body for POST (create) or PATCH (edit), or the fields to fix. */
export function chatTargetBody(form: ChatTargetForm): { body: ChatTargetBody } | { errors: Partial<Record<ChatTargetField, string>> } {
  const errors: Partial<Record<ChatTargetField, string>> = {};
  const name = form.name.trim();
  if (!name) errors.name = "Name the target.";
  else if (name.length > 120) errors.name = "A name has at most 120 characters.";
  const baseUrl = form.baseUrl.trim();
  if (!baseUrl) errors.baseUrl = "Enter the endpoint's base URL, e.g. https://api.openai.com/v1.";
  else if (!isHttpUrl(baseUrl)) errors.baseUrl = "Enter a full http:// or https:// URL, e.g. http://localhost:8000/v1.";
  const model = form.model.trim();
  if (!model) errors.model = "Enter the model name the endpoint expects.";
  else if (model.length > 200) errors.model = "A model name has at most 200 characters.";
  if (form.apiKeyAction === "replace" && form.apiKey.length > 500) errors.apiKey = "An API key has at most 500 characters.";
  if (form.systemPrompt.length > 20_000) errors.systemPrompt = "A system prompt has at most 20,000 characters.";

  const numbers = {
    temperature: readNumber(form.temperature, { min: 0, max: 2 }, "a temperature between 0 and 2"),
    maxTokens: readNumber(form.maxTokens, { min: 1, max: 32_768, integer: true }, "the most tokens a response may have"),
    concurrency: readNumber(form.concurrency, { min: 1, max: 64, integer: true }, "how many requests may run at once"),
    timeoutMs: readNumber(form.timeoutSeconds, { min: 1, max: 600 }, "a timeout in seconds"),
  };
  const optional = {
    requestsPerSecond: form.requestsPerSecond.trim() === "" ? null : readNumber(form.requestsPerSecond, { min: 0, max: 1000, minExclusive: true }, "a rate"),
    inputPricePerMTok: form.inputPricePerMTok.trim() === "" ? null : readNumber(form.inputPricePerMTok, { min: 0, max: 10_000 }, "a price"),
    outputPricePerMTok: form.outputPricePerMTok.trim() === "" ? null : readNumber(form.outputPricePerMTok, { min: 0, max: 10_000 }, "a price"),
  };
  for (const [field, result] of Object.entries({ ...numbers, ...optional })) {
    if (result && "error" in result) errors[field as ChatTargetField] = result.error;
  }
  if (Object.keys(errors).length > 0) return { errors };

  const value = (r: { value: number } | { error: string } | null) => (r && "value" in r ? r.value : null);
  const body: ChatTargetBody = {
    name,
    modelVersionId: form.modelVersionId || null,
    baseUrl,
    model,
    systemPrompt: form.systemPrompt.trim() === "" ? null : form.systemPrompt,
    temperature: value(numbers.temperature)!,
    maxTokens: value(numbers.maxTokens)!,
    concurrency: value(numbers.concurrency)!,
    requestsPerSecond: value(optional.requestsPerSecond),
    timeoutMs: Math.round(value(numbers.timeoutMs)! * 1000),
    inputPricePerMTok: value(optional.inputPricePerMTok),
    outputPricePerMTok: value(optional.outputPricePerMTok),
  };
  // undefined keeps the stored key, "" removes it; a blank replacement is no change.
  if (form.apiKeyAction === "remove") body.apiKey = "";
  else if (form.apiKeyAction === "replace" && form.apiKey !== "") body.apiKey = form.apiKey;
  return { body };
}

/** The line-numbered problems of an offline responses file in a 400 (`details.problems`). */
export function offlineProblems(details: unknown): string[] {
  if (!details || typeof details !== "object" || Array.isArray(details)) return [];
  const problems = (details as { problems?: unknown }).problems;
  if (!Array.isArray(problems)) return [];
  return problems.flatMap((p): string[] => {
    if (!p || typeof p !== "object") return [];
    const { line, message } = p as { line?: unknown; message?: unknown };
    if (typeof message !== "string") return [];
    return [typeof line === "number" ? `Line ${line}: ${message}` : message];
  });
}
