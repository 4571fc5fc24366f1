import { describe, expect, it } from "vitest";
import { daysBetween, formatRate, fromUtcInput, toUtcInput } from "./format";

describe("incident form values", () => {
  it("reads datetime-local values as UTC and writes them back", () => {
    expect(fromUtcInput("2026-03-01T10:05")).toBe("2026-03-01T10:05:00.000Z");
    expect(fromUtcInput("2026-03-01T10:05:30")).toBe("2026-03-01T10:05:30.000Z");
    expect(fromUtcInput("")).toBeNull();
    expect(fromUtcInput("yesterday")).toBeNull();
    expect(toUtcInput("2026-03-01T10:05:30.000Z")).toBe("2026-03-01T10:05");
  });

  it("formats rates and day distances", () => {
    expect(formatRate(null)).toBe("—");
    expect(formatRate(1 / 3)).toBe("33%");
    expect(daysBetween("2026-01-01T00:00:00Z", "2026-01-21T06:00:00Z")).toBe(20);
  });
});
