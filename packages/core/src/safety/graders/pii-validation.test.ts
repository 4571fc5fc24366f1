import { describe, expect, it } from "vitest";
import { cardBrand, IBAN_LENGTHS, isIssuableSsn, isNonPersonalIpv4, isNonPersonalIpv6, isPrivateIpv4, parseIpv4, parseIpv6, passesIbanMod97, passesLuhn } from "./pii-validation";

describe("passesLuhn", () => {
  it("accepts the published test card numbers", () => {
    for (const n of ["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "3530111333300000", "30569309025904", "2221000000000009"])
      expect(passesLuhn(n), n).toBe(true);
  });

  it("rejects a changed last digit, swapped neighbours and non-digits", () => {
    expect(passesLuhn("4111111111111112")).toBe(false);
    expect(passesLuhn("4111111111111121")).toBe(false);
    expect(passesLuhn("41111111111111x1")).toBe(false);
    expect(passesLuhn("")).toBe(false);
  });
});

describe("cardBrand", () => {
  it("names the brand from issuer prefix and length", () => {
    expect(cardBrand("4111111111111111")).toBe("Visa");
    expect(cardBrand("4222222222222")).toBe("Visa");
    expect(cardBrand("5555555555554444")).toBe("Mastercard");
    expect(cardBrand("2221000000000009")).toBe("Mastercard");
    expect(cardBrand("378282246310005")).toBe("American Express");
    expect(cardBrand("6011111111111117")).toBe("Discover");
    expect(cardBrand("3530111333300000")).toBe("JCB");
    expect(cardBrand("30569309025904")).toBe("Diners Club");
    expect(cardBrand("6212345678901232")).toBe("UnionPay");
  });

  it("has no brand for an unknown prefix or a length the brand does not issue", () => {
    expect(cardBrand("9111111111111111")).toBeUndefined();
    expect(cardBrand("41111111111111")).toBeUndefined(); // Visa with 14 digits
    expect(cardBrand("3782822463100051")).toBeUndefined(); // Amex with 16
  });
});

describe("passesIbanMod97", () => {
  it("accepts valid IBANs of several countries", () => {
    for (const iban of ["GB82WEST12345698765432", "DE89370400440532013000", "FR1420041010050500013M02606", "NL91ABNA0417164300", "NO9386011117947", "MT84MALT011000012345MTLCAST001S"]) {
      expect(passesIbanMod97(iban), iban).toBe(true);
      expect(IBAN_LENGTHS[iban.slice(0, 2)], iban).toBe(iban.length);
    }
  });

  it("rejects a changed digit, swapped check digits and lower case", () => {
    expect(passesIbanMod97("GB82WEST12345698765433")).toBe(false);
    expect(passesIbanMod97("GB28WEST12345698765432")).toBe(false);
    expect(passesIbanMod97("gb82west12345698765432")).toBe(false);
  });
});

describe("isIssuableSsn", () => {
  it("rejects the ranges the SSA never issues", () => {
    expect(isIssuableSsn("000", "12", "3456")).toBe(false);
    expect(isIssuableSsn("666", "12", "3456")).toBe(false);
    expect(isIssuableSsn("900", "12", "3456")).toBe(false);
    expect(isIssuableSsn("999", "12", "3456")).toBe(false);
    expect(isIssuableSsn("123", "00", "4567")).toBe(false);
    expect(isIssuableSsn("123", "45", "0000")).toBe(false);
  });

  it("accepts structurally valid numbers, including the famous Woolworth wallet card 078-05-1120", () => {
    expect(isIssuableSsn("078", "05", "1120")).toBe(true);
    expect(isIssuableSsn("899", "99", "9999")).toBe(true);
    expect(isIssuableSsn("665", "01", "0001")).toBe(true);
  });
});

describe("parseIpv4", () => {
  it("reads four octets 0–255", () => {
    expect(parseIpv4("8.8.8.8")).toEqual([8, 8, 8, 8]);
    expect(parseIpv4("255.255.255.0")).toEqual([255, 255, 255, 0]);
  });

  it("rejects octets above 255, leading zeros and the wrong number of parts", () => {
    expect(parseIpv4("256.1.1.1")).toBeUndefined();
    expect(parseIpv4("1.2.3.999")).toBeUndefined();
    expect(parseIpv4("01.2.3.4")).toBeUndefined();
    expect(parseIpv4("1.2.3")).toBeUndefined();
    expect(parseIpv4("1.2.3.4.5")).toBeUndefined();
  });

  it("classes loopback, broadcast and documentation addresses as non-personal, and private ranges as private", () => {
    for (const ip of ["127.0.0.1", "0.0.0.0", "255.255.255.255", "192.0.2.10", "198.51.100.7", "203.0.113.99"]) expect(isNonPersonalIpv4(parseIpv4(ip)!), ip).toBe(true);
    expect(isNonPersonalIpv4([8, 8, 8, 8])).toBe(false);
    for (const ip of ["10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "169.254.1.1"]) expect(isPrivateIpv4(parseIpv4(ip)!), ip).toBe(true);
    expect(isPrivateIpv4([172, 32, 0, 1])).toBe(false);
  });
});

describe("parseIpv6", () => {
  it("reads full, compressed and IPv4-suffixed forms", () => {
    expect(parseIpv6("2001:0db8:85a3:0000:0000:8a2e:0370:7334")).toEqual([0x2001, 0xdb8, 0x85a3, 0, 0, 0x8a2e, 0x370, 0x7334]);
    expect(parseIpv6("2001:4860:4860::8888")).toEqual([0x2001, 0x4860, 0x4860, 0, 0, 0, 0, 0x8888]);
    expect(parseIpv6("fe80::1")).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6("::ffff:8.8.4.4")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0808, 0x0404]);
    expect(parseIpv6("::8.8.4.4")).toEqual([0, 0, 0, 0, 0, 0, 0x0808, 0x0404]);
    expect(parseIpv6("1:2:3:4:5:6:7::")).toEqual([1, 2, 3, 4, 5, 6, 7, 0]);
  });

  it("rejects two '::', too many or too few groups, long groups and times or MAC addresses", () => {
    for (const bad of ["1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::1", "12:30:45", "00:1A:2B:3C:4D:5E", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "::ffff:256.1.1.1"])
      expect(parseIpv6(bad), bad).toBeUndefined();
  });

  it("classes ::, ::1 and 2001:db8::/32 as non-personal", () => {
    expect(isNonPersonalIpv6(parseIpv6("::")!)).toBe(true);
    expect(isNonPersonalIpv6(parseIpv6("::1")!)).toBe(true);
    expect(isNonPersonalIpv6(parseIpv6("2001:db8::42")!)).toBe(true);
    expect(isNonPersonalIpv6(parseIpv6("2001:4860:4860::8888")!)).toBe(false);
  });
});
