import type { ChatMessage } from "./chat-message";
import { parseRetryAfterMs, RETRYABLE_STATUSES } from "./backoff";
import { chatCompletionResponseSchema, usageOf } from "./openai-wire";
import { bodyExcerpt, type TargetErrorKind } from "./target-error";

export type ChatCompletionResult = {
  content: string;
  finishReason: string | null;
  promptTokens: number;
  completionTokens: number;
  /** True when the target sent no usage and the counts are chars/4 estimates. */
  tokensEstimated: boolean;
  /** Of the successful attempt, from sending the request to reading the whole body. */
  latencyMs: number;
  attempts: number;
  /** As the target reported it, e.g. a dated snapshot of the configured name. */
  model: string;
};

export type AttemptFailure = {
  kind: Exclude<TargetErrorKind, "aborted">;
  message: string;
  retryable: boolean;
  status?: number;
  bodyExcerpt?: string;
  retryAfterMs?: number;
  cause?: unknown;
};
export type AttemptOutcome = { ok: true; result: Omit<ChatCompletionResult, "attempts"> } | { ok: false; failure: AttemptFailure };

export type ResponseContext = { apiKey: string | undefined; messages: readonly ChatMessage[]; model: string; latencyMs: number };

/** Turns one HTTP answer into a result, or a failure that says whether another attempt could help. */
export function readChatResponse(status: number, headers: Headers, text: string, context: ResponseContext): AttemptOutcome {
  if (status < 200 || status > 299) {
    const excerpt = bodyExcerpt(text, context.apiKey);
    return {
      ok: false,
      failure: {
        kind: "http",
        status,
        bodyExcerpt: excerpt,
        retryable: RETRYABLE_STATUSES.has(status),
        retryAfterMs: parseRetryAfterMs(headers.get("retry-after"), Date.now()),
        message: `The target answered HTTP ${status}${excerpt ? `: ${excerpt}` : ""}`,
      },
    };
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const excerpt = bodyExcerpt(text, context.apiKey);
    return { ok: false, failure: { kind: "invalid_response", retryable: false, cause, bodyExcerpt: excerpt, message: `The target's response is not JSON: ${excerpt}` } };
  }
  const parsed = chatCompletionResponseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "body";
    return {
      ok: false,
      failure: {
        kind: "invalid_response",
        retryable: false,
        cause: parsed.error,
        bodyExcerpt: bodyExcerpt(text, context.apiKey),
        message: `The target's response is not an OpenAI chat completion (${where}: ${issue?.message ?? "invalid"}). Is the base URL the API root, e.g. …/v1?`,
      },
    };
  }
  const [choice] = parsed.data.choices;
  const content = choice?.message.content ?? choice?.message.refusal ?? "";
  return {
    ok: true,
    result: {
      content,
      finishReason: choice?.finish_reason ?? null,
      ...usageOf(parsed.data, context.messages, content),
      latencyMs: context.latencyMs,
      model: parsed.data.model ?? context.model,
    },
  };
}
