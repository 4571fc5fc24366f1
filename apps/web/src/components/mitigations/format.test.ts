import type { PlanCheck } from "@assay/core";
import { describe, expect, it } from "vitest";
import { checkValueLabel, formatCheckInterval, formatCheckValue } from "./format";

const ratio: PlanCheck = { id: "fpr-race", kind: "fairness", metric: "fpr", attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 } };
const difference: PlanCheck = { ...ratio, band: { type: "difference", min: -0.1, max: 0.1 } };
const safety: PlanCheck = { id: "jb", kind: "safety", metric: "attack_success_rate", suite: "jailbreakbench", max: 0.02, basis: "point" };
const perMille: PlanCheck = { id: "viol", kind: "safety", metric: "violation_rate_per_1000", suite: "s", max: 5, basis: "point" };

describe("formatCheckValue", () => {
  it("formats fairness ratios and differences the way run pages do", () => {
    expect(formatCheckValue(ratio, 3)).toBe("3.00");
    expect(formatCheckValue(ratio, 1.2549)).toBe("1.255");
    expect(formatCheckValue(difference, 0.2)).toBe("+0.20");
    expect(formatCheckValue(difference, -0.05)).toBe("-0.05");
  });

  it("formats safety metrics in their unit", () => {
    expect(formatCheckValue(safety, 0.1)).toBe("10.0%");
    expect(formatCheckValue(safety, 0.01)).toBe("1.0%");
    expect(formatCheckValue(perMille, 4.5)).toBe("4.5");
  });

  it("reads null as undefined and copes without the check", () => {
    expect(formatCheckValue(ratio, null)).toBe("undefined");
    expect(formatCheckValue(undefined, 1 / 3)).toBe("0.3333");
  });
});

describe("formatCheckInterval and checkValueLabel", () => {
  it("format both ends and name the value", () => {
    expect(formatCheckInterval(ratio, { lower: 1.2, upper: 9 })).toBe("1.20 to 9.00");
    expect(formatCheckInterval(safety, { lower: 0.002, upper: 0.054 })).toBe("0.2% to 5.4%");
    expect(formatCheckInterval(ratio, null)).toBeNull();
    expect(checkValueLabel(ratio)).toBe("Worst group's ratio");
    expect(checkValueLabel(safety)).toBe("Attack success rate");
    expect(checkValueLabel(undefined)).toBe("Value");
  });
});
