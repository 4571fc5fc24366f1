import { systemNow, systemSleep, type Now, type Sleep } from "./clock";

export type RateLimiter = {
  /** Resolves when the caller may send one request; rejects if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
};

export type RateLimiterOptions = {
  requestsPerSecond: number;
  /** Requests allowed back to back after an idle spell; 1 spaces every request evenly. */
  burst?: number;
  now?: Now;
  sleep?: Sleep;
};

/**
 * A token bucket. A caller that finds it empty reserves the next token at
 * once (the balance goes negative) and sleeps until it is due, so concurrent
 * callers queue in arrival order without polling.
 */
export function createRateLimiter({ requestsPerSecond, burst = 1, now = systemNow, sleep = systemSleep }: RateLimiterOptions): RateLimiter {
  if (!(requestsPerSecond > 0) || !Number.isFinite(requestsPerSecond)) throw new RangeError("requestsPerSecond must be a positive number.");
  if (!(burst >= 1)) throw new RangeError("burst must be at least 1.");
  const tokensPerMs = requestsPerSecond / 1000;
  let tokens = burst;
  let updatedAt = now();

  return {
    async acquire(signal) {
      signal?.throwIfAborted();
      const at = now();
      tokens = Math.min(burst, tokens + (at - updatedAt) * tokensPerMs);
      updatedAt = at;
      tokens -= 1;
      if (tokens >= 0) return;
      try {
        await sleep(-tokens / tokensPerMs, signal);
      } catch (error) {
        // Give the reservation back so the callers behind this one are not delayed for nothing.
        tokens += 1;
        throw error;
      }
      signal?.throwIfAborted();
    },
  };
}
