import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit";

/**
 * A virtual clock: sleeping resolves at once but records when the sleeper
 * would have woken, so the test reads the schedule instead of waiting for it.
 */
function virtualClock() {
  let time = 0;
  const wakes: number[] = [];
  return {
    wakes,
    now: () => time,
    advance: (ms: number) => void (time += ms),
    sleep: (ms: number) => {
      wakes.push(time + ms);
      return Promise.resolve();
    },
  };
}

describe("createRateLimiter", () => {
  it("spaces concurrent callers 1/rate apart, in arrival order", async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 10, now: clock.now, sleep: clock.sleep });
    await Promise.all(Array.from({ length: 5 }, () => limiter.acquire()));
    // The first goes at once (a full bucket); the others wait 100, 200, 300 and 400 ms.
    expect(clock.wakes).toEqual([100, 200, 300, 400]);
  });

  it("never lets more than rate + burst requests into any one-second window", async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 20, burst: 5, now: clock.now, sleep: clock.sleep });
    const starts: number[] = [];
    for (let i = 0; i < 200; i++) {
      // Callers arrive irregularly: bursts, pauses, and steady trickles.
      clock.advance(i % 37 === 0 ? 900 : i % 5 === 0 ? 1 : 20);
      clock.wakes.length = 0;
      await limiter.acquire();
      starts.push(clock.wakes[0] ?? clock.now());
    }
    const worstWindow = Math.max(...starts.map((start) => starts.filter((t) => t >= start && t < start + 1000).length));
    expect(worstWindow).toBeLessThanOrEqual(20 + 5);
  });

  it("refills while idle, up to the burst", async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 2, burst: 3, now: clock.now, sleep: clock.sleep });
    clock.advance(60_000);
    for (let i = 0; i < 3; i++) await limiter.acquire();
    expect(clock.wakes).toEqual([]);
    await limiter.acquire();
    expect(clock.wakes).toEqual([60_500]);
  });

  it("gives the slot back when a waiting caller aborts", async () => {
    const clock = virtualClock();
    const controller = new AbortController();
    const limiter = createRateLimiter({
      requestsPerSecond: 1,
      now: clock.now,
      sleep: (ms, signal) => (signal?.aborted ? Promise.reject(signal.reason) : clock.sleep(ms)),
    });
    await limiter.acquire();
    controller.abort();
    await expect(limiter.acquire(controller.signal)).rejects.toThrow();
    await limiter.acquire();
    expect(clock.wakes).toEqual([1000]);
  });

  it("rejects a rate that is not positive", () => {
    expect(() => createRateLimiter({ requestsPerSecond: 0 })).toThrow(RangeError);
  });
});
