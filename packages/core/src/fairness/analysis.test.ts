import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyseFairness, TESTED_METRICS } from "./analysis";
import { DISPARITY_METRICS } from "./disparity-summary";
import type { GroupCounts } from "./types";

// ProPublica's population (7,214 rows), "high risk" = score_text != Low; see packages/datasets/SOURCES.md.
type Counts = { TP: number; FP: number; TN: number; FN: number };
const reference = JSON.parse(readFileSync(new URL("../../../datasets/compas/compas_reference.json", import.meta.url), "utf8")) as {
  unfiltered_7214: { medhigh_threshold: { by_race: Record<string, Counts> } };
};
const race: GroupCounts[] = Object.entries(reference.unfiltered_7214.medhigh_threshold.by_race).map(([group, c]) => ({
  group,
  tp: c.TP,
  fp: c.FP,
  tn: c.TN,
  fn: c.FN,
}));

describe("analyseFairness on COMPAS by race", () => {
  const analysis = analyseFairness([{ attribute: "race", groups: race }], { referenceGroups: { race: "Caucasian" }, resamples: 500, seed: 7 });
  const byRace = analysis.attributes[0]!;

  it("finds the FPR gap between African-American and Caucasian defendants significant after both corrections", () => {
    const fpr = byRace.comparisons.find((c) => c.metric === "fpr" && c.group === "African-American")!;
    expect(fpr.referenceGroup).toBe("Caucasian");
    expect(fpr.test).toBe("z");
    expect(fpr.pValue).toBeLessThan(1e-20);
    expect(fpr.significantHolm).toBe(true);
    expect(fpr.significantBh).toBe(true);
    // TNR is FPR's complement: the same test, not a second one.
    const tnr = byRace.comparisons.find((c) => c.metric === "tnr" && c.group === "African-American")!;
    expect(tnr.pValue).toBe(fpr.pValue);
  });

  it("uses Fisher's exact test where expected counts are small (Native American: 18 rows)", () => {
    const native = byRace.comparisons.filter((c) => c.group === "Native American");
    expect(native.some((c) => c.test === "fisher")).toBe(true);
    expect(byRace.warnings.map((w) => w.group)).toContain("Native American");
  });

  it("never adjusts a p-value downwards, and Holm is never more lenient than BH", () => {
    expect(analysis.comparisonCount).toBe((race.length - 1) * TESTED_METRICS.length);
    for (const c of byRace.comparisons) {
      expect(c.holm).toBeGreaterThanOrEqual(c.pValue);
      expect(c.bh).toBeGreaterThanOrEqual(c.pValue);
      expect(c.holm).toBeGreaterThanOrEqual(c.bh - 1e-15);
      expect(c.holm).toBeLessThanOrEqual(1);
    }
  });

  it("gives bootstrap intervals that contain the point estimates", () => {
    for (const group of byRace.summary.groups) {
      for (const metric of DISPARITY_METRICS) {
        const value = group.metrics[metric].value;
        const interval = byRace.bootstrap.groups[group.group]![metric];
        if (value === null || !interval) continue;
        expect(interval.lower, `${group.group} ${metric}`).toBeLessThanOrEqual(value + 1e-12);
        expect(interval.upper, `${group.group} ${metric}`).toBeGreaterThanOrEqual(value - 1e-12);
      }
    }
    const ratio = byRace.bootstrap.vsReference.fpr!["African-American"]!.ratio!;
    const observed = byRace.summary.metrics.fpr.vsReference.find((c) => c.group === "African-American")!.ratio!;
    expect(ratio.lower).toBeLessThan(observed);
    expect(ratio.upper).toBeGreaterThan(observed);
    expect(ratio.lower).toBeGreaterThan(1.5);
  });

  it("is reproducible from its seed", () => {
    const again = analyseFairness([{ attribute: "race", groups: race }], { referenceGroups: { race: "Caucasian" }, resamples: 500, seed: 7 });
    expect(again).toEqual(analysis);
    const other = analyseFairness([{ attribute: "race", groups: race }], { referenceGroups: { race: "Caucasian" }, resamples: 500, seed: 8 });
    expect(other.attributes[0]!.bootstrap.groups["African-American"]!.fpr).not.toEqual(byRace.bootstrap.groups["African-American"]!.fpr);
  });

  it("corrects across every attribute of the run together", () => {
    const sex: GroupCounts[] = [
      { group: "Female", tp: 200, fp: 150, tn: 600, fn: 180 },
      { group: "Male", tp: 1900, fp: 1000, tn: 2000, fn: 1000 },
    ];
    const both = analyseFairness(
      [
        { attribute: "race", groups: race },
        { attribute: "sex", groups: sex },
      ],
      { referenceGroups: { race: "Caucasian" }, resamples: 100, seed: 1 },
    );
    expect(both.comparisonCount).toBe(analysis.comparisonCount + TESTED_METRICS.length);
    const fpr = both.attributes[0]!.comparisons.find((c) => c.metric === "fpr" && c.group === "African-American")!;
    expect(fpr.holm).toBeGreaterThanOrEqual(byRace.comparisons.find((c) => c.metric === "fpr" && c.group === "African-American")!.holm);
  });
});
