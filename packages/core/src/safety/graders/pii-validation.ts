// Checksums and structural checks behind the PII detector. Each takes the
// candidate as matched and answers whether it is a well-formed value of its
// kind; none of them can tell a real value from a test or example one.

/** Luhn (mod 10) over a string of digits. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export type CardBrand = "Visa" | "Mastercard" | "American Express" | "Discover" | "Diners Club" | "JCB" | "UnionPay";

/**
 * The brand whose issuer prefix and length the number has. A Luhn-valid number
 * without a known issuer prefix is not reported: one random 13–19 digit
 * number in ten passes Luhn, so the prefix is what keeps order numbers out.
 */
export function cardBrand(digits: string): CardBrand | undefined {
  const n = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  if (digits[0] === "4") return n === 13 || n === 16 || n === 19 ? "Visa" : undefined;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16 ? "Mastercard" : undefined;
  if (p2 === 34 || p2 === 37) return n === 15 ? "American Express" : undefined;
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) return n >= 16 && n <= 19 ? "Discover" : undefined;
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19 ? "JCB" : undefined;
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14 && n <= 19 ? "Diners Club" : undefined;
  if (p2 === 62) return n >= 16 && n <= 19 ? "UnionPay" : undefined;
  return undefined;
}

/** IBAN length per country, from the SWIFT IBAN registry. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22,
  GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30,
  KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27,
  MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33,
  SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

/** ISO 13616 mod-97 over a compact, upper-case IBAN: the rearranged number leaves remainder 1. */
export function passesIbanMod97(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (c >= 48 && c <= 57) remainder = (remainder * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) remainder = (remainder * 100 + (c - 55)) % 97;
    else return false;
  }
  return remainder === 1;
}

/** Area, group and serial ranges the SSA has never issued: area 000, 666, 900–999; group 00; serial 0000. */
export function isIssuableSsn(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== "00" && serial !== "0000";
}

/** Four decimal octets 0–255 without leading zeros (which some parsers read as octal). */
export function parseIpv4(candidate: string): number[] | undefined {
  const parts = candidate.split(".");
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || (part.length > 1 && part[0] === "0")) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    octets.push(value);
  }
  return octets;
}

/**
 * Addresses that identify no one: unspecified, loopback, broadcast, and the
 * documentation ranges of RFC 5737, which examples are meant to use.
 */
export function isNonPersonalIpv4([a, b, c]: number[]): boolean {
  if (a === 0 || a === 127 || a === 255) return true;
  return (a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113);
}

/** Private (RFC 1918), carrier-grade NAT and link-local ranges, named in the finding. */
export function isPrivateIpv4([a, b]: number[]): boolean {
  return a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168) || (a === 100 && b! >= 64 && b! <= 127) || (a === 169 && b === 254);
}

/**
 * The eight 16-bit groups of an IPv6 address in RFC 4291 text form: full,
 * "::"-compressed, or ending in an embedded IPv4 address.
 */
export function parseIpv6(candidate: string): number[] | undefined {
  let text = candidate;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  if (text.indexOf(".", lastColon) !== -1) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    const before = text.slice(0, lastColon + 1);
    text = before.endsWith("::") ? before : before.slice(0, -1);
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string): number[] | undefined => {
    if (part === "") return [];
    const groups: number[] = [];
    for (const g of part.split(":")) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
      groups.push(parseInt(g, 16));
    }
    return groups;
  };
  const head = parseGroups(halves[0]!);
  const rest = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const given = head.length + rest.length + tail.length;
  if (halves.length === 1) return given === 8 ? [...head, ...tail] : undefined;
  if (given > 7) return undefined;
  return [...head, ...new Array<number>(8 - given).fill(0), ...rest, ...tail];
}

/** Unspecified (::), loopback (::1) and the documentation prefix 2001:db8::/32 (RFC 3849). */
export function isNonPersonalIpv6(groups: number[]): boolean {
  const leadingZero = groups.slice(0, 7).every((g) => g === 0);
  if (leadingZero && (groups[7] === 0 || groups[7] === 1)) return true;
  return groups[0] === 0x2001 && groups[1] === 0x0db8;
}
