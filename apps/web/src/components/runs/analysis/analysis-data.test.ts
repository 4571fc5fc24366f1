import { analyseFairness, DISPARITY_METRICS, type GroupCounts, type PlanCheck } from "@assay/core";
import { describe, expect, it } from "vitest";
import { defaultSignificanceMetric, drilldownRows, filterDrilldown, formatConfidence, isIntersection, significanceData, sortDrilldown, verdictOf } from "./analysis-data";
import { formatP, formatRange, formatSigned } from "../format";

const g = (group: string, tp: number, fp: number, tn: number, fn: number): GroupCounts => ({ group, tp, fp, tn, fn });
// A is the largest (reference); B's FPR 40/100 against A's 20/100; C has no actual negatives, so its FPR is undefined.
const race = [g("A", 100, 20, 80, 100), g("B", 50, 40, 60, 50), g("C", 6, 0, 0, 4)];
const cross = [g("A × F", 60, 10, 40, 50), g("A × M", 40, 10, 40, 50), g("B × F", 30, 25, 30, 25), g("B × M", 20, 15, 30, 25)];
const analysis = analyseFairness(
  [
    { attribute: "race", groups: race },
    { attribute: "race × sex", groups: cross },
  ],
  { resamples: 200, seed: 3 },
);
const [raceAnalysis, crossAnalysis] = analysis.attributes as [(typeof analysis.attributes)[0], (typeof analysis.attributes)[0]];

describe("analysis number formats", () => {
  it("formats p-values with three significant digits, or as below 0.001", () => {
    expect(formatP(0.0496)).toBe("0.0496");
    expect(formatP(0.5)).toBe("0.500");
    expect(formatP(1)).toBe("1.00");
    expect(formatP(0.00099)).toBe("< 0.001");
    expect(formatP(0)).toBe("< 0.001");
    expect(formatP(null)).toBe("—");
  });

  it("signs differences with a real minus and writes intervals with 'to'", () => {
    expect(formatSigned(0.4)).toBe("+0.400");
    expect(formatSigned(-0.125)).toBe("\u22120.125");
    expect(formatSigned(-0.0001)).toBe("0.000");
    expect(formatRange({ lower: -0.1, upper: 0.3 }, true)).toBe("\u22120.100 to +0.300");
    expect(formatRange({ lower: 0.12, upper: 0.48 })).toBe("0.120 to 0.480");
    expect(formatRange(null)).toBe("—");
    expect(formatConfidence(0.95)).toBe("95%");
    expect(formatConfidence(0.9)).toBe("90%");
  });
});

describe("significance rows", () => {
  it("labels Holm, BH-only, not significant and untested comparisons", () => {
    expect(verdictOf({ significantHolm: true, significantBh: true })).toBe("holm");
    expect(verdictOf({ significantHolm: false, significantBh: true })).toBe("bh");
    expect(verdictOf({ significantHolm: false, significantBh: false })).toBe("none");
    expect(verdictOf(undefined)).toBe("untested");
  });

  it("lists every group but the reference, with the analysis' figures", () => {
    const data = significanceData(raceAnalysis);
    expect(data.referenceGroup).toBe("A");
    expect(Object.keys(data.metrics)).toEqual([...DISPARITY_METRICS]);
    const fpr = data.metrics.fpr;
    expect(fpr.reference.value).toBe(0.2);
    expect(fpr.rows.map((r) => r.group)).toEqual(["B", "C"]);
    const [b, c] = fpr.rows as [(typeof fpr.rows)[0], (typeof fpr.rows)[0]];
    const test = raceAnalysis.comparisons.find((x) => x.group === "B" && x.metric === "fpr")!;
    expect(b).toMatchObject({ n: 200, small: false, test: test.test, pValue: test.pValue, holm: test.holm, bh: test.bh, verdict: verdictOf(test) });
    expect(b.value.value).toBe(0.4);
    expect(b.difference.value).toBeCloseTo(0.2, 12);
    expect(b.ratio.value).toBeCloseTo(2, 12);
    expect(b.difference.interval).toEqual(raceAnalysis.bootstrap.vsReference.fpr!.B!.difference);
    // C has no actual negatives: no FPR, no test, and a small-sample warning.
    expect(c).toMatchObject({ small: true, test: null, pValue: null, verdict: "untested" });
    expect(c.value.value).toBeNull();
    // Derived metrics are never tested.
    expect(data.metrics.f1.rows.every((r) => r.verdict === "untested")).toBe(true);
  });

  it("opens on the first metric a check uses on the attribute, else the false-positive rate", () => {
    const checks: PlanCheck[] = [
      { id: "sel", kind: "fairness", metric: "selection_rate", attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 } },
      { id: "tpr", kind: "fairness", metric: "tpr", attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 } },
    ];
    expect(defaultSignificanceMetric(checks, "race")).toBe("selection_rate");
    expect(defaultSignificanceMetric(checks, "race × sex")).toBe("fpr");
    expect(isIntersection("race × sex")).toBe(true);
    expect(isIntersection("race")).toBe(false);
  });
});

describe("intersectional drill-down", () => {
  const rows = drilldownRows(crossAnalysis);

  it("keeps every group, the reference marked", () => {
    expect(rows.map((r) => r.group)).toEqual(["A × F", "A × M", "B × F", "B × M"]);
    expect(rows.filter((r) => r.isReference).map((r) => r.group)).toEqual(["A × F"]);
    expect(rows.every((r) => Object.keys(r.values).length === DISPARITY_METRICS.length)).toBe(true);
  });

  it("sorts by n, by label and by any metric, undefined values last", () => {
    expect(sortDrilldown(rows, "n", "ascending").map((r) => r.n)).toEqual([90, 110, 140, 160]);
    expect(sortDrilldown(rows, "group", "descending").map((r) => r.group)).toEqual(["B × M", "B × F", "A × M", "A × F"]);
    const byFpr = sortDrilldown(rows, "fpr", "descending").map((r) => r.values.fpr.value!);
    expect(byFpr).toEqual([...byFpr].sort((a, b) => b - a));
    const withUndefined = drilldownRows(raceAnalysis);
    expect(sortDrilldown(withUndefined, "fpr", "ascending").map((r) => r.group)).toEqual(["A", "B", "C"]);
    expect(sortDrilldown(withUndefined, "fpr", "descending").map((r) => r.group)).toEqual(["B", "A", "C"]);
  });

  it("filters by every word of the query, ignoring case", () => {
    expect(filterDrilldown(rows, "  b ").map((r) => r.group)).toEqual(["B × F", "B × M"]);
    expect(filterDrilldown(rows, "m a").map((r) => r.group)).toEqual(["A × M"]);
    expect(filterDrilldown(rows, "")).toHaveLength(4);
    expect(filterDrilldown(rows, "zzz")).toEqual([]);
  });
});
