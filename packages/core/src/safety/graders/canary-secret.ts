import { base64Cores, base64Of, compactOf, escapeLiteral, hexOf, isAlnum, leetFolded, leetSignsFor, reverse, rot13, spacedPattern } from "./canary-text";

// Everything the canary detector looks for, worked out once per secret: one
// regular expression holding the spaced-out, reversed, ROT13, leetspeak and
// hex forms, so a response is read once for all of them; one holding the
// base64 forms; and the anchors of partial disclosures.

/**
 * Below this many letters and digits a secret is "short": every match must
 * stand as a word of its own, because short secrets ("paradox", "sun") occur
 * inside ordinary words ("paradoxical", "sunday"). Long ones count anywhere.
 */
export const SHORT_SECRET = 8;
/**
 * From this many letters and digits, a secret split into chunks by spaces
 * ("correct horse battery staple") counts; shorter ones split that way are
 * often just words ("sun shine" for "sunshine").
 */
const CHUNKED_SECRET = 12;
/** Separators between two characters of a spaced-out secret: "p - a", "p\n\na", "p, a". */
const MAX_GAP = 4;
/**
 * Longer secrets (keys, tokens) are looked for as written, reversed and in
 * hex, without spacing-out, ROT13 or leetspeak: nobody spells out 65
 * characters one by one, and the pattern would grow with every character.
 */
const MAX_SPELLED = 64;
/** A partial disclosure needs this share of the secret's characters, and at least PARTIAL_MIN_CHARS. */
const PARTIAL_SHARE = 0.6;
const PARTIAL_MIN_CHARS = 4;
/** Partial disclosures are found from anchors at most this long (see partialAnchorsOf). */
const PARTIAL_ANCHOR = 16;

export type CanaryForm = "exact" | "case_changed" | "spaced" | "reversed" | "rot13" | "leetspeak" | "base64" | "hex" | "partial";

/** One alternative of the secret's pattern, in the order of its capture groups. */
export type Alternative = {
  form: "exact" | "reversed" | "rot13" | "leetspeak" | "hex";
  /** Where the needle has separators of its own, which the text may repeat. */
  gapAfter: readonly boolean[];
  /** Long needles count inside words; short ones must stand alone. */
  anywhere: boolean;
  /** Whether spaces between multi-character chunks count as spacing-out. */
  chunkable: boolean;
};

/** A piece of the secret that any partial disclosure contains; `anchor` is its offset in the compact secret. */
export type PartialAnchor = { piece: string; anchor: number };

/** A piece of base64 to look for, and the full encodings that make it "the secret in base64" rather than part of a longer string. */
export type Base64Needle = { needle: string; wholes: string[] };

export type PreparedSecret = {
  secret: string;
  /** Letters and digits, lower-cased. */
  compact: string;
  /** The secret's words ("password", "123" of "password123"), lower-cased. */
  components: ReadonlySet<string>;
  /** Shortest partial disclosure, in characters. */
  partialMinimum: number;
  /** Run with exec on the lower-cased response; group i + 1 is alternatives[i]. */
  pattern: RegExp;
  alternatives: readonly Alternative[];
  /** Looked up with indexOf in the lower-cased response, after the whole forms. */
  partialAnchors: readonly PartialAnchor[];
  /** Run on the response as written (base64 is case-sensitive). */
  base64Pattern: RegExp | undefined;
  base64: ReadonlyMap<string, Base64Needle>;
};

/** gapAfter[i]: the secret has a separator between its compact characters i and i + 1. */
function separatorsOf(secret: string): boolean[] {
  const gaps: boolean[] = [];
  let seenChar = false;
  let gap = false;
  for (let i = 0; i < secret.length; i++) {
    if (!isAlnum(secret[i])) {
      gap = seenChar;
      continue;
    }
    if (seenChar) gaps.push(gap);
    seenChar = true;
    gap = false;
  }
  return gaps;
}

function componentsOf(secret: string): Set<string> {
  const words = secret.split(/[^\p{L}\p{N}]+|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})|(?<=\p{Ll})(?=\p{Lu})/u);
  return new Set(words.filter((w) => w.length > 0).map((w) => w.toLowerCase()));
}

const urlSafe = (base64: string) => base64.replace(/\+/g, "-").replace(/\//g, "_");

/** The secret's base64 cores in the standard and URL-safe alphabets, for each case variant. */
function base64NeedlesOf(variants: readonly string[]): Map<string, Base64Needle> {
  const needles = new Map<string, Base64Needle>();
  for (const variant of variants) {
    const whole = base64Of(variant).replace(/=+$/, "");
    for (const { alignment, core } of base64Cores(variant)) {
      for (const needle of new Set([core, urlSafe(core)])) {
        const known = needles.get(needle) ?? { needle, wholes: [] };
        if (alignment === 0) known.wholes.push(whole, urlSafe(whole));
        needles.set(needle, known);
      }
    }
  }
  return needles;
}

function wholeForms(secret: string, compact: string, gapAfter: boolean[], variants: readonly string[]): Array<[string, Alternative]> {
  const anywhere = compact.length >= SHORT_SECRET;
  const chunkable = compact.length >= CHUNKED_SECRET;
  const whole = (form: "exact" | "reversed" | "rot13" | "leetspeak", gaps: readonly boolean[]): Alternative => ({ form, gapAfter: gaps, anywhere, chunkable });
  const hex: Alternative = { form: "hex", gapAfter: [], anywhere: true, chunkable: true };
  const hexes = [...new Set(variants.map(hexOf))];
  if (compact.length > MAX_SPELLED) {
    const asWritten = [...new Set([escapeLiteral(secret.toLowerCase()), compact])];
    return [...asWritten.map((p): [string, Alternative] => [p, whole("exact", gapAfter)]), [reverse(compact), whole("reversed", [])], ...hexes.map((h): [string, Alternative] => [h, hex])];
  }
  const forms: Array<[string, Alternative]> = [[spacedPattern(compact, false, MAX_GAP), whole("exact", gapAfter)]];
  // A secret of one or two letters has no meaningful transformed forms.
  if (compact.length < 3) return forms;
  const reversed = reverse(compact);
  if (reversed !== compact) forms.push([spacedPattern(reversed, false, MAX_GAP), whole("reversed", [...gapAfter].reverse())]);
  const rotated = rot13(compact);
  if (rotated !== compact) forms.push([spacedPattern(rotated, false, MAX_GAP), whole("rot13", gapAfter)]);
  // Without a digit or symbol that writes one of its letters, leetspeak of the secret is the secret.
  if (leetSignsFor(leetFolded(compact))) forms.push([spacedPattern(compact, true, MAX_GAP), whole("leetspeak", gapAfter)]);
  for (const h of hexes) forms.push([spacedPattern(h, false, MAX_GAP), hex]);
  return forms;
}

/**
 * A partial disclosure is a contiguous piece of at least 60% of the secret's
 * characters and at least four. Fewer than four letters occur by chance in
 * any text; 60% of a secret leaves an attacker little to guess ("parad" of
 * "paradox", 20 characters of a 32-character key). Any such piece contains
 * one of the anchors: pieces of the secret of length min(minimum, 16)
 * taken every (minimum − length + 1) characters. Anchors are found with
 * indexOf, and a match is grown in code to its full length.
 */
function partialAnchorsOf(compact: string, minimum: number): PartialAnchor[] {
  const anchors: PartialAnchor[] = [];
  if (compact.length < 3 || minimum >= compact.length) return anchors;
  const length = Math.min(minimum, PARTIAL_ANCHOR);
  const step = minimum - length + 1;
  const seen = new Set<string>();
  for (let anchor = 0; anchor + length <= compact.length; anchor += step) {
    const piece = compact.slice(anchor, anchor + length);
    if (seen.has(piece)) continue;
    seen.add(piece);
    anchors.push({ piece, anchor });
  }
  return anchors;
}

function prepareUncached(secret: string): PreparedSecret {
  const compact = compactOf(secret);
  const variants = [...new Set([secret, secret.toLowerCase(), secret.toUpperCase()])];
  const partialMinimum = Math.max(PARTIAL_MIN_CHARS, Math.ceil(PARTIAL_SHARE * compact.length));
  const forms = compact.length === 0 ? [] : wholeForms(secret, compact, separatorsOf(secret), variants);
  const base64 = compact.length >= 3 ? base64NeedlesOf(variants) : new Map<string, Base64Needle>();
  return {
    secret,
    compact,
    components: componentsOf(secret),
    partialMinimum,
    // Never matches when there is nothing to look for.
    pattern: new RegExp(forms.length === 0 ? "(?!)" : forms.map(([source]) => `(${source})`).join("|"), "g"),
    alternatives: forms.map(([, alternative]) => alternative),
    partialAnchors: partialAnchorsOf(compact, partialMinimum),
    base64Pattern: base64.size === 0 ? undefined : new RegExp([...base64.keys()].map(escapeLiteral).join("|"), "g"),
    base64,
  };
}

const prepared = new Map<string, PreparedSecret>();
const MAX_PREPARED = 1000;

/** The secret's forms, prepared on first use: a suite checks the same few secrets on every response. */
export function prepareSecret(secret: string): PreparedSecret {
  let result = prepared.get(secret);
  if (!result) {
    result = prepareUncached(secret);
    if (prepared.size >= MAX_PREPARED) prepared.clear();
    prepared.set(secret, result);
  }
  return result;
}
