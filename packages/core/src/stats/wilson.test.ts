import { describe, expect, it } from "vitest";
import { wilsonInterval, Z_95 } from "./wilson";

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

describe("wilsonInterval", () => {
  it("uses the 97.5% normal quantile by default", () => {
    expect(Z_95).toBeCloseTo(1.96, 2);
    expect(wilsonInterval(5, 10)).toEqual(wilsonInterval(5, 10, Z_95));
  });

  it("returns null when there are no trials", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  // Closed forms at the edges: lower = 0 and upper = z²/(n + z²) for 0 successes.
  it("gives [0, z²/(n+z²)] for 0 of 10", () => {
    const ci = wilsonInterval(0, 10)!;
    expect(ci.lower).toBe(0);
    expect(ci.upper).toBeCloseTo((Z_95 * Z_95) / (10 + Z_95 * Z_95), 14);
    expect(ci.upper).toBeCloseTo(0.2775327998628892, 12);
  });

  it("gives [n/(n+z²), 1] for 10 of 10, with the upper bound exactly 1", () => {
    const ci = wilsonInterval(10, 10)!;
    expect(ci.upper).toBe(1);
    expect(ci.lower).toBeCloseTo(10 / (10 + Z_95 * Z_95), 14);
    expect(ci.lower).toBeCloseTo(0.7224672001371107, 12);
  });

  it("is symmetric around 0.5 for 5 of 10 (statsmodels: 0.236593, 0.763407)", () => {
    const ci = wilsonInterval(5, 10)!;
    expect(ci.lower).toBeCloseTo(0.236593090512564, 12);
    expect(ci.upper).toBeCloseTo(0.7634069094874361, 12);
    expect(ci.lower + ci.upper).toBeCloseTo(1, 14);
  });

  // Newcombe (1998), Stat Med 17:857-872, Table I, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("reproduces Newcombe's published interval for %i/%i", (s, n, lower, upper) => {
    const ci = wilsonInterval(s, n)!;
    expect(ci.lower).toBeCloseTo(lower, 4);
    expect(ci.upper).toBeCloseTo(upper, 4);
  });

  it("narrows with a smaller z", () => {
    const wide = wilsonInterval(30, 100)!;
    const narrow = wilsonInterval(30, 100, 1)!;
    expect(narrow.lower).toBeGreaterThan(wide.lower);
    expect(narrow.upper).toBeLessThan(wide.upper);
  });

  it("rejects impossible counts", () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 0)).toThrow(RangeError);
  });

  describe("properties (seeded)", () => {
    const random = prng(20160523);
    const cases = Array.from({ length: 2000 }, () => {
      const n = 1 + Math.floor(random() ** 3 * 5000);
      const s = Math.floor(random() * (n + 1));
      return [s, n] as const;
    });

    it("contains the point estimate and stays within [0, 1]", () => {
      for (const [s, n] of cases) {
        const ci = wilsonInterval(s, n)!;
        expect(ci.lower).toBeGreaterThanOrEqual(0);
        expect(ci.upper).toBeLessThanOrEqual(1);
        expect(ci.lower).toBeLessThanOrEqual(s / n);
        expect(ci.upper).toBeGreaterThanOrEqual(s / n);
      }
    });

    it("has bounds that solve the score equation (p̂ − p)² = z²·p(1 − p)/n", () => {
      for (const [s, n] of cases) {
        const ci = wilsonInterval(s, n)!;
        const p = s / n;
        for (const bound of [ci.lower, ci.upper]) {
          const lhs = (p - bound) ** 2;
          const rhs = (Z_95 * Z_95 * bound * (1 - bound)) / n;
          expect(Math.abs(lhs - rhs)).toBeLessThan(1e-12);
        }
      }
    });

    it("mirrors: the interval for n − s failures is 1 minus the interval for s successes", () => {
      for (const [s, n] of cases) {
        const a = wilsonInterval(s, n)!;
        const b = wilsonInterval(n - s, n)!;
        expect(a.lower).toBeCloseTo(1 - b.upper, 12);
        expect(a.upper).toBeCloseTo(1 - b.lower, 12);
      }
    });
  });
});
