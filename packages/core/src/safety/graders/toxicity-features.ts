import * as buffers from "./toxicity-feature-buffer";
import * as hashing from "./toxicity-hash";
import { FUNCTION_WORDS } from "./toxicity-function-words";
import { IDENTITY_TERMS } from "./toxicity-identity-terms";

/**
 * Feature extraction for the toxicity classifier: text → tokens (with their
 * offsets in the original text) → hashed word unigrams, word bigrams and
 * character 3–5-grams within word boundaries. Training and scoring share this
 * code, so a model file records FEATURE_SCHEMA and refuses to load against a
 * different one.
 *
 * Everything is computed from UTF-16 code units into reusable typed arrays:
 * the scorer must handle tens of thousands of responses a second, and
 * per-n-gram strings would dominate its cost.
 */
export { FEATURE_KIND_BIGRAM, FEATURE_KIND_CHAR, FEATURE_KIND_WORD, FeatureBuffer } from "./toxicity-feature-buffer";
export type { FeatureKind } from "./toxicity-feature-buffer";

export const FEATURE_SCHEMA = "assay-toxicity-features/1 words1-2 chars3-5 identity-masked function-words";

export const CHAR_NGRAM_MIN = 3;
export const CHAR_NGRAM_MAX = 5;

// Bound once: some loaders (tsx, CommonJS interop) turn imported names into
// getters, which would cost a property call per character in the loops below.
const { FNV_OFFSET_BASIS, fnvStep, hashString, mix32 } = hashing;
const { FEATURE_KIND_CHAR, FeatureBuffer, MAX_TOKEN_CODES, WORD_SEED } = buffers;
type FeatureBuffer = buffers.FeatureBuffer;

const CHAR_SEED = 0x165667b1;
const WORD_START = 0x3c; // "<": never part of a token, so it can mark word boundaries in char n-grams
const WORD_END = 0x3e; // ">"

// Placeholders cannot collide with real tokens: "_" never occurs inside one.
const URL_HASH = hashString("_url_", WORD_SEED);
const USER_HASH = hashString("_user_", WORD_SEED);
const NUMBER_HASH = hashString("_number_", WORD_SEED);
const IDENTITY_HASH = hashString("_identity_", WORD_SEED);
const RETWEET_HASH = hashString("rt", WORD_SEED);
const IDENTITY_TERM_HASHES = new Set(IDENTITY_TERMS.map((term) => hashString(term, WORD_SEED)));
const FUNCTION_WORD_HASHES = new Set(FUNCTION_WORDS.map((word) => hashString(word, WORD_SEED)));

/** The buckets of the function words' unigrams, which the trainer regularises harder. */
export function functionWordBuckets(hashBits: number): number[] {
  const mask = (1 << hashBits) - 1;
  return [...FUNCTION_WORD_HASHES].map((hash) => hash & mask);
}

// Masked profanity ("f*ck", "sh**"): a "*" is matched against these spellings
// so the model sees the word it stands for. Only used to undo masking; the
// model, not this list, decides what is toxic.
const MASKABLE_WORDS = ["fuck", "fucking", "fucker", "shit", "bitch", "bitches", "cunt", "dick", "pussy", "ass", "asshole", "bastard", "whore", "slut", "damn", "crap", "nigga", "nigger", "faggot", "fag", "retard", "hoe", "hoes"];

// Look-alike characters inside words ("b1tch", "@ss", "$hit", "sh!t").
const LEET: Readonly<Record<number, number>> = { 48: 111, 49: 105, 51: 101, 52: 97, 53: 115, 55: 116, 64: 97, 36: 115, 33: 105 };

const NON_ASCII_LETTER = /[\p{L}\p{N}]/u;

const ASCII_WORD_CHAR = new Uint8Array(128);
for (let code = 0; code < 128; code++) ASCII_WORD_CHAR[code] = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ? 1 : 0;

function isAsciiLetterOrDigit(code: number): boolean {
  return code < 128 && ASCII_WORD_CHAR[code] === 1;
}

function isLetterOrDigit(code: number): boolean {
  if (code < 128) return ASCII_WORD_CHAR[code] === 1;
  // Surrogates are emoji and other astral symbols: separators here.
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return NON_ASCII_LETTER.test(String.fromCharCode(code));
}

function lowerCode(code: number): number {
  if (code >= 65 && code <= 90) return code | 0x20;
  if (code < 128) return code;
  return String.fromCharCode(code).toLowerCase().charCodeAt(0);
}

/** Characters that can stand for letters inside an obfuscated word. */
function isMaskMark(code: number): boolean {
  return code === 42 || code === 64 || code === 36 || code === 33; // * @ $ !
}

/** End of an HTML entity ("&amp;", "&#128514;") starting at `at`, or -1. Tweets carry many. */
function htmlEntityEnd(text: string, at: number): number {
  const limit = Math.min(text.length, at + 12);
  for (let i = at + 1; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code === 59) return i > at + 1 ? i + 1 : -1;
    if (!isAsciiLetterOrDigit(code) && code !== 35) return -1;
  }
  return -1;
}

function startsWithLowerCase(text: string, at: number, prefix: string): boolean {
  if (at + prefix.length > text.length) return false;
  for (let k = 0; k < prefix.length; k++) if ((text.charCodeAt(at + k) | 0x20) !== prefix.charCodeAt(k)) return false;
  return true;
}

function urlLength(text: string, at: number): number {
  if (!startsWithLowerCase(text, at, "http://") && !startsWithLowerCase(text, at, "https://") && !startsWithLowerCase(text, at, "www.")) return 0;
  let end = at;
  while (end < text.length && text.charCodeAt(end) > 32) end++;
  return end - at;
}

function isMentionCode(code: number): boolean {
  return isAsciiLetterOrDigit(code) || code === 95;
}

/** Replaces each "*" run with the masked word it can only stand for, if exactly one fits. */
function unmaskWildcards(codes: Uint16Array, length: number): number {
  const candidates = MASKABLE_WORDS.filter((word) => {
    if (word.length !== length) return false;
    for (let i = 0; i < length; i++) if (codes[i] !== 42 && codes[i] !== word.charCodeAt(i)) return false;
    return codes[0] !== 42;
  });
  let written = 0;
  if (candidates.length === 1) {
    const word = candidates[0]!;
    for (let i = 0; i < length; i++) codes[i] = word.charCodeAt(i);
    return length;
  }
  for (let i = 0; i < length; i++) if (codes[i] !== 42) codes[written++] = codes[i]!;
  return written;
}

/**
 * Canonical form of a token's codes, in place: look-alikes mapped back to
 * letters, masked profanity restored, apostrophes dropped ("don't" = "dont"),
 * and runs of three or more equal letters cut to two ("fuuuuck" = "fuuck").
 * Returns the new length.
 */
function normaliseCodes(codes: Uint16Array, length: number, hasLetter: boolean, hasDigitOrMark: boolean): number {
  let n = length;
  if (hasLetter && hasDigitOrMark) {
    let hasWildcard = false;
    for (let i = 0; i < n; i++) {
      const code = codes[i]!;
      if (code === 42) hasWildcard = true;
      else codes[i] = LEET[code] ?? code;
    }
    if (hasWildcard) n = unmaskWildcards(codes, n);
  }
  let written = 0;
  for (let i = 0; i < n; i++) {
    const code = codes[i]!;
    if (code === 39) continue;
    if (written >= 2 && code === codes[written - 1] && code === codes[written - 2]) continue;
    codes[written++] = code;
  }
  return written;
}

function addCharNgrams(out: FeatureBuffer, codes: Uint16Array, length: number, token: number, mask: number): void {
  const padded = out.paddedCodes;
  padded[0] = WORD_START;
  for (let k = 0; k < length; k++) padded[k + 1] = codes[k]!;
  padded[length + 1] = WORD_END;
  const total = length + 2;
  for (let start = 0; start + CHAR_NGRAM_MIN <= total; start++) {
    // One FNV pass per start position yields its 3-, 4- and 5-gram in turn.
    let h = FNV_OFFSET_BASIS ^ CHAR_SEED;
    const end = Math.min(start + CHAR_NGRAM_MAX, total);
    for (let position = start; position < end; position++) {
      h = fnvStep(h, padded[position]!);
      if (position - start >= CHAR_NGRAM_MIN - 1) out.addFeature(mix32(h) & mask, token, FEATURE_KIND_CHAR);
    }
  }
}

/**
 * Tokenises `text` and writes its hashed features into `out` (which it
 * resets). Buckets are in [0, 2^hashBits). `maskIdentityTerms` is false only
 * for the training script's ablation that measures what the masking buys.
 */
export function extractFeatures(text: string, hashBits: number, out: FeatureBuffer, maskIdentityTerms = true): FeatureBuffer {
  out.begin(hashBits);
  const mask = (1 << hashBits) - 1;
  const codes = out.codes;
  const n = text.length;
  let i = 0;

  while (i < n) {
    const code = text.charCodeAt(i);
    if (!isLetterOrDigit(code)) {
      if (code === 38) {
        const end = htmlEntityEnd(text, i);
        if (end > 0) {
          i = end;
          continue;
        }
      } else if (code === 64 && i + 1 < n && isMentionCode(text.charCodeAt(i + 1))) {
        const start = i++;
        while (i < n && isMentionCode(text.charCodeAt(i))) i++;
        out.addWord(start, i, USER_HASH, true, false);
        continue;
      }
      i++;
      continue;
    }
    if (code === 104 || code === 72 || code === 119 || code === 87) {
      const length = urlLength(text, i);
      if (length > 0) {
        out.addWord(i, i + length, URL_HASH, true, false);
        i += length;
        continue;
      }
    }

    const start = i;
    let length = 0;
    let hasLetter = false;
    let hasDigitOrMark = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      let kept: number;
      if (isLetterOrDigit(c)) {
        kept = lowerCode(c);
        if (c >= 48 && c <= 57) hasDigitOrMark = true;
        else hasLetter = true;
      } else if ((isMaskMark(c) || c === 39 || c === 0x2019) && i + 1 < n && (isLetterOrDigit(text.charCodeAt(i + 1)) || (c === 42 && text.charCodeAt(i + 1) === 42))) {
        // A mark or apostrophe counts as part of the word only when the word goes on after it.
        kept = c === 0x2019 ? 39 : c;
        if (c !== 39 && c !== 0x2019) hasDigitOrMark = true;
      } else break;
      if (length < MAX_TOKEN_CODES) codes[length++] = kept;
      i++;
    }

    if (!hasLetter) {
      out.addWord(start, i, NUMBER_HASH, true, false);
      continue;
    }
    length = normaliseCodes(codes, length, hasLetter, hasDigitOrMark);
    if (length === 0) continue;
    let h = FNV_OFFSET_BASIS ^ WORD_SEED;
    for (let k = 0; k < length; k++) h = fnvStep(h, codes[k]!);
    const hash = mix32(h);
    if (hash === RETWEET_HASH) continue; // a Twitter artefact, not language
    if (maskIdentityTerms && IDENTITY_TERM_HASHES.has(hash)) {
      out.addWord(start, i, IDENTITY_HASH, false, false);
      continue;
    }
    if (FUNCTION_WORD_HASHES.has(hash)) {
      out.addWord(start, i, hash, true, true);
      continue;
    }
    const token = out.addWord(start, i, hash, true, false);
    addCharNgrams(out, codes, length, token, mask);
  }
  return out;
}

/** The words the tokeniser finds, as they appear in the text; for tests and explanations. */
export function tokenTexts(text: string): string[] {
  const buffer = extractFeatures(text, 16, new FeatureBuffer());
  const words: string[] = [];
  for (let t = 0; t < buffer.tokenCount; t++) words.push(text.slice(buffer.tokenStart[t], buffer.tokenEnd[t]));
  return words;
}
