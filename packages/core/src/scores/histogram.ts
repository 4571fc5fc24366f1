import {
  MAX_SCORE_BINS,
  scoreBinIndex,
  scoreHistogramSchema,
  type DistinctScoreHistogram,
  type GroupScoreHistogram,
  type ScoreHistogram,
  type UniformScoreHistogram,
} from "./types";

/**
 * Validates a histogram (e.g. one built from DuckDB rows) and returns it.
 * Throws a RangeError naming the first problem, like the rest of the core's
 * input checks, so callers need not know about zod.
 */
export function parseScoreHistogram(input: unknown): ScoreHistogram {
  const parsed = scoreHistogramSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join(".")})` : "";
    throw new RangeError(`Invalid score histogram${where}: ${issue?.message ?? "unknown problem"}`);
  }
  return parsed.data;
}

export function emptyUniformScoreHistogram(binCount: number): UniformScoreHistogram {
  if (!Number.isSafeInteger(binCount) || binCount < 1 || binCount > MAX_SCORE_BINS) {
    throw new RangeError(`binCount must be an integer in [1, ${MAX_SCORE_BINS}], got ${binCount}`);
  }
  const zeros = () => new Array<number>(binCount).fill(0);
  return {
    kind: "uniform",
    binCount,
    positives: zeros(),
    negatives: zeros(),
    sumScorePositives: zeros(),
    sumScoreNegatives: zeros(),
    sumSquaresPositives: zeros(),
    sumSquaresNegatives: zeros(),
  };
}

/** Rows, actual positives and actual negatives behind a histogram. */
export function scoreHistogramTotals(histogram: ScoreHistogram): { n: number; positives: number; negatives: number } {
  const h = parseScoreHistogram(histogram);
  const positives = h.positives.reduce((a, b) => a + b, 0);
  const negatives = h.negatives.reduce((a, b) => a + b, 0);
  return { n: positives + negatives, positives, negatives };
}

const addArrays = (a: readonly number[], b: readonly number[]) => a.map((x, i) => x + (b[i] ?? 0));

const bump = (values: number[], index: number, by: number) => {
  values[index] = (values[index] ?? 0) + by;
};

function addUniform(a: UniformScoreHistogram, b: UniformScoreHistogram): UniformScoreHistogram {
  if (a.binCount !== b.binCount) {
    throw new RangeError(`Cannot add histograms of ${a.binCount} and ${b.binCount} bins; coarsen both to a common divisor first.`);
  }
  return {
    kind: "uniform",
    binCount: a.binCount,
    positives: addArrays(a.positives, b.positives),
    negatives: addArrays(a.negatives, b.negatives),
    sumScorePositives: addArrays(a.sumScorePositives, b.sumScorePositives),
    sumScoreNegatives: addArrays(a.sumScoreNegatives, b.sumScoreNegatives),
    sumSquaresPositives: addArrays(a.sumSquaresPositives, b.sumSquaresPositives),
    sumSquaresNegatives: addArrays(a.sumSquaresNegatives, b.sumSquaresNegatives),
  };
}

function addDistinct(a: DistinctScoreHistogram, b: DistinctScoreHistogram): DistinctScoreHistogram {
  const out: DistinctScoreHistogram = { kind: "distinct", scores: [], positives: [], negatives: [] };
  let i = 0;
  let j = 0;
  // Merge of two sorted lists; equal scores become one entry.
  while (i < a.scores.length || j < b.scores.length) {
    const sa = a.scores[i] ?? Infinity;
    const sb = b.scores[j] ?? Infinity;
    const s = Math.min(sa, sb);
    let pos = 0;
    let neg = 0;
    if (sa === s) {
      pos += a.positives[i] ?? 0;
      neg += a.negatives[i] ?? 0;
      i++;
    }
    if (sb === s) {
      pos += b.positives[j] ?? 0;
      neg += b.negatives[j] ?? 0;
      j++;
    }
    out.scores.push(s);
    out.positives.push(pos);
    out.negatives.push(neg);
  }
  return out;
}

/**
 * The histogram of the union of the rows behind each argument, e.g. the pooled
 * population from per-group histograms. All must be of one kind, and uniform
 * ones of one bin count (use `toUniformScoreHistogram` to bring them there).
 */
export function addScoreHistograms(first: ScoreHistogram, ...rest: ScoreHistogram[]): ScoreHistogram {
  let acc = parseScoreHistogram(first);
  for (const next of rest) {
    const h = parseScoreHistogram(next);
    if (acc.kind === "uniform" && h.kind === "uniform") acc = addUniform(acc, h);
    else if (acc.kind === "distinct" && h.kind === "distinct") acc = addDistinct(acc, h);
    else throw new RangeError("Cannot add a uniform and a distinct-score histogram; convert the distinct one with toUniformScoreHistogram first.");
  }
  return acc;
}

/**
 * Rebins into `binCount` equal-width bins. A uniform histogram can only be
 * coarsened to a bin count that divides its own, because only then is every
 * new bin a union of old ones and the sums stay exact; a distinct-score
 * histogram can go to any bin count.
 */
export function toUniformScoreHistogram(histogram: ScoreHistogram, binCount: number): UniformScoreHistogram {
  const h = parseScoreHistogram(histogram);
  const out = emptyUniformScoreHistogram(binCount);
  if (h.kind === "uniform") {
    if (h.binCount % binCount !== 0) {
      throw new RangeError(`A ${h.binCount}-bin histogram can only be coarsened to a bin count that divides ${h.binCount}, not ${binCount}.`);
    }
    const width = h.binCount / binCount;
    for (let k = 0; k < h.binCount; k++) {
      const c = Math.floor(k / width);
      bump(out.positives, c, h.positives[k] ?? 0);
      bump(out.negatives, c, h.negatives[k] ?? 0);
      bump(out.sumScorePositives, c, h.sumScorePositives[k] ?? 0);
      bump(out.sumScoreNegatives, c, h.sumScoreNegatives[k] ?? 0);
      bump(out.sumSquaresPositives, c, h.sumSquaresPositives[k] ?? 0);
      bump(out.sumSquaresNegatives, c, h.sumSquaresNegatives[k] ?? 0);
    }
    return out;
  }
  h.scores.forEach((s, i) => {
    const c = scoreBinIndex(s, binCount);
    const pos = h.positives[i] ?? 0;
    const neg = h.negatives[i] ?? 0;
    bump(out.positives, c, pos);
    bump(out.negatives, c, neg);
    bump(out.sumScorePositives, c, s * pos);
    bump(out.sumScoreNegatives, c, s * neg);
    bump(out.sumSquaresPositives, c, s * s * pos);
    bump(out.sumSquaresNegatives, c, s * s * neg);
  });
  return out;
}


// Code-unit order, not localeCompare, as in fairness/compute: results feed evidence hashes.
const byLabel = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One histogram per group label, largest group first (ties: by label), the
 * order the fairness tables use. Repeated labels are one group (e.g. null and
 * "" both mapped to the missing group), so their histograms are added.
 */
export function mergeGroupScoreHistograms(groups: readonly GroupScoreHistogram[]): GroupScoreHistogram[] {
  const merged = new Map<string, ScoreHistogram>();
  for (const { group, histogram } of groups) {
    const prev = merged.get(group);
    merged.set(group, prev ? addScoreHistograms(prev, histogram) : parseScoreHistogram(histogram));
  }
  return [...merged]
    .map(([group, histogram]) => ({ group, histogram, n: scoreHistogramTotals(histogram).n }))
    .sort((a, b) => b.n - a.n || byLabel(a.group, b.group))
    .map(({ group, histogram }) => ({ group, histogram }));
}
