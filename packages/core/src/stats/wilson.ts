import type { Interval } from "../fairness/types";

/** The two-sided 95% standard-normal quantile, Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998,
 * method 3). Unlike the Wald interval it stays inside [0, 1] and keeps close to
 * nominal coverage for small samples and rates near 0 or 1, which is where
 * fairness slices tend to live. Same values as statsmodels'
 * `proportion_confint(method="wilson")` and R's `prop.test(correct = FALSE)`.
 * Returns null when there are no trials, because no interval is honest then.
 */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): Interval | null {
  if (!Number.isInteger(trials) || trials < 0) throw new RangeError(`trials must be a non-negative integer, got ${trials}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`successes must be an integer in [0, ${trials}], got ${successes}`);
  }
  if (!(z > 0) || !Number.isFinite(z)) throw new RangeError(`z must be a positive finite number, got ${z}`);
  if (trials === 0) return null;

  const n = trials;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 or n successes the bound is exactly 0 or 1 algebraically; pin it so
  // rounding (e.g. 0.9999999999999999) never suggests otherwise.
  const lower = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const upper = successes === n ? 1 : Math.min(1, centre + halfWidth);
  return { lower, upper };
}
