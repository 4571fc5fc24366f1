import * as hashing from "./toxicity-hash";

// Bound once: some loaders turn imported names into getters, too slow for a per-word call.
const { combineHashes } = hashing;

export const FEATURE_KIND_WORD = 0;
export const FEATURE_KIND_BIGRAM = 1;
export const FEATURE_KIND_CHAR = 2;
export type FeatureKind = typeof FEATURE_KIND_WORD | typeof FEATURE_KIND_BIGRAM | typeof FEATURE_KIND_CHAR;

// Longer tokens (URL fragments, keyboard mashing) are truncated: nothing toxic needs 32 letters.
export const MAX_TOKEN_CODES = 32;

export const WORD_SEED = 0x5bd1e995;
const BIGRAM_SEED = 0x27d4eb2f;

function grow(array: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * The output of extractFeatures: the text's tokens (offsets into the original
 * text) and its hashed features, each tied to the token it came from. Reused
 * between calls so scoring allocates nothing; read it before the next call
 * overwrites it.
 */
export class FeatureBuffer {
  tokenCount = 0;
  tokenStart = new Int32Array(128);
  tokenEnd = new Int32Array(128);
  featureCount = 0;
  featureBucket = new Int32Array(2048);
  /** Index of the token the feature belongs to (a bigram belongs to its first word). */
  featureToken = new Int32Array(2048);
  featureKind = new Uint8Array(2048);
  /** Normalised UTF-16 codes of the token being read. */
  readonly codes = new Uint16Array(MAX_TOKEN_CODES);
  /** The same codes between word-boundary marks, for character n-grams. */
  readonly paddedCodes = new Uint16Array(MAX_TOKEN_CODES + 2);

  private mask = 0;
  private previousHash = 0;
  private previousIsFunctionWord = false;

  begin(hashBits: number): void {
    this.tokenCount = 0;
    this.featureCount = 0;
    this.mask = (1 << hashBits) - 1;
    this.previousHash = 0;
    this.previousIsFunctionWord = false;
  }

  /**
   * Adds a token: its unigram (unless masked) and its bigram with the token
   * before it, except between two function words. Returns the token's index.
   */
  addWord(start: number, end: number, hash: number, unigram: boolean, isFunctionWord: boolean): number {
    const token = this.addToken(start, end);
    if (unigram) this.addFeature(hash & this.mask, token, FEATURE_KIND_WORD);
    if (token > 0 && !(isFunctionWord && this.previousIsFunctionWord)) {
      this.addFeature(combineHashes(this.previousHash, hash, BIGRAM_SEED) & this.mask, token - 1, FEATURE_KIND_BIGRAM);
    }
    this.previousHash = hash;
    this.previousIsFunctionWord = isFunctionWord;
    return token;
  }

  addFeature(bucket: number, token: number, kind: FeatureKind): void {
    if (this.featureCount === this.featureBucket.length) {
      this.featureBucket = grow(this.featureBucket);
      this.featureToken = grow(this.featureToken);
      const kinds = new Uint8Array(this.featureKind.length * 2);
      kinds.set(this.featureKind);
      this.featureKind = kinds;
    }
    this.featureBucket[this.featureCount] = bucket;
    this.featureToken[this.featureCount] = token;
    this.featureKind[this.featureCount] = kind;
    this.featureCount++;
  }

  private addToken(start: number, end: number): number {
    if (this.tokenCount === this.tokenStart.length) {
      this.tokenStart = grow(this.tokenStart);
      this.tokenEnd = grow(this.tokenEnd);
    }
    this.tokenStart[this.tokenCount] = start;
    this.tokenEnd[this.tokenCount] = end;
    return this.tokenCount++;
  }
}
