import { describe, expect, it } from "vitest";
import {
  addScoreHistograms,
  emptyUniformScoreHistogram,
  mergeGroupScoreHistograms,
  parseScoreHistogram,
  scoreHistogramTotals,
  toUniformScoreHistogram,
} from "./histogram";
import { distinctFromRows, prng, uniformFromRows, type ScoredRow } from "./testkit";
import { scoreBinIndex, type UniformScoreHistogram } from "./types";

/** The neighbouring doubles, to probe both sides of an edge. */
function nextDoubles(x: number): [number, number] {
  const buf = new Float64Array([x]);
  const bits = new BigInt64Array(buf.buffer);
  bits[0]! -= 1n;
  const below = buf[0]!;
  bits[0]! += 2n;
  return [below, buf[0]!];
}

/** The bin rule by definition: the largest edge k/B at or below the score. */
function binByDefinition(score: number, binCount: number): number {
  let bin = 0;
  for (let k = 1; k < binCount; k++) if (k / binCount <= score) bin = k;
  return bin;
}

function randomRows(seed: number, n: number, decimals?: number): ScoredRow[] {
  const random = prng(seed);
  return Array.from({ length: n }, () => {
    const raw = random();
    const score = decimals === undefined ? raw : Math.round(raw * 10 ** decimals) / 10 ** decimals;
    return { score, label: random() < score ? 1 : 0 };
  });
}

describe("scoreBinIndex", () => {
  it("puts a score on an edge in the bin above it, and 1 in the last bin", () => {
    expect(scoreBinIndex(0, 10)).toBe(0);
    expect(scoreBinIndex(0.3, 10)).toBe(3);
    expect(scoreBinIndex(0.9, 10)).toBe(9);
    expect(scoreBinIndex(1, 10)).toBe(9);
    expect(scoreBinIndex(0.15, 1000)).toBe(150);
    expect(scoreBinIndex(0.999, 1000)).toBe(999);
  });

  // floor(s * B) gets these wrong; the threshold rule s >= k/B must not.
  it("corrects floor(score × B) where the product rounds across an edge", () => {
    expect(Math.floor(0.8999999999999999 * 10)).toBe(9);
    expect(scoreBinIndex(0.8999999999999999, 10)).toBe(8);
    expect(Math.floor((1 / 49) * 49)).toBe(0);
    expect(scoreBinIndex(1 / 49, 49)).toBe(1);
  });

  it.each([3, 7, 10, 20, 49, 100, 1000])("agrees with the edge definition next to every edge of %i bins", (B) => {
    for (let k = 1; k < B; k++) {
      const edge = k / B;
      for (const s of [...nextDoubles(edge), edge]) expect(scoreBinIndex(s, B)).toBe(binByDefinition(s, B));
    }
  });

  it("rejects scores outside [0, 1] and bad bin counts", () => {
    for (const s of [-0.01, 1.01, Number.NaN, Infinity]) expect(() => scoreBinIndex(s, 10)).toThrow(RangeError);
    for (const b of [0, -1, 2.5]) expect(() => scoreBinIndex(0.5, b)).toThrow(RangeError);
  });
});

describe("parseScoreHistogram", () => {
  const valid = uniformFromRows(randomRows(1, 200), 20);

  it("accepts what the aggregate produces, including an empty histogram", () => {
    expect(parseScoreHistogram(valid)).toEqual(valid);
    expect(parseScoreHistogram(emptyUniformScoreHistogram(5))).toEqual(emptyUniformScoreHistogram(5));
    expect(parseScoreHistogram({ kind: "distinct", scores: [], positives: [], negatives: [] }).kind).toBe("distinct");
  });

  it("rejects arrays whose length is not the bin count", () => {
    expect(() => parseScoreHistogram({ ...valid, negatives: valid.negatives.slice(1) })).toThrow(/negatives has 19 entries; binCount is 20/);
  });

  it("rejects negative or fractional counts", () => {
    expect(() => parseScoreHistogram({ ...valid, positives: valid.positives.map((x, i) => (i === 0 ? -1 : x)) })).toThrow(RangeError);
    expect(() => parseScoreHistogram({ ...valid, positives: valid.positives.map((x, i) => (i === 0 ? 0.5 : x)) })).toThrow(RangeError);
  });

  // The commonest aggregate bug: the query and the reader disagree on B.
  it("rejects sums that do not fit their bins, as when the query used another bin count", () => {
    const tenBins = uniformFromRows(randomRows(2, 200), 10);
    const relabelled = {
      ...tenBins,
      binCount: 20,
      ...Object.fromEntries(
        (["positives", "negatives", "sumScorePositives", "sumScoreNegatives", "sumSquaresPositives", "sumSquaresNegatives"] as const).map((key) => [
          key,
          [...tenBins[key], ...new Array<number>(10).fill(0)],
        ]),
      ),
    };
    expect(() => parseScoreHistogram(relabelled)).toThrow(/was the histogram built with 20 bins/);
  });

  it("rejects distinct scores out of order, repeated or outside [0, 1]", () => {
    const base = { kind: "distinct", positives: [1, 1], negatives: [1, 1] };
    expect(() => parseScoreHistogram({ ...base, scores: [0.5, 0.2] })).toThrow(/strictly increasing/);
    expect(() => parseScoreHistogram({ ...base, scores: [0.5, 0.5] })).toThrow(/strictly increasing/);
    expect(() => parseScoreHistogram({ ...base, scores: [0.5, 1.5] })).toThrow(RangeError);
    expect(() => parseScoreHistogram({ ...base, scores: [0.5] })).toThrow(/same length/);
  });
});

describe("adding and rebinning histograms", () => {
  const a = randomRows(3, 150, 2);
  const b = randomRows(4, 90, 2);

  const expectSameUniform = (actual: UniformScoreHistogram, expected: UniformScoreHistogram) => {
    expect(actual.binCount).toBe(expected.binCount);
    expect(actual.positives).toEqual(expected.positives);
    expect(actual.negatives).toEqual(expected.negatives);
    for (const key of ["sumScorePositives", "sumScoreNegatives", "sumSquaresPositives", "sumSquaresNegatives"] as const) {
      actual[key].forEach((v, i) => expect(v).toBeCloseTo(expected[key][i]!, 12));
    }
  };

  it("adds uniform histograms into the histogram of the pooled rows", () => {
    const sum = addScoreHistograms(uniformFromRows(a, 100), uniformFromRows(b, 100));
    expect(sum.kind).toBe("uniform");
    expectSameUniform(sum as UniformScoreHistogram, uniformFromRows([...a, ...b], 100));
  });

  it("merges distinct-score histograms exactly, equal scores into one entry", () => {
    expect(addScoreHistograms(distinctFromRows(a), distinctFromRows(b), distinctFromRows([]))).toEqual(distinctFromRows([...a, ...b]));
  });

  it("refuses to add different bin counts or different kinds", () => {
    expect(() => addScoreHistograms(uniformFromRows(a, 100), uniformFromRows(b, 10))).toThrow(/100 and 10 bins/);
    expect(() => addScoreHistograms(uniformFromRows(a, 100), distinctFromRows(b))).toThrow(/uniform and a distinct/);
  });

  it("coarsens a uniform histogram to any divisor of its bin count", () => {
    expectSameUniform(toUniformScoreHistogram(uniformFromRows(a, 1000), 10), uniformFromRows(a, 10));
    expectSameUniform(toUniformScoreHistogram(uniformFromRows(a, 1000), 1000), uniformFromRows(a, 1000));
    expect(() => toUniformScoreHistogram(uniformFromRows(a, 1000), 30)).toThrow(/divides 1000/);
  });

  it("bins a distinct-score histogram into any bin count", () => {
    for (const B of [7, 10, 49, 1000]) expectSameUniform(toUniformScoreHistogram(distinctFromRows(a), B), uniformFromRows(a, B));
  });

  it("totals rows and classes", () => {
    const positives = a.filter((r) => r.label === 1).length;
    expect(scoreHistogramTotals(uniformFromRows(a, 10))).toEqual({ n: a.length, positives, negatives: a.length - positives });
    expect(scoreHistogramTotals(distinctFromRows(a))).toEqual({ n: a.length, positives, negatives: a.length - positives });
  });

  it("merges repeated group labels and orders groups like the fairness tables", () => {
    const merged = mergeGroupScoreHistograms([
      { group: "small", histogram: distinctFromRows(b.slice(0, 10)) },
      { group: "x", histogram: distinctFromRows(a.slice(0, 50)) },
      { group: "big", histogram: distinctFromRows(a) },
      { group: "x", histogram: distinctFromRows(a.slice(50, 150)) },
    ]);
    expect(merged.map((g) => g.group)).toEqual(["big", "x", "small"]);
    expect(merged[1]!.histogram).toEqual(distinctFromRows(a));
  });
});
