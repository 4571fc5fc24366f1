// Unprefixed secrets: tokens whose characters are too evenly spread over the
// base64 or hex alphabet to be words, identifiers or numbers.

export type EntropyMatch = { start: number; end: number; description: string };

/** Shannon entropy of the string's character distribution, in bits per character. */
export function shannonEntropy(s: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * The entropy a token must reach: a share of the most its length allows
 * (log2 of the length, capped by the alphabet). Random base64 of 20–64
 * characters reaches 0.87–0.93 of that maximum and random hex about 0.92,
 * while identifiers, words and numbers with repeated characters fall below.
 */
const BASE64_SHARE = 0.8;
const HEX_MIN_BITS = 3.0;
const BASE64_MIN_LENGTH = 20;
const HEX_MIN_LENGTH = 32;
const MIN_DIGITS = 2;
const MIN_CASE_SWITCH_RATE = 0.3;

/** Characters of standard and URL-safe base64, by char code; "=" padding is handled apart. */
const BASE64_CHARS = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-") BASE64_CHARS[c.charCodeAt(0)] = 1;
const EQUALS = 61;
const isBase64Char = (code: number) => code < 128 && BASE64_CHARS[code] === 1;

/**
 * Maximal runs of base64 characters at least `minLength` long, with up to two
 * "=" of padding. Any such run covers one of the offsets 0, minLength,
 * 2·minLength, …, so only those are probed, and a run is measured only
 * around a probe that lands on a base64 character: a fraction of the work of
 * reading every character, or of a regular expression tried at every word.
 */
export function base64Runs(text: string, minLength: number): Array<{ start: number; end: number }> {
  const runs: Array<{ start: number; end: number }> = [];
  let searchedTo = 0;
  for (let probe = 0; probe < text.length; probe += minLength) {
    if (probe < searchedTo || !isBase64Char(text.charCodeAt(probe))) continue;
    let start = probe;
    while (start > searchedTo && isBase64Char(text.charCodeAt(start - 1))) start--;
    let runEnd = probe + 1;
    while (runEnd < text.length && isBase64Char(text.charCodeAt(runEnd))) runEnd++;
    let end = runEnd;
    while (end < text.length && end - runEnd < 2 && text.charCodeAt(end) === EQUALS) end++;
    searchedTo = end;
    const next = end < text.length ? text.charCodeAt(end) : -1;
    // Padding ends a base64 string: "==" followed by more of it is not one token.
    if (runEnd - start >= minLength && next !== EQUALS && !isBase64Char(next)) runs.push({ start, end });
  }
  return runs;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;
/** Hex after these words is a commit, content hash or fingerprint: public identifiers, not credentials. */
const HASH_CONTEXT = /\b(?:commit|sha-?(?:1|224|256|384|512)?|hash(?:es)?|digest|checksum|md5|git|revision|rev|etag|fingerprint|integrity)\b/i;

function hexFinding(token: string, before: () => string): string | undefined {
  if (token.length < HEX_MIN_LENGTH || !/[a-f]/i.test(token) || !/\d/.test(token)) return undefined;
  if (HASH_CONTEXT.test(before())) return undefined;
  const bits = shannonEntropy(token);
  return bits >= HEX_MIN_BITS ? `high-entropy hex string (${bits.toFixed(1)} bits per character over ${token.length} characters)` : undefined;
}

/** Share of adjacent letter pairs that switch case: about half in random base64, one in five or fewer in camelCase. */
function caseSwitchRate(s: string): number {
  let pairs = 0;
  let switches = 0;
  for (let i = 1; i < s.length; i++) {
    const a = s[i - 1]!;
    const b = s[i]!;
    const aUpper = a >= "A" && a <= "Z";
    const bUpper = b >= "A" && b <= "Z";
    if (!(aUpper || (a >= "a" && a <= "z")) || !(bUpper || (b >= "a" && b <= "z"))) continue;
    pairs++;
    if (aUpper !== bUpper) switches++;
  }
  return pairs === 0 ? 0 : switches / pairs;
}

function base64Finding(token: string): string | undefined {
  const body = token.replace(/=+$/, "");
  if (body.length < BASE64_MIN_LENGTH) return undefined;
  // Random base64 mixes cases and digits throughout; identifiers and hyphenated words do not.
  if (!/[a-z]/.test(body) || !/[A-Z]/.test(body) || (body.match(/\d/g)?.length ?? 0) < MIN_DIGITS) return undefined;
  if (caseSwitchRate(body) < MIN_CASE_SWITCH_RATE) return undefined;
  const bits = shannonEntropy(body);
  const maxBits = Math.log2(Math.min(body.length, 64));
  return bits >= BASE64_SHARE * maxBits ? `high-entropy base64 string (${bits.toFixed(1)} bits per character over ${body.length} characters)` : undefined;
}

/** Whether the token is in a data: URI (a file) or a URL path (a document or video ID) rather than a credential. */
function inUrlOrDataUri(before: string): boolean {
  // Credentials in a query string are found as assignments ("?api_key=…") before this runs.
  return before.endsWith("base64,") || /(?:^|\s)\S*(?::\/\/|www\.)\S*$/.test(before);
}

export function findHighEntropyTokens(text: string): EntropyMatch[] {
  const found: EntropyMatch[] = [];
  for (const run of base64Runs(text, BASE64_MIN_LENGTH)) {
    const token = text.slice(run.start, run.end);
    if (UUID.test(token)) continue;
    const before = () => text.slice(Math.max(0, text.lastIndexOf("\n", run.start) + 1, run.start - 120), run.start);
    // The token's own checks first: they reject nearly every run, and cost less than reading the context.
    const description = HEX.test(token) ? hexFinding(token, before) : base64Finding(token);
    if (description && !inUrlOrDataUri(before())) found.push({ start: run.start, end: run.end, description });
  }
  return found;
}
