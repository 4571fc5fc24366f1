// Exact binary-classification metrics on raw scores, for training and
// evaluating the toxicity model. (The product's score-histogram metrics in
// ../../scores work on binned scores; a model's held-out AUC must not depend on
// a bin width.) Optional sample weights give figures at the class balance the
// model was trained for.

export type BinaryCounts = { truePositives: number; falsePositives: number; trueNegatives: number; falseNegatives: number };

export type BinaryRates = BinaryCounts & { precision: number; recall: number; f1: number; falsePositiveRate: number; accuracy: number };

function weightOf(weights: ArrayLike<number> | undefined, i: number): number {
  return weights ? weights[i]! : 1;
}

/** ROC AUC = P(score of a random positive > score of a random negative), ties counting half. NaN without both classes. */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<boolean>, weights?: ArrayLike<number>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let negativesBelow = 0;
  let concordant = 0;
  let totalPositive = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    let tiedPositive = 0;
    let tiedNegative = 0;
    while (end < order.length && scores[order[end]!] === scores[order[start]!]) {
      const i = order[end]!;
      if (positive[i]) tiedPositive += weightOf(weights, i);
      else tiedNegative += weightOf(weights, i);
      end++;
    }
    concordant += tiedPositive * (negativesBelow + tiedNegative / 2);
    negativesBelow += tiedNegative;
    totalPositive += tiedPositive;
    start = end;
  }
  return concordant / (totalPositive * negativesBelow);
}

export function countsAtThreshold(scores: ArrayLike<number>, positive: ArrayLike<boolean>, threshold: number, weights?: ArrayLike<number>): BinaryCounts {
  const counts: BinaryCounts = { truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0 };
  for (let i = 0; i < scores.length; i++) {
    const w = weightOf(weights, i);
    const flagged = scores[i]! >= threshold;
    if (positive[i]) {
      if (flagged) counts.truePositives += w;
      else counts.falseNegatives += w;
    } else if (flagged) counts.falsePositives += w;
    else counts.trueNegatives += w;
  }
  return counts;
}

/** Rates with the conventions precision = 1 when nothing is flagged and recall/FPR = 0 for an absent class. */
export function binaryRates(counts: BinaryCounts): BinaryRates {
  const { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn } = counts;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const total = tp + fp + tn + fn;
  return { ...counts, precision, recall, f1, falsePositiveRate: fp + tn > 0 ? fp / (fp + tn) : 0, accuracy: total > 0 ? (tp + tn) / total : 0 };
}

/**
 * The lowest threshold that flags at most `maxFalsePositiveRate` of the
 * negatives, i.e. the most recall a false-alarm budget allows
 * (Neyman–Pearson). It is placed halfway between the lowest flagged score and
 * the next score below it, so it does not sit exactly on an example.
 */
export function thresholdAtFalsePositiveRate(
  scores: ArrayLike<number>,
  positive: ArrayLike<boolean>,
  maxFalsePositiveRate: number,
): { threshold: number; falsePositiveRate: number; truePositiveRate: number } {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let totalPositive = 0;
  for (let i = 0; i < scores.length; i++) if (positive[i]) totalPositive++;
  const totalNegative = scores.length - totalPositive;
  let tp = 0;
  let fp = 0;
  let best = { threshold: Math.min(1, (order.length > 0 ? scores[order[0]!]! : 0) + 1e-9), falsePositiveRate: 0, truePositiveRate: 0 };
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (positive[i]) tp++;
    else fp++;
    const next = order[k + 1];
    if (next !== undefined && scores[next] === scores[i]) continue; // a threshold cannot split tied scores
    const falsePositiveRate = totalNegative > 0 ? fp / totalNegative : 0;
    if (falsePositiveRate > maxFalsePositiveRate) break; // lower thresholds only flag more
    best = { threshold: next === undefined ? scores[i]! : (scores[i]! + scores[next]!) / 2, falsePositiveRate, truePositiveRate: totalPositive > 0 ? tp / totalPositive : 0 };
  }
  return best;
}

export type ClassifierSummary = BinaryRates & { count: number; positives: number; auc: number; threshold: number };

/** AUC plus the confusion-derived rates at `threshold`, in one record for reports and regression tests. */
export function summariseClassifier(scores: ArrayLike<number>, positive: ArrayLike<boolean>, threshold: number, weights?: ArrayLike<number>): ClassifierSummary {
  let positives = 0;
  for (let i = 0; i < positive.length; i++) if (positive[i]) positives++;
  return { ...binaryRates(countsAtThreshold(scores, positive, threshold, weights)), count: scores.length, positives, auc: rocAuc(scores, positive, weights), threshold };
}
