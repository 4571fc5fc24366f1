import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../stats/wilson";
import { addScoreHistograms, emptyUniformScoreHistogram } from "./histogram";
import {
  brierScore,
  DEFAULT_CALIBRATION_BINS,
  expectedCalibrationError,
  groupScoreMetrics,
  reliabilityCurve,
  rocAuc,
  rocAucBounds,
  scoreMetrics,
} from "./metrics";
import { bruteForceAuc, distinctFromRows, prng, uniformFromRows, type ScoredRow } from "./testkit";
import type { ScoreHistogram } from "./types";

const rows = (positives: number[], negatives: number[]): ScoredRow[] => [
  ...positives.map((score) => ({ score, label: 1 as const })),
  ...negatives.map((score) => ({ score, label: 0 as const })),
];

/** Both variants of the same rows: exact distinct scores and 1000 fine bins. */
const both = (r: ScoredRow[]): Array<[string, ScoreHistogram]> => [
  ["distinct", distinctFromRows(r)],
  ["uniform", uniformFromRows(r, 1000)],
];

// Positives 0.9, 0.6, 0.4; negatives 0.5, 0.4, 0.1. By hand:
//   AUC: 0.9 beats 3, 0.6 beats 3, 0.4 beats 0.1 and ties 0.4 → (3 + 3 + 1.5) / 9 = 5/6.
//   Brier: (0.1² + 0.4² + 0.6² + 0.5² + 0.4² + 0.1²) / 6 = 0.95 / 6.
//   ECE(10): bins 1 {0.1−}, 4 {0.4+, 0.4−}, 5 {0.5−}, 6 {0.6+}, 9 {0.9+}:
//            (|0.1 − 0| + |0.8 − 1| + |0.5 − 0| + |0.6 − 1| + |0.9 − 1|) / 6 = 1.3 / 6.
//   ECE(2):  [0, 0.5) {0.1, 0.4, 0.4; 1 positive}, [0.5, 1] {0.5, 0.6, 0.9; 2 positives}: (0.1 + 0) / 6.
const TINY = rows([0.9, 0.6, 0.4], [0.5, 0.4, 0.1]);

describe("score metrics by hand", () => {
  it.each(both(TINY))("AUC of the tiny case is 5/6 (%s)", (_, h) => {
    expect(rocAuc(h)).toBeCloseTo(5 / 6, 15);
  });

  it.each(both(TINY))("Brier score of the tiny case is 0.95/6 (%s)", (_, h) => {
    expect(brierScore(h)).toBeCloseTo(0.95 / 6, 15);
  });

  it.each(both(TINY))("ECE of the tiny case is 1.3/6 with 10 bins and 0.1/6 with 2 (%s)", (_, h) => {
    expect(expectedCalibrationError(h)).toBeCloseTo(1.3 / 6, 15);
    expect(expectedCalibrationError(h, 2)).toBeCloseTo(0.1 / 6, 15);
  });

  it.each(both(TINY))("reliability points of the tiny case, empty bins left out (%s)", (_, h) => {
    const points = reliabilityCurve(h);
    expect(points.map((p) => [p.bin, p.count, p.positives])).toEqual([
      [1, 1, 0],
      [4, 2, 1],
      [5, 1, 0],
      [6, 1, 1],
      [9, 1, 1],
    ]);
    const bin4 = points[1]!;
    expect(bin4.lower).toBe(0.4);
    expect(bin4.upper).toBe(0.5);
    expect(bin4.meanScore).toBeCloseTo(0.4, 15);
    expect(bin4.observedRate).toBe(0.5);
    expect(bin4.ci).toEqual(wilsonInterval(1, 2));
  });

  it("a single pair: 1 when the positive is higher, 0 when lower, 1/2 when tied", () => {
    expect(rocAuc(distinctFromRows(rows([0.7], [0.2])))).toBe(1);
    expect(rocAuc(distinctFromRows(rows([0.2], [0.7])))).toBe(0);
    expect(rocAuc(distinctFromRows(rows([0.5], [0.5])))).toBe(0.5);
  });

  it("Brier is 0 for perfect certain predictions and 1 for perfectly wrong ones", () => {
    expect(brierScore(distinctFromRows(rows([1, 1], [0, 0, 0])))).toBe(0);
    expect(brierScore(distinctFromRows(rows([0, 0], [1])))).toBe(1);
    expect(brierScore(uniformFromRows(rows([1, 1], [0, 0, 0]), 10))).toBe(0);
  });

  it("a constant score equal to the base rate is perfectly calibrated", () => {
    const h = distinctFromRows(rows([0.25], [0.25, 0.25, 0.25]));
    expect(expectedCalibrationError(h)).toBe(0);
    expect(brierScore(h)).toBeCloseTo(0.1875, 15);
  });
});

describe("edge cases", () => {
  it.each(both(rows([0.2, 0.9, 0.9], [])))("AUC is null for a group with only positives (%s)", (_, h) => {
    expect(rocAuc(h)).toBeNull();
    expect(rocAucBounds(h)).toBeNull();
    expect(brierScore(h)).toBeCloseTo((0.64 + 0.01 + 0.01) / 3, 15);
  });

  it.each(both(rows([], [0.2, 0.3])))("AUC is null for a group with only negatives (%s)", (_, h) => {
    expect(rocAuc(h)).toBeNull();
  });

  it("everything is null or empty without rows", () => {
    for (const h of [emptyUniformScoreHistogram(1000), distinctFromRows([])]) {
      expect(rocAuc(h)).toBeNull();
      expect(brierScore(h)).toBeNull();
      expect(expectedCalibrationError(h)).toBeNull();
      expect(reliabilityCurve(h)).toEqual([]);
      expect(scoreMetrics(h)).toMatchObject({ n: 0, auc: null, aucBounds: null, brier: null, ece: null, reliability: [] });
    }
  });

  it("empty calibration bins carry no weight in ECE", () => {
    // All rows in bin 0.8–0.9; the other nine bins are empty.
    const h = uniformFromRows(rows([0.85, 0.85, 0.85], [0.85]), 1000);
    expect(expectedCalibrationError(h)).toBeCloseTo(0.1, 15);
    expect(reliabilityCurve(h)).toHaveLength(1);
  });

  it("refuses calibration bins that are not unions of the fine bins, instead of approximating", () => {
    const h = uniformFromRows(TINY, 1000);
    expect(() => expectedCalibrationError(h, 3)).toThrow(/3 does not divide 1000/);
    expect(() => reliabilityCurve(h, 7)).toThrow(/7 does not divide 1000/);
    // A distinct-score histogram can be binned any way. Thirds: {0.1−}, {0.4+, 0.4−, 0.5−, 0.6+}, {0.9+}.
    expect(expectedCalibrationError(distinctFromRows(TINY), 3)).toBeCloseTo((Math.abs(0.1 - 0) + Math.abs(1.9 - 2) + Math.abs(0.9 - 1)) / 6, 15);
  });

  it("rejects a non-integer or non-positive number of calibration bins", () => {
    for (const bins of [0, -2, 2.5]) expect(() => expectedCalibrationError(distinctFromRows(TINY), bins)).toThrow(RangeError);
  });

  it("validates its input", () => {
    expect(() => rocAuc({ kind: "distinct", scores: [0.2, 0.1], positives: [1, 1], negatives: [1, 1] })).toThrow(/strictly increasing/);
  });
});

describe("AUC properties", () => {
  const random = prng(20240611);
  const sample = (n: number) => Array.from({ length: n }, () => random());

  it("is 1 for perfectly separating scores, 0 when reversed, 1/2 when constant", () => {
    for (let trial = 0; trial < 25; trial++) {
      const low = sample(1 + Math.floor(random() * 40)).map((s) => s * 0.49);
      const high = sample(1 + Math.floor(random() * 40)).map((s) => 0.5 + s * 0.5);
      const constant = random();
      for (const [, h] of both(rows(high, low))) expect(rocAuc(h)).toBe(1);
      for (const [, h] of both(rows(low, high))) expect(rocAuc(h)).toBe(0);
      for (const [, h] of both(rows(high.map(() => constant), low.map(() => constant)))) expect(rocAuc(h)).toBe(0.5);
    }
  });

  it("equals the row-by-row Mann–Whitney AUC for distinct scores, and is bracketed by the uniform bounds", () => {
    for (let trial = 0; trial < 20; trial++) {
      const r: ScoredRow[] = sample(50 + Math.floor(random() * 150)).map((s) => ({ score: s, label: random() < s ? 1 : 0 }));
      const exact = bruteForceAuc(r)!;
      expect(rocAuc(distinctFromRows(r))).toBeCloseTo(exact, 12);
      expect(rocAucBounds(distinctFromRows(r))).toEqual({ lower: rocAuc(distinctFromRows(r)), upper: rocAuc(distinctFromRows(r)) });
      for (const B of [10, 100, 1000]) {
        const bounds = rocAucBounds(uniformFromRows(r, B))!;
        expect(bounds.lower).toBeLessThanOrEqual(exact + 1e-12);
        expect(bounds.upper).toBeGreaterThanOrEqual(exact - 1e-12);
        expect(rocAuc(uniformFromRows(r, B))).toBeCloseTo((bounds.lower + bounds.upper) / 2, 12);
      }
    }
  });

  it("is unchanged by adding an empty histogram and by rebinning rows that share one bin per score", () => {
    const r: ScoredRow[] = sample(300).map((s) => ({ score: Math.round(s * 100) / 100, label: random() < s ? 1 : 0 }));
    const h = uniformFromRows(r, 1000);
    expect(rocAuc(addScoreHistograms(h, emptyUniformScoreHistogram(1000)))).toBe(rocAuc(h));
    expect(rocAuc(h)).toBeCloseTo(bruteForceAuc(r)!, 12);
  });
});

describe("scoreMetrics and groupScoreMetrics", () => {
  it("bundles the single metrics", () => {
    const h = uniformFromRows(TINY, 1000);
    const m = scoreMetrics(h, { calibrationBins: 5 });
    expect(m).toEqual({
      n: 6,
      positives: 3,
      negatives: 3,
      auc: rocAuc(h),
      aucBounds: rocAucBounds(h),
      brier: brierScore(h),
      ece: expectedCalibrationError(h, 5),
      calibrationBins: 5,
      reliability: reliabilityCurve(h, 5),
    });
    expect(scoreMetrics(h).calibrationBins).toBe(DEFAULT_CALIBRATION_BINS);
  });

  it("reports per group, largest first, with repeated labels merged", () => {
    const results = groupScoreMetrics([
      { group: "b", histogram: distinctFromRows(rows([0.9], [0.1])) },
      { group: "a", histogram: distinctFromRows(TINY) },
      { group: "b", histogram: distinctFromRows(rows([], [0.95])) },
    ]);
    expect(results.map((g) => [g.group, g.n])).toEqual([
      ["a", 6],
      ["b", 3],
    ]);
    expect(results[1]!.auc).toBe(0.5);
  });
});
