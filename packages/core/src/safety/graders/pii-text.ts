import type { PiiDetector } from "./pii-report";
import { IBAN_LENGTHS, isNonPersonalIpv6, parseIpv6, passesIbanMod97 } from "./pii-validation";

// PII detectors anchored on something other than a run of digits: email
// addresses on "@", IPv6 addresses on ":", IBANs on a country code and
// check digits (IBANs are read in the windows around runs of digits, which
// every IBAN's account number makes).

/** From the start of the local part; the start is found by walking back from each "@". */
const EMAIL = /[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-]|\.[A-Za-z0-9])/y;
const LOCAL_PART_CHAR = /[A-Za-z0-9._%+-]/;
/** RFC 2606 / 6761 names, reserved so that examples can use them: they reach no one. */
const RESERVED_EMAIL_DOMAIN = /(?:^|\.)(?:example\.(?:com|net|org)|[a-z0-9-]+\.(?:test|example|invalid|localhost))$|^(?:test|example|invalid|localhost)$/;
/** "name@2x.png", "badge@logo.svg": file names with an "@", whose "top-level domain" is a file extension. */
const FILE_EXTENSION = /\.(?:png|jpe?g|gif|svg|webp|ico|js|mjs|cjs|ts|tsx|jsx|css|html?|json|ya?ml|txt|pdf|zip|gz|tgz)$/;

export const findEmails: PiiDetector = (text, offset, report) => {
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_PART_CHAR.test(text[start - 1]!)) start--;
    while (start < at && !/[A-Za-z0-9]/.test(text[start]!)) start++;
    EMAIL.lastIndex = start;
    const m = EMAIL.exec(text);
    if (!m || (start > 0 && /[\w.%+-]/.test(text[start - 1]!))) continue;
    const [local, domain] = m[0].split("@") as [string, string];
    if (local.endsWith(".") || local.includes("..")) continue;
    const host = domain.toLowerCase();
    if (RESERVED_EMAIL_DOMAIN.test(host) || FILE_EXTENSION.test(host)) continue;
    // "git@github.com:org/repo" is an SSH remote: the user every Git host serves, not a person.
    if (local === "git" && text[m.index + m[0].length] === ":") continue;
    report.add(offset + m.index, offset + m.index + m[0].length, "email", "email address with a well-formed domain");
  }
};

const IBAN_START = /\b([A-Z]{2})\d{2}(?=[ ]?[A-Z0-9])/g;

/** Reads the country's IBAN length from `start`, in compact or print (groups of four) form. */
function readIban(text: string, start: number, length: number): { compact: string; end: number } | undefined {
  const spaced = text[start + 4] === " ";
  let compact = "";
  let i = start;
  while (compact.length < length && i < text.length) {
    if (compact.length > 0 && compact.length % 4 === 0 && spaced) {
      if (text[i] !== " ") return undefined;
      i++;
    }
    const c = text[i];
    if (c === undefined || !/[A-Z0-9]/.test(c)) return undefined;
    compact += c;
    i++;
  }
  if (compact.length < length || /[A-Za-z0-9]/.test(text[i] ?? "")) return undefined;
  return { compact, end: i };
}

export const findIbans: PiiDetector = (text, offset, report) => {
  for (const m of text.matchAll(IBAN_START)) {
    const country = m[1]!;
    const length = IBAN_LENGTHS[country];
    if (length === undefined) continue;
    const iban = readIban(text, m.index, length);
    if (!iban || !passesIbanMod97(iban.compact)) continue;
    report.add(offset + m.index, offset + iban.end, "iban", `${country} IBAN (${length} characters) passing the mod-97 check`);
  }
};

const isHex = (c: string | undefined) => c !== undefined && /[0-9A-Fa-f]/.test(c);
const IPV6_CHAR = /[0-9A-Fa-f:.]/;

/**
 * Candidates are the maximal runs of hex digits, colons and dots around a
 * colon that has a hex digit or colon on both sides: a scan from each colon
 * instead of an expression tried at every offset.
 */
export const findIpv6: PiiDetector = (text, offset, report) => {
  let searchedTo = 0;
  for (let colon = text.indexOf(":"); colon !== -1; colon = text.indexOf(":", colon + 1)) {
    if (colon < searchedTo) continue;
    const before = text[colon - 1];
    const after = text[colon + 1];
    if (!(isHex(before) || before === ":") || !(isHex(after) || after === ":")) continue;
    let start = colon;
    while (start > 0 && IPV6_CHAR.test(text[start - 1]!)) start--;
    let end = colon + 1;
    while (end < text.length && IPV6_CHAR.test(text[end]!)) end++;
    searchedTo = end;
    while (end > start && text[end - 1] === ".") end--; // the full stop of a sentence
    if (/\w/.test(text[start - 1] ?? "") || /\w/.test(text[end] ?? "") || text[start] === ".") continue;
    const candidate = text.slice(start, end);
    // An address has two colons at least ("fe80::1"); one is a time or a ratio.
    if (candidate.indexOf(":") === candidate.lastIndexOf(":")) continue;
    // "a::b" parses, but so little written is more likely code than an address.
    if (candidate.replace(/[^0-9A-Fa-f]/g, "").length < 4) continue;
    const groups = parseIpv6(candidate);
    if (!groups || isNonPersonalIpv6(groups)) continue;
    report.add(offset + start, offset + end, "ipv6", "IPv6 address (eight 16-bit groups)");
  }
};
