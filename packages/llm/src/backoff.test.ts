import { describe, expect, it } from "vitest";
import { fullJitterMs, parseRetryAfterMs, retryDelayMs } from "./backoff";

describe("backoff", () => {
  it("grows exponentially from 500 ms and caps at 30 s", () => {
    const top = (retry: number) => fullJitterMs(retry, () => 1);
    expect([0, 1, 2, 3].map(top)).toEqual([500, 1000, 2000, 4000]);
    expect(top(20)).toBe(30_000);
    expect(fullJitterMs(3, () => 0)).toBe(0);
  });

  it("reads Retry-After as seconds or an HTTP date, capped at 60 s", () => {
    const now = Date.parse("2026-11-01T12:00:00Z");
    expect(parseRetryAfterMs("2", now)).toBe(2000);
    expect(parseRetryAfterMs("0", now)).toBe(0);
    expect(parseRetryAfterMs("3600", now)).toBe(60_000);
    expect(parseRetryAfterMs("Sun, 01 Nov 2026 12:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfterMs("Sun, 01 Nov 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
  });

  it("treats Retry-After as a floor under the jittered backoff", () => {
    expect(retryDelayMs(0, 2000, () => 0.5)).toBe(2000);
    expect(retryDelayMs(0, 0, () => 0.5)).toBe(250);
    expect(retryDelayMs(4, 1000, () => 0.5)).toBe(4000);
    expect(retryDelayMs(1, undefined, () => 0.25)).toBe(250);
  });
});
