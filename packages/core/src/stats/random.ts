import { logFactorial } from "./special";

/** A seeded source of uniform random numbers. */
export interface RandomSource {
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number;
}

/**
 * SplitMix32 step (a Weyl sequence through a MurmurHash3-style finaliser):
 * spreads a small or structured seed (1, 2, 3…) over the whole xoshiro state,
 * so nearby seeds give unrelated streams.
 */
function splitMix32(state: { x: number }): number {
  state.x = (state.x + 0x9e3779b9) | 0;
  let z = state.x;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/**
 * xoshiro128** 1.1 (Blackman & Vigna 2018): 128 bits of state, period
 * 2¹²⁸ − 1, passes BigCrush, and needs only 32-bit integer operations, which
 * JavaScript does natively (Math.imul, >>>) without BigInt. Not
 * cryptographic; it is for reproducible resampling, where the seed is
 * recorded with the result.
 */
class Xoshiro128StarStar implements RandomSource {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  nextUint32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  nextFloat(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }
}

/** A reproducible random source for a safe-integer seed (xoshiro128** seeded through SplitMix32). */
export function createRandom(seed: number): RandomSource {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  // Both 32-bit halves of the seed feed the state, so seeds differing only above bit 32 differ.
  const mix = { x: (seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296) >>> 0, 0x85ebca6b) };
  const state = [splitMix32(mix), splitMix32(mix), splitMix32(mix), splitMix32(mix)] as const;
  // The all-zero state is the generator's one fixed point.
  return createRandomFromState(state.every((s) => s === 0) ? [1, 0, 0, 0] : state);
}

/**
 * xoshiro128** from an explicit 128-bit state (four 32-bit words, not all
 * zero), as in the reference C code; for replaying a stream produced
 * elsewhere and for checking against the reference implementation.
 */
export function createRandomFromState(state: readonly [number, number, number, number]): RandomSource {
  for (const s of state) {
    if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) throw new RangeError(`state words must be 32-bit unsigned integers, got ${s}`);
  }
  if (state.every((s) => s === 0)) throw new RangeError("The all-zero state is a fixed point of xoshiro128**.");
  return new Xoshiro128StarStar(state[0], state[1], state[2], state[3]);
}

/**
 * ln k! − [(k + ½) ln(k + 1) − (k + 1) + ½ ln 2π], the error of Stirling's
 * formula at k + 1, which BTRS's acceptance test uses so that it never
 * subtracts two large log-factorials.
 */
const LN_SQRT_2PI = 0.9189385332046727;
const STIRLING_TAIL_TABLE = Array.from(
  { length: 10 },
  (_, k) => logFactorial(k) - ((k + 0.5) * Math.log(k + 1) - (k + 1) + LN_SQRT_2PI),
);
function stirlingTail(k: number): number {
  if (k <= 9) return STIRLING_TAIL_TABLE[k]!;
  const k1 = k + 1;
  const r = 1 / (k1 * k1);
  return (1 / 12 - (1 / 360 - r / 1260) * r) / k1;
}

/** Below this mean, inversion is cheaper than BTRS, whose constants also assume n·p ≥ 10. */
const BTRS_MIN_MEAN = 10;

/**
 * Inversion by sequential search from 0 (Kachitvichyanukul & Schmeiser 1988,
 * as in numpy), for p ≤ ½ and n·p < 10, so about n·p + 1 steps. The
 * search restarts past a bound 10 sd above the mean, which only rounding in
 * the running CDF can reach.
 */
function binomialInversion(random: RandomSource, n: number, p: number): number {
  const q = 1 - p;
  const qn = Math.exp(n * Math.log1p(-p));
  const mean = n * p;
  const bound = Math.min(n, mean + 10 * Math.sqrt(mean * q + 1));
  let x = 0;
  let px = qn;
  let u = random.nextFloat();
  while (u > px) {
    x++;
    if (x > bound) {
      x = 0;
      px = qn;
      u = random.nextFloat();
    } else {
      u -= px;
      px = ((n - x + 1) * p * px) / (x * q);
    }
  }
  return x;
}

/**
 * BTRS, transformed rejection with squeeze (Hörmann 1993, "The generation of
 * binomial random variates", J. Stat. Comput. Simul. 46:101–110), for p ≤ ½
 * and n·p ≥ 10. Exact (the accepted k follow the binomial law, no
 * approximation), with a bounded expected number of iterations whatever n
 * and no table, so the cost is O(1).
 */
function binomialBtrs(random: RandomSource, n: number, p: number): number {
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const r = p / (1 - p);
  const alpha = (2.83 + 5.1 / b) * spq;
  const m = Math.floor((n + 1) * p);
  // ln f(m) in the same Stirling form as the per-draw bound below, hoisted out of the loop.
  const modeTerm = (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1))) + stirlingTail(m) + stirlingTail(n - m);
  for (;;) {
    const u = random.nextFloat() - 0.5;
    const v = random.nextFloat();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    // The squeeze: inside this box the hat lies under the distribution, so most draws are accepted here, cheaply.
    if (us >= 0.07 && v <= vr) return k;
    const logV = Math.log((v * alpha) / (a / (us * us) + b));
    const logRatio =
      modeTerm +
      (n + 1) * Math.log((n - m + 1) / (n - k + 1)) +
      (k + 0.5) * Math.log((r * (n - k + 1)) / (k + 1)) -
      stirlingTail(k) -
      stirlingTail(n - k);
    if (logV <= logRatio) return k;
  }
}

function assertTrials(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
}

/**
 * One draw from Binomial(n, p): exact inversion when n·min(p, 1−p) < 10,
 * Hörmann's BTRS rejection sampler otherwise, so the cost stays O(1) for
 * any n. p > ½ is drawn as n − Binomial(n, 1 − p), as both methods assume p ≤ ½.
 */
export function sampleBinomial(random: RandomSource, n: number, p: number): number {
  assertTrials(n);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must lie in [0, 1], got ${p}`);
  return binomial(random, n, p);
}

/** sampleBinomial without the argument checks, for the inner loops here. */
function binomial(random: RandomSource, n: number, p: number): number {
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  const flip = p > 0.5;
  const pp = flip ? 1 - p : p;
  const x = n * pp < BTRS_MIN_MEAN ? binomialInversion(random, n, pp) : binomialBtrs(random, n, pp);
  return flip ? n - x : x;
}

/**
 * The conditional probabilities that turn a multinomial draw into sequential
 * binomials: cell i gets Binomial(remaining, wᵢ / Σⱼ≥ᵢ wⱼ). Dividing by suffix
 * sums of the weights, rather than subtracting probabilities as we go, keeps
 * the last positive cell's probability exactly 1, so the counts always add up.
 */
export function multinomialPlan(weights: readonly number[]): Float64Array {
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weights must be non-negative finite numbers, got ${w}`);
  }
  const plan = new Float64Array(weights.length);
  let suffix = 0;
  for (let i = weights.length - 1; i >= 0; i--) {
    const w = weights[i]!;
    suffix += w;
    plan[i] = suffix === 0 ? 0 : w / suffix;
  }
  return plan;
}

/**
 * Draws Multinomial(n, plan) into `out` (which it returns), from a plan made
 * by multinomialPlan. If every weight is 0 there is nowhere to put the
 * trials, so n must be 0 then.
 */
export function sampleMultinomialWithPlan(random: RandomSource, n: number, plan: Float64Array, out: number[] = []): number[] {
  assertTrials(n);
  let remaining = n;
  for (let i = 0; i < plan.length; i++) {
    const x = remaining === 0 ? 0 : binomial(random, remaining, plan[i]!);
    out[i] = x;
    remaining -= x;
  }
  if (remaining !== 0) throw new RangeError(`Cannot place ${n} trials: every weight is 0.`);
  out.length = plan.length;
  return out;
}

/**
 * One draw from the multinomial distribution of n trials over cells with the
 * given non-negative weights (probabilities up to a constant), as
 * sequential binomials: exact, and O(cells) whatever n.
 */
export function sampleMultinomial(random: RandomSource, n: number, weights: readonly number[]): number[] {
  assertTrials(n);
  return sampleMultinomialWithPlan(random, n, multinomialPlan(weights));
}
