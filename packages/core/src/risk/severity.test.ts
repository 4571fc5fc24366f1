import { describe, expect, it } from "vitest";
import { DEFAULT_SEVERITY_MATRIX, isBlockingSeverity, severityFor, type Severity } from "./severity";

describe("severityFor", () => {
  it("reads the default matrix: rows likelihood, columns impact", () => {
    expect(severityFor(1, 1)).toBe("low");
    expect(severityFor(3, 4)).toBe("high");
    expect(severityFor(5, 5)).toBe("critical");
    expect(severityFor(1, 5)).toBe("high");
    expect(severityFor(5, 1)).toBe("medium");
  });

  it("never lowers severity as likelihood or impact grows", () => {
    const rank: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
    for (let l = 1; l <= 5; l++) {
      for (let i = 1; i <= 5; i++) {
        if (l < 5) expect(rank[severityFor(l + 1, i)]).toBeGreaterThanOrEqual(rank[severityFor(l, i)]);
        if (i < 5) expect(rank[severityFor(l, i + 1)]).toBeGreaterThanOrEqual(rank[severityFor(l, i)]);
      }
    }
  });

  it("takes a configured matrix and refuses scores outside 1..5", () => {
    const matrix = DEFAULT_SEVERITY_MATRIX.map((row) => row.map(() => "medium" as Severity));
    expect(severityFor(5, 5, matrix)).toBe("medium");
    expect(() => severityFor(0, 3)).toThrow();
    expect(() => severityFor(3, 6)).toThrow();
    expect(isBlockingSeverity("high")).toBe(true);
    expect(isBlockingSeverity("medium")).toBe(false);
  });
});
