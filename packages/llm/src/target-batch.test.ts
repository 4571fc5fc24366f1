import { setTimeout as delay } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createChatClient } from "./chat-client";
import { startDemoTarget, type DemoTarget } from "./demo-target";
import { createRateLimiter } from "./rate-limit";
import { runTargetBatch, type TargetBatchItem, type TargetOutcome } from "./target-batch";

let target: DemoTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

const items = (count: number): TargetBatchItem[] =>
  Array.from({ length: count }, (_, i) => ({ id: `item-${i}`, messages: [{ role: "user", content: `Question number ${i}: what is a good name for a cat?` }] }));

describe("runTargetBatch against the demo target", () => {
  it("never has more than `concurrency` requests in flight at the server", async () => {
    target = await startDemoTarget({ latencyMs: 10 });
    const client = createChatClient({ baseUrl: target.url, model: "assay-demo-1", concurrency: 4 });
    const results = new Map<string, TargetOutcome>();
    const summary = await runTargetBatch({ items: items(40), done: new Set(), client, concurrency: 4, onResult: async (id, outcome) => void results.set(id, outcome) });
    expect(summary).toEqual({ total: 40, skipped: 0, succeeded: 40, failed: 0, aborted: false });
    expect(results.size).toBe(40);
    expect(target.stats.maxInFlight).toBe(4);
  });

  it("resumes an interrupted run without calling finished items again", async () => {
    target = await startDemoTarget({ latencyMs: 10 });
    const client = createChatClient({ baseUrl: target.url, model: "assay-demo-1" });
    const all = items(40);
    // Stands in for the database: what an interrupted run managed to store.
    const stored = new Map<string, TargetOutcome>();
    const controller = new AbortController();

    const first = await runTargetBatch({
      items: all,
      done: new Set(),
      client,
      concurrency: 4,
      signal: controller.signal,
      onResult: async (id, outcome) => {
        stored.set(id, outcome);
        if (stored.size === 10) controller.abort();
      },
    });
    expect(first.aborted).toBe(true);
    const finishedFirst = new Set(stored.keys());
    expect(finishedFirst.size).toBeGreaterThanOrEqual(10);
    expect(finishedFirst.size).toBeLessThan(40);

    // A request cancelled just as it was sent can still reach the server after the run returns.
    await delay(100);
    const requestsBefore = target.stats.requests;
    const resumedIds: string[] = [];
    let sent = 0;
    const countingFetch: typeof fetch = (input, init) => {
      sent++;
      return fetch(input, init);
    };
    const second = await runTargetBatch({
      items: all,
      done: finishedFirst,
      client: createChatClient({ baseUrl: target.url, model: "assay-demo-1" }, { fetch: countingFetch }),
      concurrency: 4,
      onResult: async (id, outcome) => {
        resumedIds.push(id);
        stored.set(id, outcome);
      },
    });

    expect(second).toMatchObject({ total: 40, skipped: finishedFirst.size, succeeded: 40 - finishedFirst.size, aborted: false });
    // One request per unfinished item, as sent and as received: nothing finished was called again.
    expect(sent).toBe(40 - finishedFirst.size);
    expect(target.stats.requests - requestsBefore).toBe(40 - finishedFirst.size);
    expect(resumedIds.filter((id) => finishedFirst.has(id))).toEqual([]);
    expect(stored.size).toBe(40);
  });

  it("reports an item the target rejects as failed and carries on", async () => {
    target = await startDemoTarget({ latencyMs: 1, requireApiKey: "sk-right" });
    const client = createChatClient({ baseUrl: target.url, model: "assay-demo-1", apiKey: "sk-wrong" });
    const outcomes: TargetOutcome[] = [];
    const summary = await runTargetBatch({ items: items(3), done: new Set(), client, concurrency: 2, onResult: async (_, outcome) => void outcomes.push(outcome) });
    expect(summary).toMatchObject({ succeeded: 0, failed: 3 });
    expect(outcomes.every((outcome) => !outcome.ok && outcome.error.status === 401)).toBe(true);
  });

  it("paces item starts with a rate limiter", async () => {
    target = await startDemoTarget({ latencyMs: 1 });
    const client = createChatClient({ baseUrl: target.url, model: "assay-demo-1" });
    // A frozen clock: each wait is recorded as the virtual time the caller would wake.
    const wakes: number[] = [];
    const rateLimit = createRateLimiter({ requestsPerSecond: 5, now: () => 0, sleep: async (ms) => void wakes.push(ms) });
    await runTargetBatch({ items: items(6), done: new Set(), client, concurrency: 6, rateLimit, onResult: async () => undefined });
    expect(wakes).toEqual([200, 400, 600, 800, 1000]);
  });
});
