export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 30_000;
export const RETRY_AFTER_CAP_MS = 60_000;

/** Statuses worth another attempt: timeouts, conflicts, rate limits and transient server failures. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 429, 500, 502, 503, 504]);

/**
 * "Full jitter" (AWS Architecture Blog, 2015): a uniform wait in
 * [0, min(cap, base·2^retry)), which spreads concurrent retries apart.
 * `retry` counts from 0.
 */
export function fullJitterMs(retry: number, random: () => number): number {
  return random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry);
}

/** Retry-After in milliseconds (delay-seconds or an HTTP date), capped; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, nowEpochMs: number): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.min(RETRY_AFTER_CAP_MS, Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.min(RETRY_AFTER_CAP_MS, Math.max(0, date - nowEpochMs));
}

/**
 * The server's Retry-After is a floor, never a reason to hammer it: the wait
 * is the larger of it and the jittered backoff, so "Retry-After: 0" means
 * "retry after the usual jitter".
 */
export function retryDelayMs(retry: number, retryAfterMs: number | undefined, random: () => number): number {
  const jitter = fullJitterMs(retry, random);
  return retryAfterMs === undefined ? jitter : Math.max(retryAfterMs, jitter);
}
