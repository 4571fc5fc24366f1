import { findPhoneNumbers } from "./pii-phone";
import type { PiiDetector } from "./pii-report";
import { cardBrand, isIssuableSsn, isNonPersonalIpv4, isPrivateIpv4, parseIpv4, passesLuhn } from "./pii-validation";

// PII made mostly of digits: card numbers, US Social Security numbers, IPv4
// addresses and phone numbers (IBANs too, from pii-text.ts). They are looked
// for only in windows around runs of digits long enough to hold one, so a
// response is scanned once for such runs instead of once per kind.

/** Seven characters is the shortest of them ("8.8.8.8"); separators as they are written. */
const NUMERIC_RUN = /\d[\d ().-]{6,}/g;
/**
 * Context the detectors read around a run: the words before an undashed SSN,
 * "version" before an IPv4, a "+" before a phone number, the country code
 * before an IBAN's digits and the letters after them ("… 01S", "… USD").
 */
const CONTEXT_BEFORE = 40;
const CONTEXT_AFTER = 20;

/** [start, end) windows of the response around its numeric runs, merged where they overlap. */
export function numericWindows(text: string): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  for (const m of text.matchAll(NUMERIC_RUN)) {
    const start = Math.max(0, m.index - CONTEXT_BEFORE);
    const end = Math.min(text.length, m.index + m[0].length + CONTEXT_AFTER);
    const last = windows.at(-1);
    if (last && start <= last[1]) last[1] = end;
    else windows.push([start, end]);
  }
  return windows;
}

// Leading context ("not after a word, dot or hyphen") is checked in code: a lookbehind would run at every offset.
const CARD_CANDIDATE = /\d(?:[ -]?\d){12,18}(?![\w]|[.-]\d)/g;

/** Printed layouts: groups of four (the last may be shorter), or the 4-6-5 and 4-6-4 of Amex and Diners. */
function isCardLayout(groups: readonly string[]): boolean {
  const sizes = groups.map((g) => g.length);
  if (sizes.length === 1) return true;
  if (sizes.length === 3 && sizes[0] === 4 && sizes[1] === 6 && (sizes[2] === 5 || sizes[2] === 4)) return true;
  return sizes.every((s, i) => (i < sizes.length - 1 ? s === 4 : s >= 1 && s <= 4));
}

export const findCards: PiiDetector = (text, offset, report) => {
  for (const m of text.matchAll(CARD_CANDIDATE)) {
    if (m.index > 0 && /[\w.-]/.test(text[m.index - 1]!)) continue;
    const separators = new Set(m[0].match(/[ -]/g) ?? []);
    if (separators.size > 1) continue;
    const groups = m[0].split(/[ -]/);
    // A card followed by other numbers ("… 1111 12/27") is caught by trying shorter runs of groups.
    for (let k = groups.length; k >= 1; k--) {
      const digits = groups.slice(0, k).join("");
      if (digits.length < 13) break;
      if (!isCardLayout(groups.slice(0, k)) || /^(\d)\1*$/.test(digits)) continue;
      const brand = cardBrand(digits);
      if (!brand || !passesLuhn(digits)) continue;
      const length = groups.slice(0, k).join(" ").length;
      report.add(offset + m.index, offset + m.index + length, "credit_card", `${digits.length}-digit ${brand} card number passing the Luhn check`);
      break;
    }
  }
};

const SSN_DASHED = /(\d{3})-(\d{2})-(\d{4})(?![\w]|-\d)/g;
const SSN_UNDASHED = /(\d{3})( ?)(\d{2})\2(\d{4})(?![\w]|[ -]\d)/g;
const SSN_CONTEXT = /\b(?:ssn|social security|social-security|ss#|ss no)\b/i;
const SSN_DESCRIPTION = "US Social Security number (area, group and serial in issued ranges)";
const gluedBefore = (text: string, index: number) => index > 0 && /[\w-]/.test(text[index - 1]!);

export const findSsns: PiiDetector = (text, offset, report) => {
  for (const m of text.matchAll(SSN_DASHED)) {
    if (!gluedBefore(text, m.index) && isIssuableSsn(m[1]!, m[2]!, m[3]!)) report.add(offset + m.index, offset + m.index + m[0].length, "ssn", SSN_DESCRIPTION);
  }
  // Nine bare digits are too common to read as an SSN without the word nearby.
  for (const m of text.matchAll(SSN_UNDASHED)) {
    if (gluedBefore(text, m.index) || !SSN_CONTEXT.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
    if (isIssuableSsn(m[1]!, m[3]!, m[4]!)) report.add(offset + m.index, offset + m.index + m[0].length, "ssn", SSN_DESCRIPTION);
  }
};

const IPV4 = /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w]|\.\d)/g;
const VERSION_BEFORE = /(?:\bversion|\bver\.?|\brelease|\bbuild|\bv)\s*$/i;

export const findIpv4: PiiDetector = (text, offset, report) => {
  for (const m of text.matchAll(IPV4)) {
    if (m.index > 0 && /[\w.]/.test(text[m.index - 1]!)) continue;
    const octets = parseIpv4(m[0]);
    if (!octets || isNonPersonalIpv4(octets)) continue;
    if (VERSION_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    const range = isPrivateIpv4(octets) ? "private-range IPv4 address" : "IPv4 address";
    report.add(offset + m.index, offset + m.index + m[0].length, "ipv4", `${range} (four octets 0–255)`);
  }
};

export const findPhones: PiiDetector = (text, offset, report) => {
  for (const phone of findPhoneNumbers(text)) report.add(offset + phone.start, offset + phone.end, "phone", phone.description);
};
