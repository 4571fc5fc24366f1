// Characters and encodings the canary detector works with. The "compact"
// form of a text keeps only its letters and digits, lower-cased, so that
// "P-a r\nA" and "para" are the same four characters; in leetspeak, digits
// and a few symbols also count, folded onto the letters they stand for.

/** Leetspeak substitutions, and "l" folded onto "i" because "1" and "|" stand for either. */
const LEET: Readonly<Record<string, string>> = {
  "0": "o", "1": "i", "2": "z", "3": "e", "4": "a", "5": "s", "6": "g", "7": "t", "8": "b", "9": "g",
  "@": "a", $: "s", "!": "i", "|": "i", "+": "t", l: "i",
};
const LEET_SYMBOLS = "@$!|+";
const NON_ASCII_ALNUM = /[\p{L}\p{N}]/u;

export function isAlnum(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return NON_ASCII_ALNUM.test(c);
}

/** A character the leetspeak form keeps: a letter, a digit or one of the symbols standing for a letter. */
export const isLeetKept = (c: string | undefined) => isAlnum(c) || (c !== undefined && LEET_SYMBOLS.includes(c));

function lowerChar(c: string): string {
  const l = c.toLowerCase();
  // A few characters lower-case to two ("İ"); one character per offset matters more.
  return l.length === 1 ? l : c;
}

/** The text lower-cased with every offset unchanged, so a match in it is a match at the same offsets of the original. */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = "";
  for (let i = 0; i < text.length; i++) out += lowerChar(text[i]!);
  return out;
}

/** Letters and digits only, lower-cased. Works on UTF-16 code units, as the offsets of matches do. */
export function compactOf(text: string): string {
  const lower = lowerSameLength(text);
  let out = "";
  for (let i = 0; i < lower.length; i++) if (isAlnum(lower[i])) out += lower[i];
  return out;
}

/** The letter each character of a compact string stands for in leetspeak. */
export function leetFolded(compact: string): string {
  let out = "";
  for (const c of compact) out += LEET[c] ?? c;
  return out;
}

/** For each letter, the characters that write it in leetspeak: "a" → "a4@". */
const LEET_SPELLINGS: Readonly<Record<string, string>> = (() => {
  const spellings: Record<string, string> = {};
  for (const [sign, letter] of Object.entries(LEET)) spellings[letter] = (spellings[letter] ?? letter) + sign;
  return spellings;
})();

/** A needle matched as written, with no separators. */
export const escapeLiteral = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

const escapeForClass = (chars: string) => chars.replace(/[\\\]^-]/g, "\\$&");
const hexEscape = (code: number) => `\\x${code.toString(16).padStart(2, "0")}`;

/**
 * What may separate the characters of a spaced-out secret: ASCII that is not
 * a letter or digit, and Unicode spaces, general punctuation (zero-width
 * characters included) and CJK punctuation. Without the "u" flag: Unicode
 * property classes, repeated between every two characters of a needle, made
 * the expression slow to compile and to run.
 */
function separatorClass(alsoKept: string): string {
  const ascii: string[] = [];
  for (let code = 0; code < 128; code++) {
    const c = String.fromCharCode(code);
    if (!/[A-Za-z0-9]/.test(c) && !alsoKept.includes(c)) ascii.push(hexEscape(code));
  }
  return `[${ascii.join("")}\\xa0\\xad\\u2000-\\u206f\\u2e00-\\u2e7f\\u3000-\\u303f\\ufeff]`;
}

const PLAIN_SEPARATOR = separatorClass("");
const LEET_SEPARATOR = separatorClass(LEET_SYMBOLS);

/**
 * The needle's characters with up to `maxGap` separators between any two:
 * "p a r", "p-a-r", "p\na\nr". Run on lower-cased text with flag "g".
 * In leetspeak each character may be any of its spellings, and the symbols
 * that spell letters are not separators.
 */
export function spacedPattern(needle: string, leet: boolean, maxGap: number): string {
  const separator = `${leet ? LEET_SEPARATOR : PLAIN_SEPARATOR}{0,${maxGap}}`;
  return [...needle].map((c) => (leet ? `[${escapeForClass(LEET_SPELLINGS[LEET[c] ?? c] ?? c)}]` : escapeLiteral(c))).join(separator);
}

/** The digits and symbols that write one of `folded`'s letters in leetspeak: a text without any has no leetspeak of it. */
export function leetSignsFor(folded: string): RegExp | undefined {
  const signs = Object.keys(LEET).filter((sign) => !/[a-z]/.test(sign) && folded.includes(LEET[sign]!));
  return signs.length === 0 ? undefined : new RegExp(`[${escapeForClass(signs.join(""))}]`);
}

export function rot13(s: string): string {
  return s.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97));
}

export function reverse(s: string): string {
  return [...s].reverse().join("");
}

const utf8 = new TextEncoder();

function binary(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

export function hexOf(s: string): string {
  let hex = "";
  for (const b of utf8.encode(s)) hex += b.toString(16).padStart(2, "0");
  return hex;
}

export function base64Of(s: string): string {
  return btoa(binary(utf8.encode(s)));
}

/**
 * What base64 of the secret looks like inside any base64 string. A secret
 * preceded by k bytes (k mod 3 = 0, 1, 2) encodes to different characters;
 * for each alignment this keeps the characters that depend on the secret's
 * bytes alone, which appear whatever comes before and after it.
 */
export function base64Cores(s: string): Array<{ alignment: number; core: string }> {
  const bytes = utf8.encode(s);
  const cores: Array<{ alignment: number; core: string }> = [];
  for (let alignment = 0; alignment < 3; alignment++) {
    const padded = new Uint8Array(alignment + bytes.length);
    padded.set(bytes, alignment);
    const encoded = btoa(binary(padded));
    cores.push({ alignment, core: encoded.slice(Math.ceil((8 * alignment) / 6), Math.floor((8 * padded.length) / 6)) });
  }
  return cores;
}
