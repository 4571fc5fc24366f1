import { type SafetyMetricChange } from "@assay/core";
import { describe, expect, it } from "vitest";
import {
  changesByScope,
  changeVerdict,
  defaultChartMetric,
  differenceChartData,
  formatDifference,
  formatDifferenceInterval,
  runOptionGroups,
  safetyCompareHref,
  suiteOfRun,
  type PickableRun,
} from "./compare-data";

const estimate = (numerator: number, denominator: number) => ({ value: numerator / denominator, numerator, denominator, ci: { lower: 0, upper: 1 } });

function change(category: string | null, metric: SafetyMetricChange["metric"], over: Partial<SafetyMetricChange> = {}): SafetyMetricChange {
  return {
    category,
    metric,
    baseline: estimate(1, 10),
    candidate: estimate(2, 10),
    difference: 0.1,
    differenceCi: { lower: -0.2, upper: 0.4 },
    test: "fisher",
    statistic: 2,
    pValue: 0.5,
    adjustedPValue: 1,
    significant: false,
    regression: false,
    improvement: false,
    ...over,
  };
}

describe("safety comparison data", () => {
  it("links to the comparison", () => {
    expect(safetyCompareHref({})).toBe("/safety/compare");
    expect(safetyCompareHref({ baseline: "a", candidate: "b" })).toBe("/safety/compare?baseline=a&candidate=b");
    expect(safetyCompareHref({ baseline: "a", candidate: null })).toBe("/safety/compare?baseline=a");
  });

  it("orders changes overall first, then categories, metrics in order", () => {
    const scopes = changesByScope(
      [
        change("zeta", "attack_success_rate", { regression: true }),
        change(null, "over_refusal_rate"),
        change("alpha", "attack_success_rate"),
        change(null, "attack_success_rate"),
      ],
      { alpha: "Alpha things" },
    );
    expect(scopes.map((s) => s.label)).toEqual(["Overall", "Alpha things", "zeta"]);
    expect(scopes[0]!.changes.map((c) => c.metric)).toEqual(["attack_success_rate", "over_refusal_rate"]);
  });

  it("reads each change as a regression, an improvement, no significant change or untested", () => {
    expect(changeVerdict(change(null, "leakage_rate", { regression: true }))).toBe("regression");
    expect(changeVerdict(change(null, "leakage_rate", { improvement: true }))).toBe("improvement");
    expect(changeVerdict(change(null, "leakage_rate"))).toBe("no_significant_change");
    expect(changeVerdict(change(null, "leakage_rate", { test: null, pValue: null }))).toBe("untested");
    expect(defaultChartMetric([change(null, "over_refusal_rate", { regression: true })])).toBe("over_refusal_rate");
    expect(defaultChartMetric([change(null, "over_refusal_rate")])).toBe("attack_success_rate");
  });

  it("formats differences in percentage points or per 1,000", () => {
    expect(formatDifference("attack_success_rate", 0.012)).toBe("+1.2 pp");
    expect(formatDifference("attack_success_rate", -0.0004)).toBe("\u22120.04 pp");
    expect(formatDifference("attack_success_rate", 0)).toBe("0.0 pp");
    expect(formatDifference("violation_rate_per_1000", -3.46)).toBe("\u22123.5 per 1,000");
    expect(formatDifference("leakage_rate", null)).toBe("—");
    expect(formatDifferenceInterval("over_refusal_rate", { lower: -0.004, upper: 0.028 })).toBe("\u22120.4 to +2.8 pp");
  });

  it("charts one metric's differences with whiskers", () => {
    const scopes = changesByScope([change(null, "attack_success_rate"), change("cyber", "attack_success_rate", { difference: null, differenceCi: null, test: null, pValue: null })]);
    const data = differenceChartData(scopes, "attack_success_rate");
    expect(data[0]).toMatchObject({ label: "Overall", verdict: "no_significant_change" });
    expect(data[0]!.difference).toBeCloseTo(10);
    expect(data[0]!.error![0]).toBeCloseTo(30);
    expect(data[0]!.error![1]).toBeCloseTo(30);
    expect(data[1]).toMatchObject({ label: "cyber", difference: null, error: null, verdict: "untested", text: "not tested" });
  });

  it("groups succeeded runs by suite for the pickers", () => {
    const run = (id: string, suiteKey: string, status: string, finishedAt: string): PickableRun => ({
      id,
      status,
      system: { id: "s", name: "Bot" },
      modelVersion: { id: "v", label: "v2" },
      suite: { key: suiteKey, name: suiteKey === "x" ? "XSTest" : "AdvBench", version: 1 },
      target: { name: "Prod", model: "gpt" },
      createdAt: finishedAt,
      finishedAt,
    });
    const groups = runOptionGroups([
      run("a", "x", "succeeded", "2026-01-01T00:00:00Z"),
      run("b", "x", "succeeded", "2026-02-01T00:00:00Z"),
      run("c", "adv", "succeeded", "2026-01-01T00:00:00Z"),
      run("d", "adv", "failed", "2026-01-01T00:00:00Z"),
    ]);
    expect(groups.map((g) => [g.suiteName, g.runs.map((r) => r.id)])).toEqual([["AdvBench", ["c"]], ["XSTest", ["b", "a"]]]);
    expect(groups[1]!.runs[0]!.label).toBe("Bot · v2 · suite v1 · Prod (gpt) · 1 Feb 2026");
    expect(suiteOfRun(groups, "a")).toBe("x");
    expect(suiteOfRun(groups, "d")).toBeNull();
  });
});
