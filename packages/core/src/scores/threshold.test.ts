import { describe, expect, it } from "vitest";
import { rateEstimates } from "../fairness/compute";
import type { ConfusionCounts } from "../fairness/types";
import { distinctFromRows, prng, uniformFromRows, type ScoredRow } from "./testkit";
import { confusionAtThreshold, DEFAULT_THRESHOLDS, thresholdCurve, thresholdSweep } from "./threshold";

const TINY: ScoredRow[] = [
  ...[0.9, 0.6, 0.4].map((score) => ({ score, label: 1 as const })),
  ...[0.5, 0.4, 0.1].map((score) => ({ score, label: 0 as const })),
];

/** The prediction rule of the DuckDB aggregate, row by row. */
function bruteForceCounts(rows: readonly ScoredRow[], threshold: number): ConfusionCounts {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const r of rows) {
    const predicted = r.score >= threshold;
    if (r.label === 1) predicted ? c.tp++ : c.fn++;
    else predicted ? c.fp++ : c.tn++;
  }
  return c;
}

describe("DEFAULT_THRESHOLDS", () => {
  it("is 0.05 … 0.95 in steps of 0.05, each the double nearest its decimal", () => {
    expect(DEFAULT_THRESHOLDS).toHaveLength(19);
    expect(DEFAULT_THRESHOLDS.map((t) => t.toString())).toEqual(Array.from({ length: 19 }, (_, i) => Number(((i + 1) * 0.05).toFixed(2)).toString()));
    expect(DEFAULT_THRESHOLDS[2]).toBe(0.15);
  });
});

describe("confusionAtThreshold", () => {
  it.each([
    ["distinct", distinctFromRows(TINY)],
    ["uniform", uniformFromRows(TINY, 1000)],
    ["uniform, 10 bins", uniformFromRows(TINY, 10)],
  ] as const)("counts score >= threshold as positive (%s)", (_, h) => {
    // 0.5: 0.9+, 0.6+ and 0.5− are predicted positive; a score on the threshold counts as positive.
    expect(confusionAtThreshold(h, 0.5)).toEqual({ tp: 2, fp: 1, tn: 2, fn: 1 });
    expect(confusionAtThreshold(h, 0.4)).toEqual({ tp: 3, fp: 2, tn: 1, fn: 0 });
    expect(confusionAtThreshold(h, 0)).toEqual({ tp: 3, fp: 3, tn: 0, fn: 0 });
    expect(confusionAtThreshold(h, -1)).toEqual({ tp: 3, fp: 3, tn: 0, fn: 0 });
    expect(confusionAtThreshold(h, 1.5)).toEqual({ tp: 0, fp: 0, tn: 3, fn: 3 });
  });

  it("answers any threshold from a distinct-score histogram", () => {
    const h = distinctFromRows(TINY);
    expect(confusionAtThreshold(h, 0.45)).toEqual({ tp: 2, fp: 1, tn: 2, fn: 1 });
    expect(confusionAtThreshold(h, 0.9000001)).toEqual({ tp: 0, fp: 0, tn: 3, fn: 3 });
    expect(confusionAtThreshold(distinctFromRows([{ score: 1, label: 1 }]), 1)).toEqual({ tp: 1, fp: 0, tn: 0, fn: 0 });
  });

  it("refuses a threshold inside a uniform bin rather than guess which of its rows pass", () => {
    const h = uniformFromRows(TINY, 10);
    expect(() => confusionAtThreshold(h, 0.45)).toThrow(/not an edge of this 10-bin histogram.*nearest 0\.5/);
    // 1 is no edge: the last bin also holds scores below 1.
    expect(() => confusionAtThreshold(h, 1)).toThrow(/not an edge/);
    expect(() => confusionAtThreshold(uniformFromRows(TINY, 1000), 0.0005)).toThrow(/not an edge/);
  });

  // 3 × 0.05 is 0.15000000000000002: a row scored exactly 0.15 is below it, but in the bin above the edge 0.15.
  it("requires the exact edge double, not one a rounding error away", () => {
    const rows: ScoredRow[] = [{ score: 0.15, label: 1 }];
    expect(bruteForceCounts(rows, 3 * 0.05)).toEqual({ tp: 0, fp: 0, tn: 0, fn: 1 });
    expect(() => confusionAtThreshold(uniformFromRows(rows, 1000), 3 * 0.05)).toThrow(/not an edge/);
    expect(confusionAtThreshold(uniformFromRows(rows, 1000), 0.15)).toEqual({ tp: 1, fp: 0, tn: 0, fn: 0 });
    expect(confusionAtThreshold(distinctFromRows(rows), 3 * 0.05)).toEqual(bruteForceCounts(rows, 3 * 0.05));
  });

  it("rejects thresholds that are not finite numbers", () => {
    for (const t of [Number.NaN, Infinity]) expect(() => confusionAtThreshold(distinctFromRows(TINY), t)).toThrow(RangeError);
  });

  it("agrees with the row-by-row rule on random data, edges and ties included", () => {
    const random = prng(7);
    for (let trial = 0; trial < 10; trial++) {
      const rows: ScoredRow[] = Array.from({ length: 200 }, () => {
        const score = Math.round(random() * 100) / 100;
        return { score, label: random() < score ? 1 : 0 };
      });
      const thresholds = [...DEFAULT_THRESHOLDS, 0, 0.01, 0.37, 0.99];
      for (const t of thresholds) {
        const expected = bruteForceCounts(rows, t);
        expect(confusionAtThreshold(distinctFromRows(rows), t)).toEqual(expected);
        expect(confusionAtThreshold(uniformFromRows(rows, 1000), t)).toEqual(expected);
        expect(confusionAtThreshold(uniformFromRows(rows, 100), t)).toEqual(expected);
      }
    }
  });
});

describe("thresholdCurve and thresholdSweep", () => {
  it("gives selection rate, TPR and FPR with their intervals at each threshold, in the given order", () => {
    const points = thresholdCurve(distinctFromRows(TINY), [0.5, 0.1]);
    expect(points.map((p) => p.threshold)).toEqual([0.5, 0.1]);
    const rates = rateEstimates({ tp: 2, fp: 1, tn: 2, fn: 1 });
    expect(points[0]).toEqual({
      threshold: 0.5,
      counts: { tp: 2, fp: 1, tn: 2, fn: 1 },
      selectionRate: rates.selection_rate,
      tpr: rates.tpr,
      fpr: rates.fpr,
    });
    expect(points[0]!.selectionRate.value).toBe(0.5);
    expect(points[1]!.tpr.value).toBe(1);
    expect(points[1]!.fpr.value).toBe(1);
  });

  it("sweeps the default grid per group, largest group first", () => {
    const sweep = thresholdSweep([
      { group: "small", histogram: uniformFromRows(TINY.slice(0, 2), 1000) },
      { group: "big", histogram: uniformFromRows(TINY, 1000) },
    ]);
    expect(sweep.map((g) => g.group)).toEqual(["big", "small"]);
    for (const g of sweep) expect(g.points.map((p) => p.threshold)).toEqual(DEFAULT_THRESHOLDS);
    // "small" has positives only: FPR is undefined, not 0.
    expect(sweep[1]!.points.every((p) => p.fpr.value === null && p.fpr.ci === null)).toBe(true);
    expect(sweep[0]!.points.map((p) => p.selectionRate.numerator)).toEqual(DEFAULT_THRESHOLDS.map((t) => TINY.filter((r) => r.score >= t).length));
  });

  it("fails the whole sweep when a threshold is not an edge of a group's histogram", () => {
    expect(() => thresholdSweep([{ group: "g", histogram: uniformFromRows(TINY, 10) }])).toThrow(/0\.05 is not an edge/);
  });
});
