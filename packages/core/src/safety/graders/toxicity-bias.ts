import { createRandom } from "../../stats/random";
import type { TemplateSentence } from "./toxicity-corpus";
import { IDENTITY_TERMS } from "./toxicity-identity-terms";
import { binaryRates, countsAtThreshold, rocAuc } from "./toxicity-metrics";

/**
 * Identity-term bias on the Jigsaw sentence templates (Dixon et al., AIES
 * 2018): every identity term appears in the same toxic and non-toxic
 * sentences, so a fair model flags the non-toxic ones equally rarely whatever
 * the term. Per term: FPR on its non-toxic sentences, TPR on its toxic ones,
 * and the pinned AUC, i.e. the AUC on the term's sentences plus an equally
 * large random sample of all template sentences; a term whose sentences score
 * high regardless of toxicity pulls it below the overall AUC.
 */
export type IdentityTermBias = {
  term: string;
  /** Every word of the term is on IDENTITY_TERMS, so the model never sees it. */
  masked: boolean;
  nonToxic: number;
  falsePositiveRate: number;
  toxic: number;
  truePositiveRate: number;
  pinnedAuc: number;
};

export type IdentityBiasReport = {
  threshold: number;
  /** Sorted by FPR, highest first. */
  terms: IdentityTermBias[];
  overall: { nonToxic: number; falsePositiveRate: number; toxic: number; truePositiveRate: number; auc: number };
  /** The occupation templates ("You are a dumb actor"): the same sentences with no identity term. */
  occupationControl: { nonToxic: number; falsePositiveRate: number; toxic: number; truePositiveRate: number };
};

export const PINNED_AUC_SEED = 2018;

const MASKED_WORDS = new Set(IDENTITY_TERMS);

function rates(indices: readonly number[], templates: readonly TemplateSentence[], scores: ArrayLike<number>, threshold: number) {
  const counts = countsAtThreshold(
    indices.map((i) => scores[i]!),
    indices.map((i) => templates[i]!.toxic),
    threshold,
  );
  const r = binaryRates(counts);
  return { nonToxic: counts.falsePositives + counts.trueNegatives, falsePositiveRate: r.falsePositiveRate, toxic: counts.truePositives + counts.falseNegatives, truePositiveRate: r.recall };
}

function aucOf(indices: readonly number[], templates: readonly TemplateSentence[], scores: ArrayLike<number>): number {
  return rocAuc(
    indices.map((i) => scores[i]!),
    indices.map((i) => templates[i]!.toxic),
  );
}

export function identityBiasReport(templates: readonly TemplateSentence[], scores: ArrayLike<number>, threshold: number, seed: number = PINNED_AUC_SEED): IdentityBiasReport {
  const byTerm = new Map<string, number[]>();
  const identityIndices: number[] = [];
  const occupationIndices: number[] = [];
  templates.forEach((sentence, i) => {
    if (sentence.identityTerm === null) {
      occupationIndices.push(i);
      return;
    }
    identityIndices.push(i);
    const list = byTerm.get(sentence.identityTerm) ?? [];
    list.push(i);
    byTerm.set(sentence.identityTerm, list);
  });

  const random = createRandom(seed);
  const sample = (size: number): number[] => {
    // Partial Fisher–Yates over a copy: a sample without replacement.
    const pool = identityIndices.slice();
    for (let k = 0; k < size; k++) {
      const j = k + Math.floor(random.nextFloat() * (pool.length - k));
      [pool[k], pool[j]] = [pool[j]!, pool[k]!];
    }
    return pool.slice(0, size);
  };

  const terms = [...byTerm.keys()].sort().map((term): IdentityTermBias => {
    const indices = byTerm.get(term)!;
    return {
      term,
      masked: term.split(" ").every((word) => MASKED_WORDS.has(word)),
      ...rates(indices, templates, scores, threshold),
      pinnedAuc: aucOf([...indices, ...sample(indices.length)], templates, scores),
    };
  });
  terms.sort((a, b) => b.falsePositiveRate - a.falsePositiveRate || a.term.localeCompare(b.term));
  return {
    threshold,
    terms,
    overall: { ...rates(identityIndices, templates, scores, threshold), auc: aucOf(identityIndices, templates, scores) },
    occupationControl: rates(occupationIndices, templates, scores, threshold),
  };
}
