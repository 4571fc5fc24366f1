import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeFairness, demographicParity, equalizedOdds } from "./compute";
import {
  betweenGroups,
  compareWithReference,
  defaultReferenceGroup,
  DISPARITY_METRICS,
  disparitySummary,
  FOUR_FIFTHS_THRESHOLD,
  fourFifthsRule,
  toOverall,
  type DisparityMetric,
  type DisparitySummary,
} from "./disparity-summary";
import { GROUP_METRICS } from "./group-metrics";
import { INTERSECTION_SEPARATOR } from "./intersections";
import { MISSING_GROUP, RATE_METRICS, type ConfusionCounts, type FairnessCheck, type GroupCounts } from "./types";

/** mulberry32: a tiny seeded PRNG so property tests are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const g = (group: string, tp: number, fp: number, tn: number, fn: number): GroupCounts => ({ group, tp, fp, tn, fn });
const rows = (c: ConfusionCounts) => c.tp + c.fp + c.tn + c.fn;

/** 2-7 groups with random counts, cells often 0, so undefined metrics and ties occur. */
function randomGroups(rand: () => number): GroupCounts[] {
  const k = 2 + Math.floor(rand() * 6);
  const cell = () => (rand() < 0.15 ? 0 : Math.floor(rand() * (rand() < 0.3 ? 6 : 200)));
  return Array.from({ length: k }, (_, i) => g(`g${i}`, cell(), cell(), cell(), cell()));
}

type FixtureBetween = { difference: number | null; ratio: number | null; min_group: string | null; max_group: string | null; excluded: string[] };
type FixtureScenario = {
  name: string;
  total: number;
  reference_group: string;
  groups: Record<string, { counts: ConfusionCounts }>;
  overall: Record<string, number | null>;
  metrics: Record<
    DisparityMetric,
    {
      between_groups: FixtureBetween;
      to_overall: { overall: number | null; difference: number | null; ratio: number | null };
      vs_reference: Record<string, { difference: number | null; ratio: number | null }>;
    }
  >;
  named: Record<string, number | null> & {
    four_fifths: { highest_group: string | null; ratios: Record<string, number | null>; failing_groups: string[]; passed: boolean | null };
  };
};
const fixture = JSON.parse(readFileSync(new URL("../../test-fixtures/fairness/fairlearn_reference.json", import.meta.url), "utf8")) as {
  scenarios: FixtureScenario[];
};

const TOLERANCE = 1e-12;
function expectClose(actual: number | null | undefined, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE);
}

describe("disparitySummary against the numpy reference (fairlearn's definitions, from raw rows)", () => {
  describe.each(fixture.scenarios.map((s) => [s.name, s] as const))("%s", (_name, scenario) => {
    const groups = Object.entries(scenario.groups).map(([group, x]) => ({ group, ...x.counts }));
    const summary = disparitySummary(groups, { total: scenario.total });

    it("picks the same default reference group and lists every group", () => {
      expect(summary.referenceGroup).toBe(scenario.reference_group);
      expect(summary.referenceGroupChosenBy).toBe("largest");
      expect(summary.groups.map((x) => x.group).sort()).toEqual(Object.keys(scenario.groups).sort());
    });

    it.each([...DISPARITY_METRICS])("%s: between groups, to overall and against the reference", (metric) => {
      const expected = scenario.metrics[metric];
      const actual = summary.metrics[metric];
      const b = expected.between_groups;
      expectClose(actual.betweenGroups.difference, b.difference, "between_groups difference");
      expectClose(actual.betweenGroups.ratio, b.ratio, "between_groups ratio");
      expect(actual.betweenGroups.min?.group ?? null).toBe(b.min_group);
      expect(actual.betweenGroups.max?.group ?? null).toBe(b.max_group);
      expect([...actual.betweenGroups.excludedGroups].sort()).toEqual([...b.excluded].sort());
      expectClose(actual.toOverall.overall, expected.to_overall.overall, "overall");
      expectClose(actual.toOverall.difference, expected.to_overall.difference, "to_overall difference");
      expectClose(actual.toOverall.ratio, expected.to_overall.ratio, "to_overall ratio");
      expect(actual.vsReference.map((c) => c.group).sort()).toEqual(Object.keys(expected.vs_reference).sort());
      for (const c of actual.vsReference) {
        expectClose(c.difference, expected.vs_reference[c.group]!.difference, `${c.group} − reference`);
        expectClose(c.ratio, expected.vs_reference[c.group]!.ratio, `${c.group} / reference`);
      }
    });

    it("reproduces the named summaries and the four-fifths rule", () => {
      const n = scenario.named;
      const figures: Record<string, number | null> = {
        demographic_parity_difference: summary.demographicParity.difference,
        demographic_parity_ratio: summary.demographicParity.ratio,
        equalized_odds_difference: summary.equalizedOdds.difference,
        equalized_odds_ratio: summary.equalizedOdds.ratio,
        equal_opportunity_difference: summary.equalOpportunity.difference,
        equal_opportunity_ratio: summary.equalOpportunity.ratio,
        predictive_parity_difference: summary.predictiveParity.difference,
        predictive_parity_ratio: summary.predictiveParity.ratio,
      };
      expect(Object.keys(n).sort()).toEqual([...Object.keys(figures), "four_fifths"].sort());
      for (const [key, value] of Object.entries(figures)) expectClose(value, n[key] as number | null, key);

      const ff = summary.fourFifths;
      expect(ff.highestGroup).toBe(n.four_fifths.highest_group);
      expect(ff.failingGroups).toEqual(n.four_fifths.failing_groups);
      expect(ff.passed).toBe(n.four_fifths.passed);
      for (const c of ff.comparisons) expectClose(c.ratio, n.four_fifths.ratios[c.group]!, `four-fifths ${c.group}`);
    });
  });

  it("includes a scenario where fairlearn's own output would be identical (no undefined metric)", () => {
    const wellPosed = fixture.scenarios[0]!;
    for (const m of DISPARITY_METRICS) expect(wellPosed.metrics[m].between_groups.excluded).toEqual([]);
    expect(wellPosed.named.equalized_odds_ratio).toBeGreaterThan(0);
  });
});

describe("disparity properties on random groups", () => {
  const rand = prng(2024);
  const samples = Array.from({ length: 300 }, () => randomGroups(rand));

  it("compares the reference group with itself as difference 0 and ratio 1 (null when its value is 0 or undefined)", () => {
    for (const groups of samples) {
      for (const candidate of groups) {
        const s = disparitySummary(groups, { referenceGroup: candidate.group });
        for (const m of DISPARITY_METRICS) {
          const self = s.metrics[m].vsReference.find((c) => c.group === candidate.group)!;
          if (self.value === null) expect(self).toMatchObject({ difference: null, ratio: null });
          else {
            expect(self.difference).toBe(0);
            expect(self.ratio).toBe(self.value === 0 ? null : 1);
          }
        }
      }
    }
  });

  it("keeps max − min ≥ 0 and min / max in [0, 1], and orders its min and max", () => {
    for (const groups of samples) {
      const s = disparitySummary(groups);
      for (const m of DISPARITY_METRICS) {
        const b = s.metrics[m].betweenGroups;
        const values = s.groups.map((x) => x.metrics[m].value).filter((v): v is number => v !== null);
        expect(b.excludedGroups.length).toBe(s.groups.length - values.length);
        if (values.length === 0) {
          expect(b).toMatchObject({ difference: null, ratio: null, min: null, max: null });
          continue;
        }
        expect(b.difference!).toBeGreaterThanOrEqual(0);
        expect(b.difference).toBe(Math.max(...values) - Math.min(...values));
        expect(b.min!.value).toBe(Math.min(...values));
        expect(b.max!.value).toBe(Math.max(...values));
        if (b.max!.value === 0) expect(b.ratio).toBeNull();
        else {
          expect(b.ratio! >= 0 && b.ratio! <= 1).toBe(true);
          expect(b.ratio).toBe(b.min!.value / b.max!.value);
        }
        const o = s.metrics[m].toOverall;
        if (o.difference !== null) expect(o.difference).toBeGreaterThanOrEqual(0);
        if (o.ratio !== null) expect(o.ratio >= 0 && o.ratio <= 1).toBe(true);
      }
    }
  });

  it("defines demographic parity as the selection-rate spread and equalized odds as the worse of TPR and FPR", () => {
    for (const groups of samples) {
      const s = disparitySummary(groups);
      const rates = s.groups.map((x) => x.metrics.selection_rate.value).filter((v): v is number => v !== null);
      const max = Math.max(...rates);
      expect(s.demographicParity.ratio).toBe(max === 0 ? null : Math.min(...rates) / max);
      const tpr = s.metrics.tpr.betweenGroups;
      const fpr = s.metrics.fpr.betweenGroups;
      if (tpr.difference !== null && fpr.difference !== null) {
        expect(s.equalizedOdds.difference).toBe(Math.max(tpr.difference, fpr.difference));
      } else expect(s.equalizedOdds.difference).toBeNull();
      if (tpr.ratio !== null && fpr.ratio !== null) expect(s.equalizedOdds.ratio).toBe(Math.min(tpr.ratio, fpr.ratio));
      else expect(s.equalizedOdds.ratio).toBeNull();
      expect(s.equalOpportunity).toEqual({ difference: tpr.difference, ratio: tpr.ratio });
      expect(s.predictiveParity).toEqual({ difference: s.metrics.ppv.betweenGroups.difference, ratio: s.metrics.ppv.betweenGroups.ratio });
      // The four-fifths rule passes exactly when the demographic-parity ratio (lowest / highest) reaches 0.8.
      if (s.demographicParity.ratio === null) expect(s.fourFifths.passed).toBeNull();
      else expect(s.fourFifths.passed).toBe(s.demographicParity.ratio >= FOUR_FIFTHS_THRESHOLD - 1e-12);
    }
  });

  it("agrees with computeFairness: same reference group, comparisons, demographic parity and equalized odds", () => {
    for (const groups of samples) {
      const rowCount = groups.reduce((sum, x) => sum + rows(x), 0);
      const checks: FairnessCheck[] = RATE_METRICS.map((metric) => ({
        id: `c-${metric.replace("_", "-")}`,
        kind: "fairness",
        metric,
        attribute: "a",
        band: { type: "ratio", min: 0.8, max: 1.25 },
      }));
      const result = computeFairness({ rowCount, positiveValue: "1", attributes: [{ attribute: "a", groups }], checks });
      const attr = result.attributes[0]!;
      const s = disparitySummary(groups);
      expect(s.referenceGroup).toBe(attr.referenceGroup);
      expect(s.groups.map((x) => x.group)).toEqual(attr.groups.map((x) => x.group));
      expect(s.demographicParity).toEqual(demographicParity(attr.groups));
      expect(s.equalizedOdds).toEqual(equalizedOdds(attr.groups));
      for (const check of result.checks) {
        for (const c of check.comparisons) {
          const mine = s.metrics[check.metric].vsReference.find((x) => x.group === c.group)!;
          expect({ ratio: mine.ratio, difference: mine.difference }).toEqual({ ratio: c.ratio, difference: c.difference });
        }
      }
      for (const x of s.groups) expect(x.metrics.share.value).toBe(attr.groups.find((y) => y.group === x.group)!.share);
    }
  });

  it("does not depend on the order of the groups", () => {
    for (const groups of samples.slice(0, 50)) {
      const a = disparitySummary(groups);
      const b = disparitySummary([...groups].reverse());
      expect(b).toEqual(a);
    }
  });
});

describe("reference group", () => {
  it("defaults to the largest group, ties to the first label in code-unit order, whatever the input order", () => {
    const groups = [g("b", 10, 0, 0, 0), g("a", 5, 5, 0, 0), g("C", 1, 0, 0, 0)];
    expect(defaultReferenceGroup(groups.map((x) => ({ group: x.group, n: rows(x) })))).toBe("a");
    expect(disparitySummary(groups).referenceGroup).toBe("a");
    expect(disparitySummary([...groups].reverse()).referenceGroup).toBe("a");
    // "B" < "a" in code units, where localeCompare would say otherwise.
    expect(defaultReferenceGroup([{ group: "a", n: 3 }, { group: "B", n: 3 }])).toBe("B");
  });

  it("passes over the missing group and intersections with a missing component unless nothing else is left", () => {
    const missingIntersection = `x${INTERSECTION_SEPARATOR}${MISSING_GROUP}`;
    expect(defaultReferenceGroup([{ group: MISSING_GROUP, n: 100 }, { group: missingIntersection, n: 90 }, { group: "small", n: 1 }])).toBe("small");
    expect(defaultReferenceGroup([{ group: MISSING_GROUP, n: 100 }, { group: missingIntersection, n: 90 }])).toBe(MISSING_GROUP);
    expect(defaultReferenceGroup([])).toBeNull();
  });

  it("uses the caller's reference group and rejects one that is not there", () => {
    const groups = [g("a", 10, 5, 20, 5), g("b", 4, 6, 10, 2)];
    const s = disparitySummary(groups, { referenceGroup: "b" });
    expect(s.referenceGroup).toBe("b");
    expect(s.referenceGroupChosenBy).toBe("user");
    const a = s.metrics.selection_rate.vsReference.find((c) => c.group === "a")!;
    expect(a).toEqual({ group: "a", value: 15 / 40, referenceValue: 10 / 22, difference: 15 / 40 - 10 / 22, ratio: 15 / 40 / (10 / 22) });
    expect(() => disparitySummary(groups, { referenceGroup: "z" })).toThrow(/Reference group "z" is not among the groups/);
    expect(() => compareWithReference([{ group: "a", value: 1 }], "z")).toThrow(/not among the groups/);
  });

  it("leaves every comparison null when the reference group's metric is undefined or 0", () => {
    const groups = [g("ref", 0, 0, 50, 0), g("other", 3, 2, 5, 4)];
    const s = disparitySummary(groups, { referenceGroup: "ref" });
    expect(s.metrics.tpr.referenceValue).toBeNull();
    expect(s.metrics.tpr.vsReference.every((c) => c.difference === null && c.ratio === null)).toBe(true);
    // Selection rate 0 for the reference: differences exist, ratios do not (x / 0).
    const other = s.metrics.selection_rate.vsReference.find((c) => c.group === "other")!;
    expect(other).toMatchObject({ referenceValue: 0, difference: 5 / 14, ratio: null });
  });
});

describe("betweenGroups, toOverall and the four-fifths rule", () => {
  it("ignores undefined values and says which groups it left out", () => {
    const b = betweenGroups([
      { group: "x", value: 0.5 },
      { group: "gap", value: null },
      { group: "y", value: 0.2 },
      { group: "z", value: 0.5 },
    ]);
    expect(b).toEqual({ difference: 0.3, ratio: 0.4, min: { group: "y", value: 0.2 }, max: { group: "x", value: 0.5 }, excludedGroups: ["gap"] });
  });

  it("returns null for nothing to compare and a null ratio for 0 / 0", () => {
    expect(betweenGroups([{ group: "a", value: null }])).toEqual({ difference: null, ratio: null, min: null, max: null, excludedGroups: ["a"] });
    expect(betweenGroups([])).toMatchObject({ difference: null, ratio: null });
    expect(betweenGroups([{ group: "a", value: 0 }, { group: "b", value: 0 }])).toMatchObject({ difference: 0, ratio: null });
    expect(betweenGroups([{ group: "a", value: 0 }, { group: "b", value: 0.3 }])).toMatchObject({ difference: 0.3, ratio: 0 });
    expect(betweenGroups([{ group: "only", value: 0.4 }])).toMatchObject({ difference: 0, ratio: 1 });
    expect(() => betweenGroups([{ group: "a", value: Number.NaN }])).toThrow(/NaN/);
  });

  it("folds to-overall ratios into [0, 1] as fairlearn does", () => {
    const t = toOverall(
      [
        { group: "a", value: 0.6 },
        { group: "b", value: 0.3 },
      ],
      0.4,
    );
    expect(t.overall).toBe(0.4);
    expect(t.difference).toBeCloseTo(0.2, 15);
    expect(t.ratio).toBe(Math.min(1 / (0.6 / 0.4), 0.3 / 0.4));
    expect(toOverall([{ group: "a", value: 0 }], 0)).toEqual({ overall: 0, difference: 0, ratio: null });
    expect(toOverall([{ group: "a", value: null }], 0.5)).toEqual({ overall: 0.5, difference: null, ratio: null });
  });

  it("names the groups below four fifths of the highest selection rate, lowest first", () => {
    const r = fourFifthsRule([
      { group: "top", value: 0.5 },
      { group: "ok", value: 0.4 },
      { group: "low", value: 0.3 },
      { group: "lowest", value: 0.1 },
      { group: "empty", value: null },
    ]);
    expect(r.highestGroup).toBe("top");
    expect(r.highestRate).toBe(0.5);
    expect(r.failingGroups).toEqual(["lowest", "low"]);
    expect(r.excludedGroups).toEqual(["empty"]);
    expect(r.passed).toBe(false);
    expect(r.comparisons.find((c) => c.group === "ok")).toEqual({ group: "ok", selectionRate: 0.4, ratio: 0.8, passed: true });
    expect(r.comparisons.find((c) => c.group === "empty")).toEqual({ group: "empty", selectionRate: null, ratio: null, passed: null });
  });

  it("passes a ratio of exactly 0.8 despite float rounding, and cannot be evaluated when nobody is selected", () => {
    expect(0.32 / 0.4).toBe(0.7999999999999999);
    expect(fourFifthsRule([{ group: "a", value: 0.4 }, { group: "b", value: 0.32 }]).passed).toBe(true);
    expect(fourFifthsRule([{ group: "a", value: 0.4 }, { group: "b", value: 0.3199 }]).passed).toBe(false);
    const none = fourFifthsRule([{ group: "a", value: 0 }, { group: "b", value: 0 }]);
    expect(none.passed).toBeNull();
    expect(none.failingGroups).toEqual([]);
    expect(fourFifthsRule([{ group: "a", value: 0.5 }, { group: "b", value: 0.35 }], 0.7).passed).toBe(true);
    expect(() => fourFifthsRule([], 0)).toThrow(/threshold/);
    expect(() => fourFifthsRule([], 1.2)).toThrow(/threshold/);
  });
});

describe("disparitySummary", () => {
  it("compares every metric but count and share", () => {
    expect([...DISPARITY_METRICS]).toEqual(GROUP_METRICS.filter((m) => m !== "count" && m !== "share"));
    const s = disparitySummary([g("a", 1, 2, 3, 4), g("b", 4, 3, 2, 1)]);
    expect(Object.keys(s.metrics).sort()).toEqual([...DISPARITY_METRICS].sort());
  });

  it("merges a group listed twice and uses the caller's total for shares", () => {
    const s = disparitySummary([g("a", 1, 0, 0, 0), g("a", 0, 1, 0, 0), g("b", 0, 0, 2, 0)], { total: 8 });
    expect(s.groups.map((x) => [x.group, x.counts, x.metrics.share.value])).toEqual([
      ["a", { tp: 1, fp: 1, tn: 0, fn: 0 }, 0.25],
      ["b", { tp: 0, fp: 0, tn: 2, fn: 0 }, 0.25],
    ]);
    expect(() => disparitySummary([g("a", 5, 0, 0, 0)], { total: 4 })).toThrow(/total/);
  });

  it("marks the missing group and intersections with a missing component", () => {
    const s = disparitySummary([g(MISSING_GROUP, 1, 1, 1, 1), g(`a${INTERSECTION_SEPARATOR}${MISSING_GROUP}`, 1, 1, 1, 1), g("a", 1, 1, 1, 1)]);
    expect(Object.fromEntries(s.groups.map((x) => [x.group, x.isMissing]))).toEqual({
      [MISSING_GROUP]: true,
      [`a${INTERSECTION_SEPARATOR}${MISSING_GROUP}`]: true,
      a: false,
    });
    expect(s.referenceGroup).toBe("a");
  });

  it("handles no groups at all", () => {
    const s: DisparitySummary = disparitySummary([]);
    expect(s.referenceGroup).toBeNull();
    expect(s.groups).toEqual([]);
    expect(s.demographicParity).toEqual({ difference: null, ratio: null });
    expect(s.fourFifths.passed).toBeNull();
    expect(s.metrics.tpr.vsReference).toEqual([]);
  });
});
