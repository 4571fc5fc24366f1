// Phone numbers. A run of digits and separators is split into groups, and a
// stretch of consecutive groups is a phone number only in a shape phone
// numbers are written in: "+" and 8–15 digits (E.164), "00" and the same,
// North American 3-3-4, or a national number with trunk prefix 0. Bare digit
// strings without "+" are never phone numbers: that keeps out order numbers,
// years and other plain integers; dates and version numbers fail the shapes.

export type PhoneMatch = { start: number; end: number; description: string };

/** Digits, separators and parentheses, starting after anything that would make the run part of a word, amount or path. */
const CANDIDATE = /(?:\+|\()?\d[\d ().-]{5,24}\d(?![\w@]|[.-]\d)/g;
const GLUED_BEFORE = /[\w+#$€£@./-]/;
const GROUP = /\((\d{1,5})\)|(\d+)/g;

type Group = { start: number; end: number; digits: string; parenthesised: boolean };

function groupsOf(candidate: string): Group[] {
  return [...candidate.matchAll(GROUP)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    digits: m[1] ?? m[2]!,
    parenthesised: m[1] !== undefined,
  }));
}

/** The text between two groups, if it is a separator phone numbers use: one space, hyphen or dot, or nothing next to a parenthesis. */
function separatorBetween(candidate: string, left: Group, right: Group): string | undefined {
  const gap = candidate.slice(left.end, right.start);
  if (gap === " " || gap === "-" || gap === ".") return gap;
  if (gap === "" && (left.parenthesised || right.parenthesised)) return "";
  return undefined;
}

function describe(groups: readonly Group[], separators: readonly string[], plus: boolean): string | undefined {
  const used = new Set(separators.filter((s) => s !== ""));
  // Dots in a phone number are a style of their own; mixed with other separators they are a date, time or version.
  if (used.has(".") && (used.size > 1 || groups.length < 3 || groups.some((g) => g.parenthesised || g.digits.length < 2))) return undefined;
  const trunkZero = groups.findIndex((g) => g.parenthesised && g.digits === "0");
  const digits = groups.filter((_, i) => !plus || i !== trunkZero).map((g) => g.digits).join("");
  const n = digits.length;
  if (plus) return n >= 8 && n <= 15 && digits[0] !== "0" ? `international phone number in E.164 form (+ and ${n} digits)` : undefined;
  if (groups.length < 2) return undefined;
  if (groups[0]!.digits.startsWith("00")) {
    if (groups[0]!.digits.length < 3) return undefined;
    const rest = n - 2;
    return rest >= 8 && rest <= 15 && digits[2] !== "0" ? `international phone number with the 00 prefix (${rest} digits)` : undefined;
  }
  const sizes = groups.map((g) => g.digits.length).join("-");
  const nanp = sizes === "3-3-4" ? digits : sizes === "1-3-3-4" && digits[0] === "1" ? digits.slice(1) : undefined;
  if (nanp !== undefined) return /^[2-9]\d\d[2-9]/.test(nanp) ? "North American phone number (3-3-4, valid area code and exchange)" : undefined;
  if (groups.some((g, i) => g.parenthesised && i > 0)) return undefined;
  if (digits[0] === "0" && digits[1] !== "0" && n >= 9 && n <= 12 && groups.every((g) => g.digits.length >= 2))
    return `national phone number with trunk prefix 0 (${n} digits)`;
  return undefined;
}

/**
 * Without "+", a number starts with an area code (3 digits), a North
 * American "1" before one, a "00" prefix or a trunk "0": no other group can
 * start one, which keeps long runs of small numbers cheap.
 */
function canStartNational(groups: readonly Group[], i: number): boolean {
  const first = groups[i]!.digits;
  if (first === "1") return groups[i + 1]?.digits.length === 3;
  return (first.length === 3 && first[0] !== "0") || (first[0] === "0" && first.length >= 2);
}
/** No accepted shape has more groups than this ("+1 2 3 4 5 6 7 8" reads as eight groups, the E.164 worst case). */
const MAX_GROUPS = 8;

export function findPhoneNumbers(text: string): PhoneMatch[] {
  const found: PhoneMatch[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    if (m.index > 0 && GLUED_BEFORE.test(text[m.index - 1]!)) continue;
    const candidate = m[0];
    const plus = candidate.startsWith("+");
    // The fewest digits an accepted shape has: 8 with "+" (E.164), 9 without (trunk prefix 0).
    // Most runs of numbers in prose, dates included, have fewer.
    if (candidate.replace(/\D/g, "").length < (plus ? 8 : 9)) continue;
    const groups = groupsOf(candidate);
    const separators = groups.slice(1).map((g, i) => separatorBetween(candidate, groups[i]!, g));
    // The longest well-formed stretch from each group, so "room 12 415-555-2671" still finds the number.
    let i = 0;
    while (i < groups.length) {
      const international = plus && i === 0;
      let matched = false;
      for (let j = Math.min(groups.length, i + MAX_GROUPS) - 1; j >= i && (international || canStartNational(groups, i)); j--) {
        const inner = separators.slice(i, j);
        if (inner.some((s) => s === undefined)) continue;
        const description = describe(groups.slice(i, j + 1), inner as string[], international);
        if (!description) continue;
        const start = i === 0 ? 0 : groups[i]!.start;
        found.push({ start: m.index + start, end: m.index + groups[j]!.end, description });
        i = j + 1;
        matched = true;
        break;
      }
      if (!matched) i++;
    }
  }
  return found;
}
