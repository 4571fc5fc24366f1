import { describe, expect, it } from "vitest";
import { type LogisticTrainingSet, rowMargin, sigmoid, trainLogisticRegression } from "./logistic-regression";

/** Rows given as lists of [feature, value]; dimension 2 unless told. */
function dataset(rows: Array<Array<[number, number]>>, target: number[], weight?: number[], dimension = 2): LogisticTrainingSet {
  const rowStart = new Int32Array(rows.length + 1);
  const index: number[] = [];
  const value: number[] = [];
  rows.forEach((row, r) => {
    for (const [feature, x] of row) {
      index.push(feature);
      value.push(x);
    }
    rowStart[r + 1] = index.length;
  });
  return {
    rowStart,
    index: Int32Array.from(index),
    value: Float32Array.from(value),
    dimension,
    target: Float64Array.from(target),
    weight: Float64Array.from(weight ?? target.map(() => 1)),
  };
}

describe("trainLogisticRegression", () => {
  it("finds the maximum-likelihood solution of a saturated model (no regularisation)", () => {
    // Feature 0 present: 3 toxic of 4; absent: 1 of 4. The MLE puts the log-odds exactly there.
    const present: Array<[number, number]> = [[0, 1]];
    const data = dataset([present, present, present, present, [], [], [], []], [1, 1, 1, 0, 1, 0, 0, 0]);
    const { model, converged } = trainLogisticRegression(data, { l2: 0, gradientTolerance: 1e-10 });
    expect(converged).toBe(true);
    expect(model.bias).toBeCloseTo(Math.log(1 / 3), 6);
    expect(model.weights[0]! + model.bias).toBeCloseTo(Math.log(3), 6);
    expect(model.weights[1]).toBe(0);
  });

  it("treats a sample weight of 2 like a duplicated row", () => {
    const rows: Array<Array<[number, number]>> = [[[0, 1]], [[0, 1]], [[1, 1]], [[0, 0.5], [1, 0.5]]];
    const weighted = trainLogisticRegression(dataset(rows, [1, 0, 0, 1], [2, 1, 1, 1]), { l2: 0.01 });
    const duplicated = trainLogisticRegression(dataset([rows[0]!, ...rows], [1, 1, 0, 0, 1]), { l2: 0.01 });
    // Weights are normalised by their total, so the duplicated set (total 5) matches the weighted one (total 5).
    expect(weighted.model.bias).toBeCloseTo(duplicated.model.bias, 6);
    expect(weighted.model.weights[0]).toBeCloseTo(duplicated.model.weights[0]!, 6);
  });

  it("shrinks weights as the L2 penalty grows, and a per-weight scale shrinks just that weight", () => {
    const rows: Array<Array<[number, number]>> = [[[0, 1]], [[0, 1]], [[1, 1]], [[1, 1]]];
    const data = dataset(rows, [1, 1, 0, 0]);
    const weak = trainLogisticRegression(data, { l2: 0.01 }).model;
    const strong = trainLogisticRegression(data, { l2: 1 }).model;
    expect(Math.abs(strong.weights[0]!)).toBeLessThan(Math.abs(weak.weights[0]!));
    const scaled = trainLogisticRegression(data, { l2: 0.01, l2Scale: Float64Array.from([100, 1]) }).model;
    expect(Math.abs(scaled.weights[0]!)).toBeLessThan(Math.abs(weak.weights[0]!) / 5);
    expect(scaled.weights[1]).toBeLessThan(0);
  });

  it("accepts soft targets and is deterministic", () => {
    const rows: Array<Array<[number, number]>> = [[[0, 1]], [[1, 1]], [[0, 1], [1, 1]]];
    const data = dataset(rows, [0.9, 0.2, 0.5]);
    const first = trainLogisticRegression(data, { l2: 0.001 });
    const second = trainLogisticRegression(data, { l2: 0.001 });
    expect(Array.from(first.model.weights)).toEqual(Array.from(second.model.weights));
    expect(sigmoid(rowMargin(first.model, data, 0))).toBeGreaterThan(sigmoid(rowMargin(first.model, data, 1)));
  });

  it("rejects a negative penalty", () => {
    expect(() => trainLogisticRegression(dataset([[[0, 1]]], [1]), { l2: -1 })).toThrow(RangeError);
  });
});

describe("sigmoid", () => {
  it("is stable at the extremes", () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(-3) + sigmoid(3)).toBeCloseTo(1, 15);
  });
});
