import { describe, expect, it } from "vitest";
import { createRandom, createRandomFromState, multinomialPlan, sampleBinomial, sampleMultinomial, type RandomSource } from "./random";
import { logFactorial, normalSf } from "./special";

const draw = (random: RandomSource, count: number, f: (r: RandomSource) => number) => Array.from({ length: count }, () => f(random));

function binomialPmf(n: number, p: number, k: number): number {
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  return Math.exp(logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/**
 * Pearson's χ² goodness of fit of draws to Binomial(n, p), over ±8 sd of the
 * mean (the mass outside is < 1e-14), merging neighbouring cells until each
 * expects ≥ 5. The p-value uses the Wilson–Hilferty normal approximation to
 * χ², which is ample for telling a correct sampler from a broken one.
 */
function binomialGoodnessOfFit(draws: readonly number[], n: number, p: number): { chi2: number; df: number; pValue: number } {
  const sd = Math.sqrt(n * p * (1 - p));
  const lo = Math.max(0, Math.floor(n * p - 8 * sd));
  const hi = Math.min(n, Math.ceil(n * p + 8 * sd));
  const observed = new Array<number>(hi - lo + 1).fill(0);
  for (const k of draws) observed[Math.min(hi, Math.max(lo, k)) - lo]!++;
  const cells: Array<{ o: number; e: number }> = [];
  let cell = { o: 0, e: 0 };
  for (let k = lo; k <= hi; k++) {
    cell.o += observed[k - lo]!;
    cell.e += draws.length * binomialPmf(n, p, k);
    if (cell.e >= 5) {
      cells.push(cell);
      cell = { o: 0, e: 0 };
    }
  }
  const last = cells.at(-1)!;
  last.o += cell.o;
  last.e += cell.e;
  const chi2 = cells.reduce((s, c) => s + (c.o - c.e) ** 2 / c.e, 0);
  const df = cells.length - 1;
  const z = (Math.cbrt(chi2 / df) - (1 - 2 / (9 * df))) / Math.sqrt(2 / (9 * df));
  return { chi2, df, pValue: normalSf(z) };
}

describe("createRandom (xoshiro128**)", () => {
  it("reproduces the reference implementation's output for state {1, 2, 3, 4}", () => {
    const random = createRandomFromState([1, 2, 3, 4]);
    expect(draw(random, 6, (r) => r.nextUint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it("gives the same stream for the same seed and different streams for different seeds", () => {
    const a = draw(createRandom(123), 50, (r) => r.nextUint32());
    expect(draw(createRandom(123), 50, (r) => r.nextUint32())).toEqual(a);
    for (const seed of [124, 0, -123, 123 + 2 ** 32, Number.MAX_SAFE_INTEGER]) {
      expect(draw(createRandom(seed), 50, (r) => r.nextUint32())).not.toEqual(a);
    }
  });

  it("draws floats in [0, 1) with the moments of U(0, 1)", () => {
    const xs = draw(createRandom(99), 100_000, (r) => r.nextFloat());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / xs.length));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it("rejects unusable seeds and states", () => {
    expect(() => createRandom(1.5)).toThrow(RangeError);
    expect(() => createRandom(2 ** 60)).toThrow(RangeError);
    expect(() => createRandomFromState([0, 0, 0, 0])).toThrow(RangeError);
    expect(() => createRandomFromState([2 ** 32, 0, 0, 0])).toThrow(RangeError);
  });
});

describe("sampleBinomial", () => {
  // Inversion below n·min(p, 1 − p) = 10, BTRS above; p > ½ by reflection.
  const cases: Array<[n: number, p: number]> = [
    [1, 0.5],
    [5, 0.3],
    [30, 0.2],
    [20, 0.49],
    [40, 0.8],
    [21, 0.48],
    [25, 0.5],
    [200, 0.1],
    [1000, 0.3],
    [100_000, 0.01],
    [1_000_000, 0.7],
    [1_000_000_000, 0.001],
    [2_000_000_000, 0.5],
  ];

  it.each(cases)("Binomial(%i, %d) has mean n·p and variance n·p·(1 − p) within 5 standard errors", (n, p) => {
    const draws = 20_000;
    const xs = draw(createRandom(n * 7 + Math.round(p * 1000)), draws, (r) => sampleBinomial(r, n, p));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / draws;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (draws - 1);
    const sigma2 = n * p * (1 - p);
    const mu4 = sigma2 * (1 + 3 * (n - 2) * p * (1 - p)); // fourth central moment
    expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt(sigma2 / draws));
    // The small floor covers Bernoulli(½), whose sample variance barely varies (μ₄ = σ⁴).
    expect(Math.abs(variance - sigma2)).toBeLessThan(5 * Math.sqrt((mu4 - sigma2 * sigma2) / draws) + 1e-3 * sigma2);
  });

  it.each([
    [30, 0.2],
    [40, 0.8],
    [21, 0.48],
    [25, 0.5],
    [1000, 0.3],
    [100_000, 0.01],
    [1_000_000, 0.7],
  ])("Binomial(%i, %d) passes a χ² goodness-of-fit test against the exact pmf", (n, p) => {
    const xs = draw(createRandom(31 * n + 1), 50_000, (r) => sampleBinomial(r, n, p));
    const { pValue } = binomialGoodnessOfFit(xs, n, p);
    expect(pValue).toBeGreaterThan(1e-4);
  });

  it("returns the certain outcomes exactly", () => {
    const random = createRandom(1);
    expect(sampleBinomial(random, 0, 0.4)).toBe(0);
    expect(sampleBinomial(random, 1000, 0)).toBe(0);
    expect(sampleBinomial(random, 1000, 1)).toBe(1000);
  });

  it("rejects invalid parameters", () => {
    const random = createRandom(1);
    expect(() => sampleBinomial(random, -1, 0.5)).toThrow(RangeError);
    expect(() => sampleBinomial(random, 2.5, 0.5)).toThrow(RangeError);
    expect(() => sampleBinomial(random, 10, 1.5)).toThrow(RangeError);
    expect(() => sampleBinomial(random, 10, Number.NaN)).toThrow(RangeError);
  });
});

describe("sampleMultinomial", () => {
  it("places every trial, never in a zero-weight cell, with means n·wᵢ/Σw", () => {
    const random = createRandom(5);
    const weights = [3, 0, 1, 6, 0];
    const sums = [0, 0, 0, 0, 0];
    const draws = 5000;
    for (let i = 0; i < draws; i++) {
      const x = sampleMultinomial(random, 200, weights);
      expect(x.reduce((s, v) => s + v, 0)).toBe(200);
      expect(x[1]).toBe(0);
      expect(x[4]).toBe(0);
      x.forEach((v, j) => (sums[j]! += v));
    }
    weights.forEach((w, j) => {
      const p = w / 10;
      const se = Math.sqrt((200 * p * (1 - p)) / draws);
      expect(Math.abs(sums[j]! / draws - 200 * p)).toBeLessThanOrEqual(5 * se);
    });
  });

  it("makes the last positive cell's conditional probability exactly 1", () => {
    const plan = multinomialPlan([0.1, 0.2, 0.7, 0]);
    expect(plan[0]).toBeCloseTo(0.1, 15);
    expect(plan[1]).toBeCloseTo(0.2 / 0.9, 15);
    expect(plan[2]).toBe(1);
    expect(plan[3]).toBe(0);
  });

  it("handles n = 0 and refuses to place trials when every weight is 0", () => {
    const random = createRandom(5);
    expect(sampleMultinomial(random, 0, [0, 0])).toEqual([0, 0]);
    expect(sampleMultinomial(random, 0, [])).toEqual([]);
    expect(() => sampleMultinomial(random, 3, [0, 0])).toThrow(RangeError);
    expect(() => sampleMultinomial(random, 3, [1, -1])).toThrow(RangeError);
  });
});
