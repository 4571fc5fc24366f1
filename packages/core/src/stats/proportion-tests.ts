import { logFactorial, normalSf } from "./special";

/** x successes out of n trials. */
export type Proportion = { successes: number; trials: number };

/** [[a, b], [c, d]]: rows are the two samples, columns success / failure. */
export type Table2x2 = readonly [readonly [number, number], readonly [number, number]];

export type ZTestResult = {
  /** (p̂₁ − p̂₂) / SE with the pooled standard error; 0 when the test is degenerate. */
  statistic: number;
  pValue: number;
  /** Why the test could not be carried out, when it could not; the result is then z = 0, p = 1. */
  degenerate: "empty sample" | "no variation" | null;
};

export type FisherResult = {
  /** The sample odds ratio ad / bc (scipy's `statistic`); null when bc = 0, where it is undefined or infinite. */
  oddsRatio: number | null;
  pValue: number;
};

export type ProportionComparison = {
  test: "z" | "fisher";
  /** z for the z-test; the sample odds ratio for Fisher, omitted when it is undefined or infinite. */
  statistic?: number;
  pValue: number;
};

function assertProportion(p: Proportion, name: string): void {
  if (!Number.isSafeInteger(p.trials) || p.trials < 0) throw new RangeError(`${name}: trials must be a non-negative integer, got ${p.trials}`);
  if (!Number.isSafeInteger(p.successes) || p.successes < 0 || p.successes > p.trials) {
    throw new RangeError(`${name}: successes must be an integer in [0, ${p.trials}], got ${p.successes}`);
  }
}

function assertTable(table: Table2x2): void {
  for (const row of table) {
    for (const v of row) {
      if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`Table cells must be non-negative integers, got ${v}`);
    }
  }
}

/**
 * Two-sided two-proportion z-test with the pooled standard error, i.e.
 * statsmodels' `proportions_ztest([x1, x2], [n1, n2])` and R's
 * `prop.test(correct = FALSE)` (z² is its χ²).
 *
 * Degenerate inputs return z = 0, p = 1 instead of NaN: with an empty sample
 * there is nothing to compare, and when the pooled rate is 0 or 1 both
 * samples are identical (all successes or all failures), so there is no
 * evidence of a difference. `degenerate` says which case applied.
 */
export function twoProportionZTest(a: Proportion, b: Proportion): ZTestResult {
  assertProportion(a, "a");
  assertProportion(b, "b");
  if (a.trials === 0 || b.trials === 0) return { statistic: 0, pValue: 1, degenerate: "empty sample" };
  const pooled = (a.successes + b.successes) / (a.trials + b.trials);
  if (pooled === 0 || pooled === 1) return { statistic: 0, pValue: 1, degenerate: "no variation" };
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials));
  const z = (a.successes / a.trials - b.successes / b.trials) / se;
  return { statistic: z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))), degenerate: null };
}

/**
 * Tables whose probability is within this relative tolerance of the observed
 * one count as "as extreme". It absorbs rounding so that exactly tied tables
 * (e.g. mirror images in a symmetric design) are always included. This is
 * R's `fisher.test` tolerance; scipy 1.17 uses 1e-14, which our log-space
 * probabilities cannot resolve for large counts. The two agree unless two
 * distinct table probabilities lie within 1e-7 of each other without being equal.
 */
const FISHER_RELATIVE_TOLERANCE = 1e-7;

/**
 * Two-sided Fisher exact test on a 2×2 table: the total probability, under
 * the hypergeometric null with all margins fixed, of the tables no more
 * probable than the observed one. Same p-value as scipy's
 * `fisher_exact(table, alternative="two-sided")` and R's `fisher.test`.
 *
 * Probabilities are handled in log space via ln n!, so counts in the millions
 * neither overflow nor underflow. The hypergeometric law is log-concave, so
 * the "as extreme" tables form two tails found by binary search, and each tail
 * sum can stop once what is left is provably below double precision.
 * A table with an empty row or column has a single possible arrangement: p = 1.
 */
export function fisherExact(table: Table2x2): FisherResult {
  assertTable(table);
  const [[a, b], [c, d]] = table;
  const oddsRatio = b * c === 0 ? null : (a * d) / (b * c);

  const r1 = a + b;
  const r2 = c + d;
  const c1 = a + c;
  const n = r1 + r2;
  if (r1 === 0 || r2 === 0 || c1 === 0 || c1 === n) return { oddsRatio, pValue: 1 };

  const lo = Math.max(0, c1 - r2);
  const hi = Math.min(r1, c1);
  const constant = logFactorial(r1) + logFactorial(r2) + logFactorial(c1) + logFactorial(n - c1) - logFactorial(n);
  const logPmf = (x: number) =>
    constant - logFactorial(x) - logFactorial(r1 - x) - logFactorial(c1 - x) - logFactorial(r2 - c1 + x);

  const mode = Math.floor(((c1 + 1) * (r1 + 1)) / (n + 2));
  const observed = logPmf(a);
  const threshold = observed + Math.log1p(FISHER_RELATIVE_TOLERANCE);
  // The observed table is (within tolerance) the most probable: every table is as extreme.
  if (logPmf(mode) <= threshold) return { oddsRatio, pValue: 1 };

  // Largest x ≤ mode and smallest x ≥ mode whose probability is at most the threshold.
  // logPmf rises on [lo, mode] and falls on [mode, hi], so both are binary searches.
  let lowerEdge = lo - 1;
  if (logPmf(lo) <= threshold) {
    let inside = lo; // logPmf(inside) ≤ threshold
    let outside = mode; // logPmf(outside) > threshold
    while (outside - inside > 1) {
      const mid = Math.floor((inside + outside) / 2);
      if (logPmf(mid) <= threshold) inside = mid;
      else outside = mid;
    }
    lowerEdge = inside;
  }
  let upperEdge = hi + 1;
  if (logPmf(hi) <= threshold) {
    let inside = hi;
    let outside = mode;
    while (inside - outside > 1) {
      const mid = Math.floor((inside + outside) / 2);
      if (logPmf(mid) <= threshold) inside = mid;
      else outside = mid;
    }
    upperEdge = inside;
  }

  // Sums of exp(logPmf − observed), so terms are ≤ 1 + tolerance and cannot overflow.
  const tailSum = (from: number, to: number, step: 1 | -1): number => {
    let sum = 0;
    let previous = Number.NaN;
    for (let x = from; step === 1 ? x <= to : x >= to; x += step) {
      const term = Math.exp(logPmf(x) - observed);
      // Negligible next to the observed table, and every later term is smaller still.
      if (term === 0) break;
      sum += term;
      // Terms shrink ever faster away from the mode (log-concavity), so the
      // rest is below term·r/(1 − r) with r the latest ratio of terms.
      // (NaN on the first term, so that comparison is false.)
      const ratio = term / previous;
      if (ratio < 1 && (term * ratio) / (1 - ratio) < sum * 1e-17) break;
      previous = term;
    }
    return sum;
  };
  const relative = (lowerEdge >= lo ? tailSum(lowerEdge, lo, -1) : 0) + (upperEdge <= hi ? tailSum(upperEdge, hi, 1) : 0);
  const pValue = Math.exp(observed + Math.log(relative));
  return { oddsRatio, pValue: Math.min(1, pValue) };
}

/** Below this expected cell count the χ²/z approximation is unreliable (Cochran's rule). */
export const MIN_EXPECTED_CELL_COUNT = 5;

/**
 * Two-sided test of equal success rates: Fisher's exact test when any
 * expected count of the 2×2 table (row total × column total / n) is below 5,
 * where the normal approximation is poor, otherwise the pooled z-test, which
 * is then accurate and far cheaper for large samples.
 */
export function compareProportions(a: Proportion, b: Proportion): ProportionComparison {
  assertProportion(a, "a");
  assertProportion(b, "b");
  const n = a.trials + b.trials;
  const successes = a.successes + b.successes;
  const failures = n - successes;
  const minExpected = n === 0 ? 0 : (Math.min(a.trials, b.trials) * Math.min(successes, failures)) / n;
  if (minExpected < MIN_EXPECTED_CELL_COUNT) {
    const { oddsRatio, pValue } = fisherExact([
      [a.successes, a.trials - a.successes],
      [b.successes, b.trials - b.successes],
    ]);
    return oddsRatio === null ? { test: "fisher", pValue } : { test: "fisher", statistic: oddsRatio, pValue };
  }
  const { statistic, pValue } = twoProportionZTest(a, b);
  return { test: "z", statistic, pValue };
}
