/**
 * - http: the target answered with an error status (after retries if retryable).
 * - timeout / network: no usable answer within the attempts allowed.
 * - invalid_response: a 2xx whose body is not an OpenAI chat completion.
 * - aborted: the caller cancelled; the item was not finished and should be run again.
 */
export type TargetErrorKind = "http" | "timeout" | "network" | "invalid_response" | "aborted";

export class TargetError extends Error {
  override readonly name = "TargetError";
  readonly kind: TargetErrorKind;
  readonly status: number | undefined;
  /** The start of the response body, with the API key redacted. */
  readonly bodyExcerpt: string | undefined;
  readonly attempts: number;

  constructor(
    message: string,
    details: { kind: TargetErrorKind; attempts: number; status?: number; bodyExcerpt?: string; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = details.kind;
    this.status = details.status;
    this.bodyExcerpt = details.bodyExcerpt;
    this.attempts = details.attempts;
  }
}

const EXCERPT_CHARS = 300;

/** A short, single-line excerpt of a response body that never contains the API key. */
export function bodyExcerpt(body: string, apiKey: string | undefined): string {
  const redacted = apiKey ? body.split(apiKey).join("[redacted]") : body;
  const line = redacted.replace(/\s+/g, " ").trim();
  return line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS)}…` : line;
}
