// Test-only helpers, not exported from the package: production histograms come
// from DuckDB aggregates, never from rows in JavaScript.
import { scoreBinIndex, type DistinctScoreHistogram, type UniformScoreHistogram } from "./types";

export type ScoredRow = { score: number; label: 0 | 1 | boolean };

const isPositive = (r: ScoredRow) => r.label === 1 || r.label === true;

/** What the documented GROUP BY (group, bin, label) query returns, for one group. */
export function uniformFromRows(rows: readonly ScoredRow[], binCount: number): UniformScoreHistogram {
  const zeros = () => new Array<number>(binCount).fill(0);
  const h: UniformScoreHistogram = {
    kind: "uniform",
    binCount,
    positives: zeros(),
    negatives: zeros(),
    sumScorePositives: zeros(),
    sumScoreNegatives: zeros(),
    sumSquaresPositives: zeros(),
    sumSquaresNegatives: zeros(),
  };
  const add = (values: number[], k: number, by: number) => {
    values[k] = (values[k] ?? 0) + by;
  };
  for (const r of rows) {
    const k = scoreBinIndex(r.score, binCount);
    if (isPositive(r)) {
      add(h.positives, k, 1);
      add(h.sumScorePositives, k, r.score);
      add(h.sumSquaresPositives, k, r.score * r.score);
    } else {
      add(h.negatives, k, 1);
      add(h.sumScoreNegatives, k, r.score);
      add(h.sumSquaresNegatives, k, r.score * r.score);
    }
  }
  return h;
}

/** What the documented GROUP BY (group, score) query returns, for one group. */
export function distinctFromRows(rows: readonly ScoredRow[]): DistinctScoreHistogram {
  const byScore = new Map<number, { positives: number; negatives: number }>();
  for (const r of rows) {
    const cell = byScore.get(r.score) ?? { positives: 0, negatives: 0 };
    if (isPositive(r)) cell.positives++;
    else cell.negatives++;
    byScore.set(r.score, cell);
  }
  const scores = [...byScore.keys()].sort((a, b) => a - b);
  return {
    kind: "distinct",
    scores,
    positives: scores.map((s) => byScore.get(s)?.positives ?? 0),
    negatives: scores.map((s) => byScore.get(s)?.negatives ?? 0),
  };
}

/** mulberry32, as in stats/wilson.test.ts: a tiny seeded PRNG so property tests are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Row-by-row Mann–Whitney AUC, the definition the histogram algebra must reproduce. */
export function bruteForceAuc(rows: readonly ScoredRow[]): number | null {
  const pos = rows.filter(isPositive).map((r) => r.score);
  const neg = rows.filter((r) => !isPositive(r)).map((r) => r.score);
  if (pos.length === 0 || neg.length === 0) return null;
  let u = 0;
  for (const p of pos) for (const n of neg) u += p > n ? 1 : p === n ? 0.5 : 0;
  return u / (pos.length * neg.length);
}
