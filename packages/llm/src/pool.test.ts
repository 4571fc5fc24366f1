import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { runPool } from "./pool";

describe("runPool", () => {
  it("runs every item with at most `concurrency` in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const settled: number[] = [];
    const summary = await runPool(
      Array.from({ length: 30 }, (_, i) => i),
      async (item) => {
        peak = Math.max(peak, ++inFlight);
        await delay(item % 3);
        inFlight--;
        if (item === 7) throw new Error("seven");
        return item * 2;
      },
      { concurrency: 4, onSettled: (outcome) => void settled.push(outcome.index) },
    );
    expect(peak).toBe(4);
    expect(summary).toEqual({ started: 30, settled: 30, aborted: false });
    expect([...settled].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it("reports failures as outcomes, not by rejecting", async () => {
    const outcomes: string[] = [];
    await runPool(
      ["a", "b"],
      async (item) => {
        if (item === "b") throw new Error("no b");
        return item;
      },
      { concurrency: 2, onSettled: (outcome) => void outcomes.push(outcome.status === "fulfilled" ? outcome.value : `failed ${outcome.item}`) },
    );
    expect(outcomes.sort()).toEqual(["a", "failed b"]);
  });

  it("takes no new item once the signal aborts", async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const summary = await runPool(
      Array.from({ length: 20 }, (_, i) => i),
      async (item) => {
        started.push(item);
        if (item === 5) controller.abort();
        await delay(1);
      },
      { concurrency: 2, signal: controller.signal },
    );
    expect(started.length).toBeLessThanOrEqual(7);
    expect(summary.aborted).toBe(true);
    expect(summary.settled).toBe(started.length);
  });

  it("stops and rejects when onSettled fails", async () => {
    let calls = 0;
    const run = runPool([1, 2, 3, 4, 5, 6], async () => void calls++, {
      concurrency: 1,
      onSettled: () => {
        throw new Error("database down");
      },
    });
    await expect(run).rejects.toThrow("database down");
    expect(calls).toBe(1);
  });
});
