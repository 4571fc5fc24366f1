import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../stats/wilson";
import { rateEstimates } from "./compute";
import { GROUP_METRIC_INFO, GROUP_METRIC_LABELS, GROUP_METRICS, groupMetrics, type GroupMetric } from "./group-metrics";
import { RATE_METRICS, type ConfusionCounts } from "./types";

/** mulberry32: a tiny seeded PRNG so property tests are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random counts where each cell is 0 a quarter of the time, so every zero-denominator path is hit. */
function randomCounts(rand: () => number): ConfusionCounts {
  const cell = () => (rand() < 0.25 ? 0 : Math.floor(rand() * (rand() < 0.5 ? 8 : 400)));
  return { tp: cell(), fp: cell(), tn: cell(), fn: cell() };
}

type FixtureGroup = {
  counts: ConfusionCounts;
  values: Record<GroupMetric, number | null>;
  intervals: Partial<Record<GroupMetric, [number, number] | null>>;
};
type Fixture = { scenarios: Array<{ name: string; total: number; groups: Record<string, FixtureGroup> }> };
const fixture = JSON.parse(
  readFileSync(new URL("../../test-fixtures/fairness/fairlearn_reference.json", import.meta.url), "utf8"),
) as Fixture;

describe("GROUP_METRICS", () => {
  it("lists every metric the product shows, once, each with a label and a definition", () => {
    expect(GROUP_METRICS).toEqual([
      "count",
      "share",
      "base_rate",
      "selection_rate",
      "accuracy",
      "balanced_accuracy",
      "tpr",
      "fpr",
      "tnr",
      "fnr",
      "ppv",
      "npv",
      "fdr",
      "for",
      "f1",
    ]);
    for (const m of GROUP_METRICS) {
      expect(GROUP_METRIC_LABELS[m]).toBe(GROUP_METRIC_INFO[m].label);
      expect(GROUP_METRIC_INFO[m].formula.length).toBeGreaterThan(0);
    }
    expect(Object.keys(GROUP_METRIC_INFO).sort()).toEqual([...GROUP_METRICS].sort());
    expect(new Set(Object.values(GROUP_METRIC_LABELS)).size).toBe(GROUP_METRICS.length);
  });

  it("includes every rate the plan checks use", () => {
    for (const m of RATE_METRICS) expect(GROUP_METRICS).toContain(m);
  });
});

describe("groupMetrics", () => {
  it("computes every metric from the confusion counts", () => {
    const m = groupMetrics({ tp: 30, fp: 10, tn: 50, fn: 10 }, 400);
    const values = Object.fromEntries(GROUP_METRICS.map((k) => [k, m[k].value]));
    expect(values).toEqual({
      count: 100,
      share: 0.25,
      base_rate: 0.4,
      selection_rate: 0.4,
      accuracy: 0.8,
      balanced_accuracy: (0.75 + 50 / 60) / 2,
      tpr: 0.75,
      fpr: 10 / 60,
      tnr: 50 / 60,
      fnr: 0.25,
      ppv: 0.75,
      npv: 50 / 60,
      fdr: 0.25,
      for: 10 / 60,
      f1: 60 / 80,
    });
    expect(m.fdr).toEqual({ value: 0.25, numerator: 10, denominator: 40, ci: wilsonInterval(10, 40) });
    expect(m.for).toEqual({ value: 10 / 60, numerator: 10, denominator: 60, ci: wilsonInterval(10, 60) });
    expect(m.share).toEqual({ value: 0.25, numerator: 100, denominator: 400, ci: wilsonInterval(100, 400) });
  });

  it("gives proportions a Wilson interval and count, balanced accuracy and F1 none", () => {
    const m = groupMetrics({ tp: 30, fp: 10, tn: 50, fn: 10 }, 100);
    for (const k of GROUP_METRICS) {
      const info = GROUP_METRIC_INFO[k];
      if (info.kind === "proportion") {
        expect(m[k].ci, k).toEqual(wilsonInterval(m[k].numerator!, m[k].denominator!));
        expect(m[k].value, k).toBe(m[k].numerator! / m[k].denominator!);
      } else {
        expect(m[k], k).toMatchObject({ numerator: null, denominator: null, ci: null });
      }
    }
    expect(GROUP_METRICS.filter((k) => GROUP_METRIC_INFO[k].kind === "derived")).toEqual(["balanced_accuracy", "f1"]);
  });

  it("returns exactly rateEstimates' figures for the rates the plan checks use", () => {
    const rand = prng(7);
    for (let i = 0; i < 200; i++) {
      const c = randomCounts(rand);
      const m = groupMetrics(c, c.tp + c.fp + c.tn + c.fn + 5);
      const rates = rateEstimates(c);
      for (const r of RATE_METRICS) expect(m[r]).toEqual(rates[r]);
    }
  });

  it("is null, never NaN, where a denominator is 0", () => {
    const empty = groupMetrics({ tp: 0, fp: 0, tn: 0, fn: 0 }, 0);
    expect(empty.count.value).toBe(0);
    for (const k of GROUP_METRICS.filter((x) => x !== "count")) expect(empty[k], k).toMatchObject({ value: null, ci: null });

    // Only actual negatives, all predicted negative.
    const negatives = groupMetrics({ tp: 0, fp: 0, tn: 7, fn: 0 }, 10);
    expect(negatives.tpr.value).toBeNull();
    expect(negatives.fnr.value).toBeNull();
    expect(negatives.ppv.value).toBeNull();
    expect(negatives.fdr.value).toBeNull();
    expect(negatives.f1.value).toBeNull();
    expect(negatives.balanced_accuracy.value).toBeNull();
    expect(negatives.fpr.value).toBe(0);
    expect(negatives.npv.value).toBe(1);
    expect(negatives.for.value).toBe(0);

    // Predicted positives but no actual positives: F1 is defined (0), balanced accuracy is not.
    const f1Zero = groupMetrics({ tp: 0, fp: 3, tn: 7, fn: 0 }, 10);
    expect(f1Zero.f1.value).toBe(0);
    expect(f1Zero.balanced_accuracy.value).toBeNull();

    const rand = prng(11);
    for (let i = 0; i < 500; i++) {
      const c = randomCounts(rand);
      const m = groupMetrics(c, c.tp + c.fp + c.tn + c.fn);
      for (const k of GROUP_METRICS) {
        const v = m[k].value;
        expect(v === null || Number.isFinite(v), k).toBe(true);
        if (v !== null && k !== "count") expect(v >= 0 && v <= 1, `${k} = ${v}`).toBe(true);
        if (v === null) expect(m[k].ci).toBeNull();
      }
    }
  });

  it("keeps the complementary rates complementary", () => {
    const rand = prng(3);
    const pairs: Array<[GroupMetric, GroupMetric]> = [
      ["tpr", "fnr"],
      ["fpr", "tnr"],
      ["ppv", "fdr"],
      ["npv", "for"],
    ];
    for (let i = 0; i < 300; i++) {
      const m = groupMetrics(randomCounts(rand), 5000);
      for (const [a, b] of pairs) {
        expect(m[a].value === null, `${a}/${b}`).toBe(m[b].value === null);
        if (m[a].value !== null) expect(m[a].value! + m[b].value!).toBeCloseTo(1, 14);
      }
      if (m.balanced_accuracy.value !== null) expect(m.balanced_accuracy.value).toBeCloseTo((m.tpr.value! + m.tnr.value!) / 2, 15);
    }
  });

  it("has intervals that contain their point estimate", () => {
    const rand = prng(5);
    for (let i = 0; i < 500; i++) {
      const c = randomCounts(rand);
      const m = groupMetrics(c, c.tp + c.fp + c.tn + c.fn + Math.floor(rand() * 50));
      for (const k of GROUP_METRICS) {
        const { value, ci } = m[k];
        if (ci === null) continue;
        expect(ci.lower <= value! && value! <= ci.upper, `${k}: ${value} in [${ci.lower}, ${ci.upper}]`).toBe(true);
        expect(ci.lower >= 0 && ci.upper <= 1).toBe(true);
      }
    }
  });

  it("rejects counts that cannot be counts and a total smaller than the group", () => {
    expect(() => groupMetrics({ tp: -1, fp: 0, tn: 0, fn: 0 }, 10)).toThrow(/tp must be a non-negative integer/);
    expect(() => groupMetrics({ tp: 1, fp: 1.5, tn: 0, fn: 0 }, 10)).toThrow(/fp must be/);
    expect(() => groupMetrics({ tp: 5, fp: 5, tn: 0, fn: 0 }, 9)).toThrow(/total must be an integer of at least the group's 10 rows/);
    expect(() => groupMetrics({ tp: 5, fp: 5, tn: 0, fn: 0 }, 10.5)).toThrow(/total/);
  });
});

describe("groupMetrics against the numpy reference (fairlearn's definitions, from raw rows)", () => {
  const cases = fixture.scenarios.flatMap((s) => Object.entries(s.groups).map(([group, g]) => ({ scenario: s.name, total: s.total, group, g })));

  it("covers every group of every scenario", () => {
    expect(fixture.scenarios.length).toBe(3);
    expect(cases.length).toBe(4 + 7 + 12);
  });

  it.each(cases)("$scenario: $group", ({ total, g }) => {
    const m = groupMetrics(g.counts, total);
    for (const k of GROUP_METRICS) {
      const expected = g.values[k];
      if (expected === null) expect(m[k].value, k).toBeNull();
      else expect(Math.abs(m[k].value! - expected), k).toBeLessThanOrEqual(1e-12);
    }
    for (const [k, interval] of Object.entries(g.intervals) as Array<[GroupMetric, [number, number] | null]>) {
      if (interval === null) expect(m[k].ci, k).toBeNull();
      else {
        expect(Math.abs(m[k].ci!.lower - interval[0]), `${k} lower`).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(m[k].ci!.upper - interval[1]), `${k} upper`).toBeLessThanOrEqual(1e-12);
      }
    }
    // The reference gives an interval for exactly the metrics this module calls proportions.
    expect(Object.keys(g.intervals).sort()).toEqual(GROUP_METRICS.filter((k) => GROUP_METRIC_INFO[k].kind === "proportion").sort());
  });
});
