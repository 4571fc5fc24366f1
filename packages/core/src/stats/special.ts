// Special functions the hypothesis tests and samplers need. Hand-written
// because the core stays dependency-free and isomorphic; each is checked
// against scipy.special in special.test.ts.

const LN_SQRT_2PI = 0.9189385332046727; // ½·ln(2π)
const SQRT1_2 = Math.SQRT1_2;

/**
 * ln(n!) for n ≤ 170 comes from the running product n!, which is finite in
 * doubles up to 170! and carries at most ~n rounding errors (≤ 2e-14 in the
 * log); beyond that Stirling's series is already exact to double precision.
 */
const FACTORIAL_TABLE_MAX = 170;
const LOG_FACTORIAL_TABLE: Float64Array = (() => {
  const table = new Float64Array(FACTORIAL_TABLE_MAX + 1);
  let f = 1;
  for (let k = 1; k <= FACTORIAL_TABLE_MAX; k++) {
    f *= k;
    table[k] = Math.log(f);
  }
  return table;
})();

/**
 * The tail of Stirling's series for ln Γ(x), x ≥ 15:
 * 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹).
 * At x = 15 the first omitted term, 691/(360360·x¹¹), is 2e-16, below
 * half an ulp of ln Γ(15) ≈ 25.2, so the truncation costs nothing.
 */
const STIRLING_MIN = 15;
function stirlingTail(x: number): number {
  const r = 1 / (x * x);
  return (1 / x) * (1 / 12 - r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r / 1188))));
}

/**
 * ln Γ(x) for x > 0. Stirling's series for x ≥ 15; smaller arguments are
 * shifted up with Γ(x) = Γ(x + k) / (x(x+1)…(x+k−1)), whose product loses
 * nothing, rather than using a Lanczos sum, whose error is harder to bound.
 * Absolute error ≲ 1e-14 near the zeros at 1 and 2, relative elsewhere.
 */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`logGamma needs a positive finite argument, got ${x}`);
  if (Number.isInteger(x) && x - 1 <= FACTORIAL_TABLE_MAX) return LOG_FACTORIAL_TABLE[x - 1]!;
  let shift = 1;
  let y = x;
  while (y < STIRLING_MIN) {
    shift *= y;
    y += 1;
  }
  return (y - 0.5) * Math.log(y) - y + LN_SQRT_2PI + stirlingTail(y) - Math.log(shift);
}

/** ln(n!) for a non-negative integer n. */
export function logFactorial(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`logFactorial needs a non-negative integer, got ${n}`);
  if (n <= FACTORIAL_TABLE_MAX) return LOG_FACTORIAL_TABLE[n]!;
  const y = n + 1;
  return (y - 0.5) * Math.log(y) - y + LN_SQRT_2PI + stirlingTail(y);
}

// W. J. Cody (1969), "Rational Chebyshev approximations for the error
// function", Math. Comp. 23:631–637, as coded in SPECFUN's CALERF (ACM TOMS
// 715). Rational approximations good to ~1e-16 relative on three intervals;
// erfc keeps full relative accuracy deep into the tail, which is what tiny
// p-values need (1 − erf would cancel to 0 long before).
const ERF_A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const ERF_B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const ERF_C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const ERF_D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
const ERF_P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4,
  0.0163153871373020978,
];
const ERF_Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];
const ONE_OVER_SQRT_PI = 0.56418958354775628695;

/** erf(x) for |x| ≤ 0.46875. */
function erfSmall(x: number): number {
  const a = ERF_A as [number, number, number, number, number];
  const b = ERF_B as [number, number, number, number];
  const z = x * x;
  let num = a[4] * z;
  let den = z;
  num = (num + a[0]) * z;
  den = (den + b[0]) * z;
  num = (num + a[1]) * z;
  den = (den + b[1]) * z;
  num = (num + a[2]) * z;
  den = (den + b[2]) * z;
  return (x * (num + a[3])) / (den + b[3]);
}

/** erfc(y) for y > 0.46875. */
function erfcLarge(y: number): number {
  // erfc(27.3) is below the smallest subnormal double; returning early also keeps ∞ away from ∞ − ∞ below.
  if (y >= 27.3) return 0;
  let r: number;
  if (y <= 4) {
    let num = ERF_C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + ERF_C[i]!) * y;
      den = (den + ERF_D[i]!) * y;
    }
    r = (num + ERF_C[7]!) / (den + ERF_D[7]!);
  } else {
    const z = 1 / (y * y);
    let num = ERF_P[5]! * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + ERF_P[i]!) * z;
      den = (den + ERF_Q[i]!) * z;
    }
    r = (ONE_OVER_SQRT_PI - (z * (num + ERF_P[4]!)) / (den + ERF_Q[4]!)) / y;
  }
  // exp(−y²) split as exp(−s²)·exp(−(y−s)(y+s)) with s = y rounded down to
  // 1/16: s² is exact, so the rounding error of y² is not amplified by exp.
  const s = Math.trunc(y * 16) / 16;
  const d = (y - s) * (y + s);
  return Math.exp(-s * s) * Math.exp(-d) * r;
}

/** The error function. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  const e = 1 - erfcLarge(y);
  return x < 0 ? -e : e;
}

/** The complementary error function 1 − erf(x), accurate relative to its own size for large x. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  const r = erfcLarge(y);
  return x < 0 ? 2 - r : r;
}

/** Φ(x), the standard normal CDF; accurate relative to its size in the lower tail. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * SQRT1_2);
}

/** 1 − Φ(x), the standard normal upper tail; accurate relative to its size in the upper tail. */
export function normalSf(x: number): number {
  return 0.5 * erfc(x * SQRT1_2);
}
