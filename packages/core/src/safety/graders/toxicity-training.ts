import type { SparseRows } from "./logistic-regression";
import { FEATURE_KIND_CHAR, FeatureBuffer, extractFeatures } from "./toxicity-features";

/**
 * Training rows for the toxicity model: each text's whole feature vector,
 * normalised exactly as ToxicityScorer normalises a window (word features by
 * 1/√(word-feature count), character n-grams by 1/√(n-gram count)). Repeated
 * buckets stay as repeated entries; the sums are the same.
 */
export function featureRows(texts: readonly string[], hashBits: number, maskIdentityTerms: boolean): SparseRows {
  const buffer = new FeatureBuffer();
  const rowStart = new Int32Array(texts.length + 1);
  let index = new Int32Array(1 << 20);
  let value = new Float32Array(1 << 20);
  let used = 0;
  texts.forEach((text, row) => {
    extractFeatures(text, hashBits, buffer, maskIdentityTerms);
    let charCount = 0;
    for (let f = 0; f < buffer.featureCount; f++) if (buffer.featureKind[f] === FEATURE_KIND_CHAR) charCount++;
    const wordCount = buffer.featureCount - charCount;
    const charValue = charCount > 0 ? 1 / Math.sqrt(charCount) : 0;
    const wordValue = wordCount > 0 ? 1 / Math.sqrt(wordCount) : 0;
    if (used + buffer.featureCount > index.length) {
      const size = Math.max(index.length * 2, used + buffer.featureCount);
      const biggerIndex = new Int32Array(size);
      const biggerValue = new Float32Array(size);
      biggerIndex.set(index);
      biggerValue.set(value);
      index = biggerIndex;
      value = biggerValue;
    }
    for (let f = 0; f < buffer.featureCount; f++) {
      index[used] = buffer.featureBucket[f]!;
      value[used] = buffer.featureKind[f] === FEATURE_KIND_CHAR ? charValue : wordValue;
      used++;
    }
    rowStart[row + 1] = used;
  });
  return { rowStart, index: index.slice(0, used), value: value.slice(0, used), dimension: 1 << hashBits };
}
