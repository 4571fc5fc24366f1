import { compareFairnessRuns, type GroupCounts } from "@assay/core";
import { describe, expect, it } from "vitest";
import { compareHref, defaultCompareMetric, metricOptionLabel, trendBadge, verdictCounts } from "./compare-data";
import { formatP, formatRange, formatSigned } from "../format";

const g = (group: string, tp: number, fp: number, tn: number, fn: number): GroupCounts => ({ group, tp, fp, tn, fn });

// B's false-positive rate goes 0.2 → 0.7 (a regression); A is unchanged.
const baseline = [{ attribute: "race", groups: [g("A", 40, 10, 40, 10), g("B", 40, 10, 40, 10)] }];
const candidate = [{ attribute: "race", groups: [g("A", 40, 10, 40, 10), g("B", 40, 35, 15, 10)] }];
const race = compareFairnessRuns(baseline, candidate, { resamples: 0 }).attributes[0]!;
const same = compareFairnessRuns(baseline, baseline, { resamples: 0 }).attributes[0]!;

describe("comparison view data", () => {
  it("opens on the metric with a regression, else the false-positive rate", () => {
    expect(verdictCounts(race, "fpr")).toMatchObject({ regression: 1, no_significant_change: 1 });
    expect(defaultCompareMetric(race)).toBe("accuracy"); // B's accuracy 0.8 → 0.55 regressed too, and comes first.
    expect(defaultCompareMetric(same)).toBe("fpr");
  });

  it("labels metric options with their regressions", () => {
    expect(metricOptionLabel(race, "fpr")).toBe("False-positive rate (1 regression)");
    expect(metricOptionLabel(same, "fpr")).toBe("False-positive rate");
  });

  it("reads disparity trends, hedging those whose interval includes 0", () => {
    expect(trendBadge({ trend: "widened", confident: true })).toEqual({ text: "Widened", tone: "bad" });
    expect(trendBadge({ trend: "widened", confident: false })).toEqual({ text: "Widened (uncertain)", tone: "warn" });
    expect(trendBadge({ trend: "narrowed", confident: true }).tone).toBe("good");
    expect(trendBadge({ trend: "unchanged", confident: false }).text).toBe("Within tolerance");
    expect(trendBadge({ trend: "undefined", confident: false }).text).toBe("Not comparable");
  });

  it("formats p-values, signed changes and intervals", () => {
    expect(formatP(0.0004)).toBe("< 0.001");
    expect(formatP(0.023263722)).toBe("0.0233");
    expect(formatP(null)).toBe("—");
    expect(formatSigned(0.5)).toBe("+0.500");
    expect(formatSigned(-0.0004)).toBe("0.000");
    expect(formatSigned(-0.125)).toBe("\u22120.125");
    expect(formatRange({ lower: -0.1, upper: 0.3 }, true)).toBe("\u22120.100 to +0.300");
    expect(formatRange(null)).toBe("—");
  });

  it("builds the page's URL from the chosen runs", () => {
    expect(compareHref({})).toBe("/runs/compare");
    expect(compareHref({ baseline: "r1" })).toBe("/runs/compare?baseline=r1");
    expect(compareHref({ baseline: "r 1", candidate: "r2" })).toBe("/runs/compare?baseline=r+1&candidate=r2");
  });
});
