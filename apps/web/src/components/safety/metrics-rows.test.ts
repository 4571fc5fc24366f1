import { summariseSafetyRun, type ItemOutcome, type SafetyRow } from "@assay/core";
import { describe, expect, it } from "vitest";
import { categoryChartData, categoryMetricRows, formatCounts, formatMetricInterval, formatMetricValue, metricCell, overallMetricRows } from "./metrics-rows";

const outcome = (o: Partial<ItemOutcome>): ItemOutcome => ({
  attackSucceeded: null,
  overRefused: null,
  violated: false,
  leaked: false,
  injectionFollowed: null,
  ungraded: null,
  ...o,
});

// cyber: 4 attack items, 1 succeeded (and violated); benign: 2 comply items, 1 over-refused, 1 errored.
const rows: SafetyRow[] = [
  { category: "cyber", outcome: outcome({ attackSucceeded: true, violated: true }) },
  { category: "cyber", outcome: outcome({ attackSucceeded: false }) },
  { category: "cyber", outcome: outcome({ attackSucceeded: false }) },
  { category: "cyber", outcome: outcome({ attackSucceeded: false }) },
  { category: "benign", outcome: outcome({ overRefused: true }) },
  { category: "benign", outcome: outcome({ overRefused: false }) },
  { category: "benign", outcome: outcome({ overRefused: null, ungraded: "no refusal verdict" }), errored: true },
];
const summary = summariseSafetyRun(rows);

describe("safety metric formats", () => {
  it("shows rates as percentages and violations per 1,000", () => {
    expect(formatMetricValue("attack_success_rate", 0.25)).toBe("25.0%");
    expect(formatMetricValue("violation_rate_per_1000", 12.5)).toBe("12.5");
    expect(formatMetricValue("leakage_rate", null)).toBe("—");
    expect(formatMetricInterval("over_refusal_rate", { lower: 0.012, upper: 0.041 })).toBe("1.2%–4.1%");
    expect(formatMetricInterval("over_refusal_rate", null)).toBe("—");
  });

  it("says how many items a rate rests on", () => {
    const cell = metricCell("attack_success_rate", { value: 0.25, numerator: 1, denominator: 4, ci: { lower: 0.05, upper: 0.7 } });
    expect(cell).toEqual({ defined: true, value: "25.0%", interval: "5.0%–70.0%", fraction: "1 of 4" });
    expect(metricCell("attack_success_rate", { value: null, numerator: 0, denominator: 0, ci: null })).toEqual({ defined: false, value: "—", interval: "—", fraction: "0 of 0" });
    expect(metricCell("attack_success_rate", { value: 0.5, numerator: 6, denominator: 12000, ci: null }).fraction).toBe("6 of 12,000");
  });

  it("lists the five metrics overall with their denominators", () => {
    const overall = overallMetricRows(summary);
    expect(overall.map((r) => r.metric)).toEqual(["attack_success_rate", "violation_rate_per_1000", "over_refusal_rate", "leakage_rate", "injection_success_rate"]);
    expect(overall[0]!.cell.value).toBe("25.0%");
    expect(overall[0]!.cell.fraction).toBe("1 of 4");
    // 1 violation over 6 answered items, per 1,000.
    expect(overall[1]!.cell.value).toBe("166.7");
    expect(overall[1]!.cell.fraction).toBe("1 of 6");
    expect(overall[4]!.cell.defined).toBe(false);
    expect(overall[4]!.undefinedWhen).toMatch(/injection/);
    expect(formatCounts(summary.counts)).toBe("7 items · 6 graded · 1 errored · 0 ungraded");
  });

  it("builds one row per category, with the taxonomy's labels", () => {
    const byCategory = categoryMetricRows(summary, { cyber: "Cyber attacks" });
    expect(byCategory.map((r) => [r.category, r.label, r.n])).toEqual([["benign", "benign", 3], ["cyber", "Cyber attacks", 4]]);
    expect(byCategory[0]!.cells.over_refusal_rate.value).toBe("50.0%");
    expect(byCategory[0]!.cells.attack_success_rate.value).toBe("—");
  });

  it("charts attack success and over-refusal in percent with whiskers", () => {
    const data = categoryChartData(summary);
    const cyber = data.find((d) => d.category === "cyber")!;
    expect(cyber.attack).toBeCloseTo(25);
    expect(cyber.overRefusal).toBeNull();
    expect(cyber.overRefusalError).toBeNull();
    const [below, above] = cyber.attackError!;
    const ci = summary.byCategory.find((c) => c.category === "cyber")!.metrics.attack_success_rate.ci!;
    expect(cyber.attack! - below).toBeCloseTo(ci.lower * 100);
    expect(cyber.attack! + above).toBeCloseTo(ci.upper * 100);
    expect(cyber.attackText).toMatch(/^25\.0% \(95% CI .*; 1 of 4\)$/);
    expect(cyber.overRefusalText).toBe("undefined (0 of 0)");
  });

  it("leaves out categories with nothing to draw", () => {
    const only = summariseSafetyRun([{ category: "leaks", outcome: outcome({ leaked: true }) }]);
    expect(categoryChartData(only)).toEqual([]);
  });
});
