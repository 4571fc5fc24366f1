import type { ChatMessage } from "./chat-message";
import { retryDelayMs } from "./backoff";
import { systemNow, systemSleep, type Now, type Sleep } from "./clock";
import { readChatResponse, type AttemptOutcome, type ChatCompletionResult } from "./chat-response";
import type { ChatCompletionRequest } from "./openai-wire";
import { createRateLimiter, type RateLimiter } from "./rate-limit";
import { TargetError } from "./target-error";
import { chatTargetConfigSchema, type ChatTargetConfig, type ChatTargetConfigInput } from "./target-config";

export type { ChatCompletionResult } from "./chat-response";

export type ChatClient = {
  /** Throws only TargetError; kind "aborted" when `signal` aborted. */
  complete(messages: ChatMessage[], signal?: AbortSignal): Promise<ChatCompletionResult>;
};

export type ChatClientOptions = {
  fetch?: typeof fetch;
  now?: Now;
  sleep?: Sleep;
  random?: () => number;
  /** Shared between clients that call the same host; by default one is made from `requestsPerSecond`. */
  rateLimiter?: RateLimiter;
};

/** Prepends the target's system prompt, merged into the item's own leading system message: some chat templates accept only one. */
function withSystemPrompt(messages: ChatMessage[], systemPrompt: string | undefined): ChatMessage[] {
  if (!systemPrompt) return messages;
  const [first, ...rest] = messages;
  if (first?.role === "system") return [{ role: "system", content: `${systemPrompt}\n\n${first.content}` }, ...rest];
  return [{ role: "system", content: systemPrompt }, ...messages];
}

const abortedError = (attempts: number, cause: unknown) =>
  new TargetError("The request was cancelled before the target answered.", { kind: "aborted", attempts, cause });

export function createChatClient(configInput: ChatTargetConfigInput | ChatTargetConfig, options: ChatClientOptions = {}): ChatClient {
  const config = chatTargetConfigSchema.parse(configInput);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const now = options.now ?? systemNow;
  const sleep = options.sleep ?? systemSleep;
  const random = options.random ?? Math.random;
  const rateLimiter =
    options.rateLimiter ?? (config.requestsPerSecond === undefined ? undefined : createRateLimiter({ requestsPerSecond: config.requestsPerSecond, now, sleep }));
  const url = `${config.baseUrl}/chat/completions`;
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;

  async function attempt(body: string, messages: ChatMessage[], signal: AbortSignal | undefined): Promise<AttemptOutcome> {
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const attemptSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const startedAt = now();
    let response: Response;
    let text: string;
    try {
      // redirect "error": a chat endpoint has no business redirecting a POST, and it spares undici a copy of every request body.
      response = await fetchImpl(url, { method: "POST", headers, body, signal: attemptSignal, redirect: "error" });
      text = await response.text();
    } catch (cause) {
      if (signal?.aborted) throw cause;
      if (timeout.aborted) return { ok: false, failure: { kind: "timeout", retryable: true, cause, message: `The target did not answer within ${config.timeoutMs} ms.` } };
      const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
      if (/redirect/i.test(reason))
        return { ok: false, failure: { kind: "network", retryable: false, cause, message: `The target redirected ${url}; set the base URL to where it redirects (https?).` } };
      return { ok: false, failure: { kind: "network", retryable: true, cause, message: `Could not reach the target at ${url}: ${reason}` } };
    }
    return readChatResponse(response.status, response.headers, text, { apiKey: config.apiKey, messages, model: config.model, latencyMs: now() - startedAt });
  }

  return {
    async complete(itemMessages, signal) {
      const messages = withSystemPrompt(itemMessages, config.systemPrompt);
      const request: ChatCompletionRequest = { model: config.model, messages, temperature: config.temperature, max_tokens: config.maxTokens };
      const body = JSON.stringify(request);
      for (let attempts = 1; ; attempts++) {
        let outcome: AttemptOutcome;
        try {
          await rateLimiter?.acquire(signal);
          outcome = await attempt(body, messages, signal);
        } catch (cause) {
          // Only the caller's abort escapes `attempt`; everything else is an outcome.
          throw abortedError(attempts, cause);
        }
        if (outcome.ok) return { ...outcome.result, attempts };
        const { failure } = outcome;
        if (!failure.retryable || attempts > config.maxRetries) {
          const suffix = failure.retryable ? ` (gave up after ${attempts} attempt${attempts === 1 ? "" : "s"})` : "";
          const { kind, status, bodyExcerpt: excerpt, cause } = failure;
          throw new TargetError(`${failure.message}${suffix}`, { kind, status, bodyExcerpt: excerpt, cause, attempts });
        }
        try {
          await sleep(retryDelayMs(attempts - 1, failure.retryAfterMs, random), signal);
        } catch (cause) {
          throw abortedError(attempts, cause);
        }
        if (signal?.aborted) throw abortedError(attempts, signal.reason);
      }
    },
  };
}
