import { describe, expect, it } from "vitest";
import { binaryRates, countsAtThreshold, rocAuc, summariseClassifier, thresholdAtFalsePositiveRate } from "./toxicity-metrics";

describe("rocAuc", () => {
  it("is 1 for a perfect ranking, 0 for a reversed one, and counts ties as half", () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [false, false, true, true])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [false, true, false, true])).toBe(0.5);
  });

  it("matches the pair count: 3 of 4 (positive, negative) pairs ordered correctly", () => {
    expect(rocAuc([0.3, 0.6, 0.4, 0.9], [false, false, true, true])).toBe(0.75);
  });

  it("weights pairs by the product of sample weights", () => {
    // Positive 0.4 beats negative 0.3 (weight 3) and loses to 0.6 (weight 1): 3 / 4.
    expect(rocAuc([0.3, 0.6, 0.4], [false, false, true], [3, 1, 1])).toBe(0.75);
  });
});

describe("threshold metrics", () => {
  const scores = [0.1, 0.4, 0.35, 0.8, 0.7, 0.2];
  const toxic = [false, false, true, true, true, false];

  it("counts flags at score ≥ threshold", () => {
    expect(countsAtThreshold(scores, toxic, 0.35)).toEqual({ truePositives: 3, falsePositives: 1, trueNegatives: 2, falseNegatives: 0 });
    const rates = binaryRates(countsAtThreshold(scores, toxic, 0.5));
    expect(rates.precision).toBe(1);
    expect(rates.recall).toBeCloseTo(2 / 3, 12);
    expect(rates.falsePositiveRate).toBe(0);
  });

  it("picks the lowest threshold within a false-positive budget, between two scores", () => {
    // Negatives score 0.4, 0.2, 0.1: a budget of one in three allows flagging down to 0.35.
    const third = thresholdAtFalsePositiveRate(scores, toxic, 1 / 3);
    expect(third.threshold).toBeCloseTo((0.35 + 0.2) / 2, 12);
    expect(third).toMatchObject({ falsePositiveRate: 1 / 3, truePositiveRate: 1 });
    const none = thresholdAtFalsePositiveRate(scores, toxic, 0);
    expect(none.threshold).toBeCloseTo((0.7 + 0.4) / 2, 12);
    expect(none.truePositiveRate).toBeCloseTo(2 / 3, 12);
  });

  it("summarises a classifier in one record", () => {
    const summary = summariseClassifier(scores, toxic, 0.5);
    expect(summary).toMatchObject({ count: 6, positives: 3, threshold: 0.5, truePositives: 2 });
    expect(summary.auc).toBeCloseTo(8 / 9, 12);
  });
});
