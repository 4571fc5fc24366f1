// 32-bit hashing for the toxicity features. Feature hashing ("the hashing
// trick", Weinberger et al. 2009) lets the model ship as one fixed-size weight
// array with no vocabulary; these functions only need to be fast, stable across
// platforms and well mixed in their low bits.

export const FNV_OFFSET_BASIS = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** One FNV-1a step: folds a UTF-16 code unit into the running hash. */
export function fnvStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

/**
 * MurmurHash3's 32-bit finaliser. FNV-1a alone leaves the low bits (the ones a
 * bucket mask keeps) poorly mixed for short inputs; this avalanche fixes that.
 * The result is a signed 32-bit integer: V8 keeps those unboxed, where
 * unsigned values above 2^31 become heap numbers in Sets and arrays.
 */
export function mix32(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** FNV-1a of a string's code units from a seeded basis, then mixed. */
export function hashString(text: string, seed: number): number {
  let h = FNV_OFFSET_BASIS ^ seed;
  for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  return mix32(h);
}

/** Order-sensitive combination of two hashes, for word bigrams. */
export function combineHashes(first: number, second: number, seed: number): number {
  return mix32(Math.imul(first ^ seed, 0x9e3779b1) ^ second);
}
