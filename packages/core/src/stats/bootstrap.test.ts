import { describe, expect, it } from "vitest";
import type { GroupCounts } from "../fairness/types";
import { bootstrapGroupCounts, quantileSorted, type BootstrapStatistic } from "./bootstrap";
import { createRandom, sampleMultinomial, type RandomSource } from "./random";

const size = (g: GroupCounts) => g.tp + g.fp + g.tn + g.fn;
const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/** Per-group selection rate, TPR and FPR, and each group's selection-rate difference and ratio to the first group. */
const rates: BootstrapStatistic = (groups) => {
  const out: Record<string, number | null> = {};
  const reference = groups[0];
  const refRate = reference ? ratio(reference.tp + reference.fp, size(reference)) : null;
  for (const g of groups) {
    const selection = ratio(g.tp + g.fp, size(g));
    out[`selection|${g.group}`] = selection;
    out[`tpr|${g.group}`] = ratio(g.tp, g.tp + g.fn);
    out[`fpr|${g.group}`] = ratio(g.fp, g.fp + g.tn);
    if (g !== reference) {
      out[`diff|${g.group}`] = selection === null || refRate === null ? null : selection - refRate;
      out[`ratio|${g.group}`] = selection === null || refRate === null ? null : ratio(selection, refRate);
    }
  }
  return out;
};

/** Groups whose rows fall in (tp, fp, tn, fn) with the given probabilities. */
function simulateGroups(random: RandomSource, specs: Array<{ n: number; cells: [number, number, number, number] }>): GroupCounts[] {
  return specs.map(({ n, cells }, i) => {
    const [tp, fp, tn, fn] = sampleMultinomial(random, n, cells) as [number, number, number, number];
    return { group: `g${i}`, tp, fp, tn, fn };
  });
}

/** Cell probabilities with selection rate s, where the selected are 60% true positives and the rest 70% true negatives. */
const cellsWithSelectionRate = (s: number): [number, number, number, number] => [0.6 * s, 0.4 * s, 0.7 * (1 - s), 0.3 * (1 - s)];

const COMPAS_RACE: GroupCounts[] = [
  { group: "African-American", tp: 1188, fp: 641, tn: 873, fn: 473 },
  { group: "Caucasian", tp: 414, fp: 282, tn: 999, fn: 408 },
  { group: "Hispanic", tp: 79, fp: 62, tn: 258, fn: 110 },
  { group: "Asian", tp: 5, fp: 2, tn: 21, fn: 3 },
];

describe("quantileSorted", () => {
  it("interpolates linearly between order statistics like numpy.percentile", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([7], 0.975)).toBe(7);
    // np.percentile(np.arange(1, 1001), [2.5, 97.5]) → [25.975, 975.025]
    const thousand = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(quantileSorted(thousand, 0.025)).toBeCloseTo(25.975, 12);
    expect(quantileSorted(thousand, 0.975)).toBeCloseTo(975.025, 12);
  });

  it("rejects an empty sample and q outside [0, 1]", () => {
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
    expect(() => quantileSorted([1], 1.5)).toThrow(RangeError);
  });
});

describe("bootstrapGroupCounts", () => {
  it("reports the observed estimates and an interval for every named number", () => {
    const result = bootstrapGroupCounts(COMPAS_RACE, { seed: 1 }, rates);
    expect(result).toMatchObject({ resamples: 1000, seed: 1, confidence: 0.95, scheme: "stratified" });
    expect(Object.keys(result.intervals)).toEqual(Object.keys(result.estimates));
    expect(Object.keys(result.intervals)).toHaveLength(4 * 3 + 3 * 2);
    expect(result.estimates["fpr|African-American"]).toBe(641 / 1514);
    const fpr = result.intervals["fpr|African-American"]!;
    // The percentile interval of a rate from 1514 rows is close to its Wilson interval (0.399, 0.448).
    expect(fpr.lower).toBeCloseTo(0.399, 2);
    expect(fpr.upper).toBeCloseTo(0.448, 2);
    expect(fpr.undefinedDraws).toBe(0);
  });

  it("is reproducible: same seed, identical result; another seed, different intervals", () => {
    const a = bootstrapGroupCounts(COMPAS_RACE, { seed: 2024, resamples: 300 }, rates);
    expect(bootstrapGroupCounts(COMPAS_RACE, { seed: 2024, resamples: 300 }, rates)).toEqual(a);
    const b = bootstrapGroupCounts(COMPAS_RACE, { seed: 2025, resamples: 300 }, rates);
    expect(b.intervals).not.toEqual(a.intervals);
    expect(b.estimates).toEqual(a.estimates);
    const pooled = bootstrapGroupCounts(COMPAS_RACE, { seed: 2024, resamples: 300, scheme: "pooled" }, rates);
    expect(bootstrapGroupCounts(COMPAS_RACE, { seed: 2024, resamples: 300, scheme: "pooled" }, rates)).toEqual(pooled);
  });

  it("keeps group sizes fixed when stratified and lets them vary (summing to the total) when pooled", () => {
    const sizes: BootstrapStatistic = (groups) => ({
      ...Object.fromEntries(groups.map((g) => [g.group, size(g)])),
      total: groups.reduce((s, g) => s + size(g), 0),
    });
    const stratified = bootstrapGroupCounts(COMPAS_RACE, { seed: 3, resamples: 200 }, sizes);
    const pooled = bootstrapGroupCounts(COMPAS_RACE, { seed: 3, resamples: 200, scheme: "pooled" }, sizes);
    for (const g of COMPAS_RACE) {
      expect(stratified.intervals[g.group]).toEqual({ lower: size(g), upper: size(g), undefinedDraws: 0 });
      expect(pooled.intervals[g.group]!.upper).toBeGreaterThan(pooled.intervals[g.group]!.lower);
    }
    const total = COMPAS_RACE.reduce((s, g) => s + size(g), 0);
    expect(pooled.intervals.total).toEqual({ lower: total, upper: total, undefinedDraws: 0 });
  });

  it("leaves undefined draws out of the interval and counts them", () => {
    const groups: GroupCounts[] = [
      { group: "a", tp: 40, fp: 10, tn: 40, fn: 10 },
      { group: "no positives", tp: 0, fp: 5, tn: 45, fn: 0 },
      { group: "one positive", tp: 1, fp: 5, tn: 44, fn: 0 },
    ];
    const result = bootstrapGroupCounts(groups, { seed: 4, resamples: 1000 }, rates);
    expect(result.estimates["tpr|no positives"]).toBeNull();
    expect(result.intervals["tpr|no positives"]).toBeNull();
    // P(the single positive row is never drawn in 50 draws) = (49/50)^50 ≈ 36%.
    const one = result.intervals["tpr|one positive"]!;
    expect(one.undefinedDraws).toBeGreaterThan(300);
    expect(one.undefinedDraws).toBeLessThan(430);
    expect(one).toMatchObject({ lower: 1, upper: 1 });
  });

  it("treats NaN, ±∞, null and missing names as undefined", () => {
    let call = 0;
    const flaky: BootstrapStatistic = () => {
      call++;
      const v = [Number.NaN, Number.POSITIVE_INFINITY, null, undefined, 0.5][call % 5];
      return call % 7 === 0 ? { x: 0.25 } : { x: 0.25, y: v };
    };
    const result = bootstrapGroupCounts(COMPAS_RACE, { seed: 5, resamples: 700 }, flaky);
    expect(result.intervals.x).toEqual({ lower: 0.25, upper: 0.25, undefinedDraws: 0 });
    const y = result.intervals.y!;
    expect(y).toMatchObject({ lower: 0.5, upper: 0.5 });
    expect(y.undefinedDraws).toBe(700 - 120); // calls 2..701: 140 give 0.5, 20 of those are multiples of 7
  });

  it("can report a name that first appears in a resample", () => {
    let call = 0;
    const late: BootstrapStatistic = () => (++call === 1 ? {} : { late: call });
    const result = bootstrapGroupCounts(COMPAS_RACE, { seed: 6, resamples: 10 }, late);
    expect(result.estimates.late).toBeNull();
    expect(result.intervals.late).toMatchObject({ lower: 2 + 0.025 * 9, upper: 11 - 0.025 * 9, undefinedDraws: 0 });
  });

  it("lets small groups vanish in the pooled scheme, which the stratified default avoids", () => {
    const groups: GroupCounts[] = [
      { group: "big", tp: 3000, fp: 2000, tn: 3000, fn: 1998 },
      { group: "tiny", tp: 1, fp: 1, tn: 0, fn: 0 },
    ];
    const pooled = bootstrapGroupCounts(groups, { seed: 7, resamples: 1000, scheme: "pooled" }, rates);
    const stratified = bootstrapGroupCounts(groups, { seed: 7, resamples: 1000 }, rates);
    // P(no "tiny" row among 10 000 draws) = (1 − 2/10 000)^10 000 ≈ e⁻² ≈ 13.5%.
    expect(pooled.intervals["selection|g1"]).toBeUndefined();
    expect(pooled.intervals["selection|tiny"]!.undefinedDraws).toBeGreaterThan(100);
    expect(pooled.intervals["selection|tiny"]!.undefinedDraws).toBeLessThan(175);
    expect(stratified.intervals["selection|tiny"]!.undefinedDraws).toBe(0);
  });

  it("narrows with a lower confidence level and matches the binomial standard error", () => {
    const groups: GroupCounts[] = [{ group: "g", tp: 72, fp: 48, tn: 196, fn: 84 }];
    const wide = bootstrapGroupCounts(groups, { seed: 8, resamples: 4000 }, rates).intervals["selection|g"]!;
    const narrow = bootstrapGroupCounts(groups, { seed: 8, resamples: 4000, confidence: 0.5 }, rates).intervals["selection|g"]!;
    expect(narrow.upper - narrow.lower).toBeLessThan(wide.upper - wide.lower);
    // Resampling 400 rows: the selection rate 0.3 has sd √(0.3 · 0.7 / 400) ≈ 0.0229.
    const expectedWidth = 2 * 1.959964 * Math.sqrt((0.3 * 0.7) / 400);
    expect(Math.abs(wide.upper - wide.lower - expectedWidth) / expectedWidth).toBeLessThan(0.08);
  });

  it("rejects invalid counts and options", () => {
    const bad = [{ group: "g", tp: -1, fp: 0, tn: 0, fn: 0 }];
    expect(() => bootstrapGroupCounts(bad, { seed: 1 }, rates)).toThrow(RangeError);
    expect(() => bootstrapGroupCounts(COMPAS_RACE, { seed: 1, resamples: 0 }, rates)).toThrow(RangeError);
    expect(() => bootstrapGroupCounts(COMPAS_RACE, { seed: 1, confidence: 1 }, rates)).toThrow(RangeError);
    expect(() => bootstrapGroupCounts(COMPAS_RACE, { seed: 1.5 }, rates)).toThrow(RangeError);
  });

  describe("properties (seeded)", () => {
    it("contains the point estimate for non-degenerate data, under both schemes", () => {
      const random = createRandom(31337);
      const misses: string[] = [];
      for (let dataset = 0; dataset < 40; dataset++) {
        const specs = Array.from({ length: 2 + (dataset % 5) }, () => ({
          n: 100 + Math.floor(random.nextFloat() * 3000),
          cells: cellsWithSelectionRate(0.1 + 0.8 * random.nextFloat()),
        }));
        const groups = simulateGroups(random, specs);
        for (const scheme of ["stratified", "pooled"] as const) {
          const { intervals, estimates } = bootstrapGroupCounts(groups, { seed: dataset, resamples: 400, scheme }, rates);
          for (const [name, interval] of Object.entries(intervals)) {
            const estimate = estimates[name];
            if (interval === null || estimate === null || estimate === undefined) misses.push(`${name}: undefined`);
            else if (!(interval.lower <= estimate && estimate <= interval.upper)) misses.push(`${scheme} ${dataset} ${name}`);
          }
        }
      }
      expect(misses).toEqual([]);
    });

    it("gives different intervals for different seeds (almost surely)", () => {
      const seen = new Set<string>();
      for (let seed = 0; seed < 20; seed++) {
        const { intervals } = bootstrapGroupCounts(COMPAS_RACE, { seed, resamples: 200 }, rates);
        seen.add(JSON.stringify(intervals));
      }
      expect(seen.size).toBe(20);
    });

    it("covers the true rates and disparities at close to the nominal 95% (simulation, 400 repetitions)", () => {
      // Selection rates 0.1, 0.3 and 0.5 in groups of 200. For a percentile
      // interval the exact coverage here is about 95.5% (binomial
      // calculation), so 93% leaves room for the ±1 pp simulation noise.
      const truth = [0.1, 0.3, 0.5];
      const specs = truth.map((s) => ({ n: 200, cells: cellsWithSelectionRate(s) }));
      const random = createRandom(95);
      const repetitions = 400;
      const covered: Record<string, number> = {};
      for (let rep = 0; rep < repetitions; rep++) {
        const groups = simulateGroups(random, specs);
        const { intervals } = bootstrapGroupCounts(groups, { seed: rep }, rates);
        const check = (name: string, value: number) => {
          const ci = intervals[name];
          covered[name] = (covered[name] ?? 0) + (ci && ci.lower <= value && value <= ci.upper ? 1 : 0);
        };
        truth.forEach((s, i) => {
          check(`selection|g${i}`, s);
          if (i > 0) check(`diff|g${i}`, s - truth[0]!);
        });
      }
      const coverage = Object.fromEntries(Object.entries(covered).map(([k, v]) => [k, v / repetitions]));
      expect(Object.keys(coverage)).toHaveLength(5);
      for (const [name, c] of Object.entries(coverage)) {
        expect(c, name).toBeGreaterThanOrEqual(0.93);
        expect(c, name).toBeLessThanOrEqual(0.99);
      }
    });
  });
});
