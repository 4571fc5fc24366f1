import { sigmoid } from "./logistic-regression";
import * as features from "./toxicity-features";

// Bound once: some loaders turn imported names into getters, too slow for the per-feature loop.
const { FEATURE_KIND_CHAR, FeatureBuffer, extractFeatures } = features;

/**
 * A linear model over hashed features. A text's feature vector gives each word
 * feature (unigram or bigram) the value 1/√(number of word features) and each
 * character n-gram 1/√(number of n-grams): the two groups are normalised
 * separately so the many n-grams do not drown the words, and a text's length
 * does not by itself move its score.
 *
 * Texts longer than `windowTokens` words are scored as overlapping windows and
 * the text gets the most toxic window's score. The model was trained on tweets
 * and short statements; averaging one insult into a long, otherwise polite
 * answer would hide it, and "any passage is toxic" is what a grader of
 * responses needs.
 */
export type LinearToxicityModel = {
  /** Raw weights; each is multiplied by `weightScale`. The shipped model keeps its int8 weights (256 KiB, cache-friendly). */
  weights: Int8Array | Float32Array | Float64Array;
  weightScale: number;
  bias: number;
  hashBits: number;
  windowTokens: number;
  windowStride: number;
  maskIdentityTerms: boolean;
};

export type WindowScore = {
  logit: number;
  /** The scored window's tokens are [firstToken, endToken). */
  firstToken: number;
  endToken: number;
};

/** Scratch arrays reused between calls; one per scorer. */
class TokenSums {
  word = new Float64Array(128);
  wordCount = new Float64Array(128);
  char = new Float64Array(128);
  charCount = new Float64Array(128);

  reset(tokens: number): void {
    if (this.word.length < tokens + 1) {
      const size = Math.max(tokens + 1, this.word.length * 2);
      this.word = new Float64Array(size);
      this.wordCount = new Float64Array(size);
      this.char = new Float64Array(size);
      this.charCount = new Float64Array(size);
    } else {
      this.word.fill(0, 0, tokens + 1);
      this.wordCount.fill(0, 0, tokens + 1);
      this.char.fill(0, 0, tokens + 1);
      this.charCount.fill(0, 0, tokens + 1);
    }
  }
}

export class ToxicityScorer {
  readonly buffer: features.FeatureBuffer = new FeatureBuffer();
  private readonly sums = new TokenSums();

  constructor(readonly model: LinearToxicityModel) {}

  /** Extracts the text's features into `buffer` and returns its most toxic window. */
  score(text: string): WindowScore {
    const { model, buffer, sums } = this;
    extractFeatures(text, model.hashBits, buffer, model.maskIdentityTerms);
    const tokens = buffer.tokenCount;
    sums.reset(tokens);
    const weights = model.weights;
    for (let f = 0; f < buffer.featureCount; f++) {
      // Prefix sums: slot t + 1 accumulates token t's features.
      const slot = buffer.featureToken[f]! + 1;
      const weight = weights[buffer.featureBucket[f]!]!;
      if (buffer.featureKind[f] === FEATURE_KIND_CHAR) {
        sums.char[slot]! += weight;
        sums.charCount[slot]! += 1;
      } else {
        sums.word[slot]! += weight;
        sums.wordCount[slot]! += 1;
      }
    }
    for (let t = 1; t <= tokens; t++) {
      sums.word[t]! += sums.word[t - 1]!;
      sums.wordCount[t]! += sums.wordCount[t - 1]!;
      sums.char[t]! += sums.char[t - 1]!;
      sums.charCount[t]! += sums.charCount[t - 1]!;
    }
    const { windowTokens, windowStride } = model;
    let best: WindowScore = { logit: this.windowLogit(0, tokens), firstToken: 0, endToken: tokens };
    if (tokens <= windowTokens) return best;
    best = { logit: -Infinity, firstToken: 0, endToken: 0 };
    for (let first = 0; ; first += windowStride) {
      const end = Math.min(first + windowTokens, tokens);
      const start = end - windowTokens; // the last window is pulled back to full length
      const logit = this.windowLogit(start, end);
      if (logit > best.logit) best = { logit, firstToken: start, endToken: end };
      if (end === tokens) return best;
    }
  }

  probability(text: string): number {
    return sigmoid(this.score(text).logit);
  }

  /** Each token's share of a window's logit (its own features; a bigram counts for its first word). */
  tokenContributions(window: WindowScore): Float64Array {
    const { sums } = this;
    const { firstToken, endToken } = window;
    const wordScale = normaliser(sums.wordCount[endToken]! - sums.wordCount[firstToken]!);
    const charScale = normaliser(sums.charCount[endToken]! - sums.charCount[firstToken]!);
    const contributions = new Float64Array(endToken - firstToken);
    for (let t = firstToken; t < endToken; t++) {
      contributions[t - firstToken] = ((sums.word[t + 1]! - sums.word[t]!) * wordScale + (sums.char[t + 1]! - sums.char[t]!) * charScale) * this.model.weightScale;
    }
    return contributions;
  }

  private windowLogit(first: number, end: number): number {
    const { sums } = this;
    const word = (sums.word[end]! - sums.word[first]!) * normaliser(sums.wordCount[end]! - sums.wordCount[first]!);
    const char = (sums.char[end]! - sums.char[first]!) * normaliser(sums.charCount[end]! - sums.charCount[first]!);
    return this.model.bias + (word + char) * this.model.weightScale;
  }
}

function normaliser(count: number): number {
  return count > 0 ? 1 / Math.sqrt(count) : 0;
}
