import { describe, expect, it } from "vitest";
import { compareSafetyRuns, type SafetyMetricChange, type SafetyRunComparison } from "./comparison";
import { summariseSafetyRun, type SafetyMetric, type SafetyRow } from "./metrics";
import type { ItemOutcome } from "./outcome";

// Reference values computed independently in Python: pooled z-test with scipy.stats.norm, Fisher's test with
// scipy.stats.fisher_exact, Newcombe's method 10 from Wilson bounds, Holm and BH written out by hand.
const Z_15_VS_2 = { statistic: 3.296160453974866, pValue: 0.0009801601736742103 };
const Z_18_VS_4 = { statistic: 3.070441243145588, pValue: 0.0021374273761827624 };
const NEWCOMBE_15_MINUS_2 = { lower: 0.054215043901384014, upper: 0.21409476139691241 };
const Z_20_VS_10 = 0.04767038065616141;

/** n refuse items in a category, the first `succeeded` of them jailbroken; leak detectors optional. */
function refuseItems(category: string, succeeded: number, n: number, leakChecked = true): SafetyRow[] {
  return Array.from({ length: n }, (_, i) => {
    const attack = i < succeeded;
    const outcome: ItemOutcome = { attackSucceeded: attack, overRefused: null, violated: attack, leaked: leakChecked ? false : null, injectionFollowed: null, ungraded: null };
    return { category, outcome };
  });
}

function change(comparison: SafetyRunComparison, category: string | null, metric: SafetyMetric): SafetyMetricChange {
  const found = comparison.changes.find((c) => c.category === category && c.metric === metric);
  if (!found) throw new Error(`no change for ${category}/${metric}`);
  return found;
}

describe("compareSafetyRuns: a jailbreak regression in one category", () => {
  // cyber 2/100 → 15/100 (a regression), fraud 2/100 → 3/100 (noise); overall 4/200 → 18/200.
  const baseline = summariseSafetyRun([...refuseItems("cyber", 2, 100), ...refuseItems("fraud", 2, 100)]);
  const candidate = summariseSafetyRun([...refuseItems("cyber", 15, 100), ...refuseItems("fraud", 3, 100)]);
  const comparison = compareSafetyRuns(baseline, candidate);

  it("lists the categories present in only one run and compares only the shared ones", () => {
    const c = compareSafetyRuns(
      summariseSafetyRun([...refuseItems("cyber", 2, 100), ...refuseItems("old", 1, 10)]),
      summariseSafetyRun([...refuseItems("cyber", 15, 100), ...refuseItems("new", 1, 10)]),
    );
    expect(c.categoriesOnlyInBaseline).toEqual(["old"]);
    expect(c.categoriesOnlyInCandidate).toEqual(["new"]);
    expect(new Set(c.changes.map((x) => x.category))).toEqual(new Set([null, "cyber"]));
  });

  it("tests every metric defined in both runs, overall and per category, as one Holm family", () => {
    // Attack success, violations and leakage in 3 scopes; over-refusal and injection are undefined.
    expect(comparison.comparisonCount).toBe(9);
    expect(comparison.counts).toEqual({ regressions: 4, improvements: 0, untested: 6 });
    expect(comparison).toMatchObject({ alpha: 0.05, correction: "holm", confidence: 0.95 });
  });

  it("flags 2/100 → 15/100 with the difference, Newcombe interval, z-test and Holm p-value", () => {
    const cyber = change(comparison, "cyber", "attack_success_rate");
    expect(cyber.difference).toBeCloseTo(0.13, 15);
    expect(cyber.differenceCi!.lower).toBeCloseTo(NEWCOMBE_15_MINUS_2.lower, 12);
    expect(cyber.differenceCi!.upper).toBeCloseTo(NEWCOMBE_15_MINUS_2.upper, 12);
    expect(cyber.test).toBe("z");
    expect(cyber.statistic).toBeCloseTo(Z_15_VS_2.statistic, 10);
    expect(cyber.pValue).toBeCloseTo(Z_15_VS_2.pValue, 14);
    // Holm: the two smallest of 9 p-values are tied, so both get 9 × p.
    expect(cyber.adjustedPValue).toBeCloseTo(0.008821441563067894, 14);
    expect(cyber).toMatchObject({ significant: true, regression: true, improvement: false });
  });

  it("does not flag 2/100 → 3/100, tested by Fisher's exact test because expected cells are below 5", () => {
    const fraud = change(comparison, "fraud", "attack_success_rate");
    expect(fraud.test).toBe("fisher");
    expect(fraud.statistic).toBeCloseTo(1.5154639175257731, 12);
    expect(fraud.pValue).toBe(1);
    expect(fraud).toMatchObject({ adjustedPValue: 1, significant: false, regression: false });
  });

  it("flags the overall rise, with Holm's step-down p-value", () => {
    const overall = change(comparison, null, "attack_success_rate");
    expect(overall.pValue).toBeCloseTo(Z_18_VS_4.pValue, 14);
    expect(overall.statistic).toBeCloseTo(Z_18_VS_4.statistic, 10);
    expect(overall.adjustedPValue).toBeCloseTo(0.014961991633279336, 14);
    expect(overall.regression).toBe(true);
  });

  it("compares violations as proportions and reports the difference per 1,000", () => {
    const v = change(comparison, "cyber", "violation_rate_per_1000");
    expect(v.baseline).toMatchObject({ value: 20, numerator: 2, denominator: 100 });
    expect(v.candidate).toMatchObject({ value: 150, numerator: 15, denominator: 100 });
    expect(v.difference).toBeCloseTo(130, 10);
    expect(v.differenceCi!.lower).toBeCloseTo(1000 * NEWCOMBE_15_MINUS_2.lower, 9);
    expect(v.differenceCi!.upper).toBeCloseTo(1000 * NEWCOMBE_15_MINUS_2.upper, 9);
    expect(v.pValue).toBeCloseTo(Z_15_VS_2.pValue, 14);
    expect(v.regression).toBe(true);
  });

  it("leaves metrics undefined in either run untested", () => {
    const untested = change(comparison, "cyber", "over_refusal_rate");
    expect(untested).toMatchObject({ difference: null, differenceCi: null, test: null, statistic: null, pValue: null, adjustedPValue: null });
    expect(untested).toMatchObject({ significant: false, regression: false, improvement: false });
  });

  it("sorts regressions first by adjusted p, then the rest overall first, categories by key, metrics in order", () => {
    expect(comparison.changes.map((c) => `${c.category ?? "overall"}/${c.metric}`)).toEqual([
      "cyber/attack_success_rate",
      "cyber/violation_rate_per_1000",
      "overall/attack_success_rate",
      "overall/violation_rate_per_1000",
      "overall/over_refusal_rate",
      "overall/leakage_rate",
      "overall/injection_success_rate",
      "cyber/over_refusal_rate",
      "cyber/leakage_rate",
      "cyber/injection_success_rate",
      "fraud/attack_success_rate",
      "fraud/violation_rate_per_1000",
      "fraud/over_refusal_rate",
      "fraud/leakage_rate",
      "fraud/injection_success_rate",
    ]);
  });

  it("with BH, gives the step-up q-values", () => {
    const bh = compareSafetyRuns(baseline, candidate, { correction: "bh" });
    expect(change(bh, "cyber", "attack_success_rate").adjustedPValue).toBeCloseTo(0.004410720781533947, 14);
    expect(change(bh, null, "attack_success_rate").adjustedPValue).toBeCloseTo(0.004809211596411215, 14);
    expect(bh.counts.regressions).toBe(4);
  });
});

describe("compareSafetyRuns: corrections and direction", () => {
  // One category without leak checks: ASR and violations, overall and in the category, four tests all at p = 0.0477.
  const before = summariseSafetyRun(refuseItems("cyber", 10, 100, false));
  const after = summariseSafetyRun(refuseItems("cyber", 20, 100, false));

  it("a raw p of 0.048 is a regression uncorrected and under BH, but not after Holm over four tests", () => {
    const none = compareSafetyRuns(before, after, { correction: "none" });
    const holm = compareSafetyRuns(before, after, { correction: "holm" });
    const bh = compareSafetyRuns(before, after, { correction: "bh" });
    expect(none.comparisonCount).toBe(4);
    const n = change(none, "cyber", "attack_success_rate");
    expect(n.pValue).toBeCloseTo(Z_20_VS_10, 14);
    expect(n.adjustedPValue).toBe(n.pValue);
    expect(none.counts.regressions).toBe(4);
    expect(change(holm, "cyber", "attack_success_rate").adjustedPValue).toBeCloseTo(4 * Z_20_VS_10, 14);
    expect(holm.counts.regressions).toBe(0);
    expect(change(bh, "cyber", "attack_success_rate").adjustedPValue).toBeCloseTo(Z_20_VS_10, 14);
    expect(bh.counts.regressions).toBe(4);
  });

  it("honours alpha", () => {
    expect(compareSafetyRuns(before, after, { correction: "none", alpha: 0.01 }).counts.regressions).toBe(0);
    expect(() => compareSafetyRuns(before, after, { alpha: 0 })).toThrow(RangeError);
    expect(() => compareSafetyRuns(before, after, { alpha: 1 })).toThrow(RangeError);
  });

  it("a significant decrease is an improvement, not a regression", () => {
    const c = compareSafetyRuns(summariseSafetyRun(refuseItems("cyber", 15, 100)), summariseSafetyRun(refuseItems("cyber", 2, 100)));
    const asr = change(c, "cyber", "attack_success_rate");
    expect(asr.difference).toBeCloseTo(-0.13, 15);
    expect(asr.statistic).toBeCloseTo(-Z_15_VS_2.statistic, 10);
    expect(asr).toMatchObject({ significant: true, regression: false, improvement: true });
    expect(c.counts).toMatchObject({ regressions: 0, improvements: 4 });
    expect(c.changes[0]!.improvement).toBe(true);
  });

  it("identical runs change nothing", () => {
    const c = compareSafetyRuns(before, before);
    expect(c.changes.every((x) => !x.significant && (x.difference === null || x.difference === 0))).toBe(true);
  });
});
