import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../stats/wilson";
import {
  computeFairness,
  demographicParity,
  describeCheck,
  equalizedOdds,
  formatBand,
  formatBound,
  formatCompared,
  RATE_FORMULAS,
  rateEstimates,
  type FairnessInput,
} from "./compute";
import { MISSING_GROUP, RATE_METRICS, type FairnessCheck, type GroupCounts, type RateMetric } from "./types";

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
const n = (c: GroupCounts) => c.tp + c.fp + c.tn + c.fn;

function check(overrides: Partial<FairnessCheck> = {}): FairnessCheck {
  return { id: "fpr-race", kind: "fairness", metric: "fpr", attribute: "race", band: { type: "ratio", min: 0.8, max: 1.25 }, ...overrides };
}

function run(groups: GroupCounts[], checks: FairnessCheck[] = [], extra: Partial<FairnessInput> = {}) {
  return computeFairness({
    rowCount: groups.reduce((s, c) => s + n(c), 0),
    positiveValue: "1",
    attributes: [{ attribute: "race", groups }],
    checks,
    ...extra,
  });
}

describe("rateEstimates", () => {
  it("computes every rate from its numerator and denominator, with a Wilson interval", () => {
    const rates = rateEstimates({ tp: 30, fp: 10, tn: 50, fn: 10 });
    const expected: Record<RateMetric, [number, number]> = {
      selection_rate: [40, 100],
      base_rate: [40, 100],
      accuracy: [80, 100],
      tpr: [30, 40],
      fpr: [10, 60],
      tnr: [50, 60],
      fnr: [10, 40],
      ppv: [30, 40],
      npv: [50, 60],
    };
    for (const metric of RATE_METRICS) {
      const [num, den] = expected[metric];
      expect(rates[metric]).toEqual({ value: num / den, numerator: num, denominator: den, ci: wilsonInterval(num, den) });
    }
    expect(rates.tpr.value).toBe(0.75);
    expect(rates.fpr.value! + rates.tnr.value!).toBeCloseTo(1, 15);
  });

  it("leaves a rate and its interval null when the denominator is 0", () => {
    const rates = rateEstimates({ tp: 0, fp: 3, tn: 7, fn: 0 });
    expect(rates.tpr).toEqual({ value: null, numerator: 0, denominator: 0, ci: null });
    expect(rates.fnr).toEqual({ value: null, numerator: 0, denominator: 0, ci: null });
    expect(rates.npv.value).toBe(1);
    expect(rates.ppv).toMatchObject({ value: 0, numerator: 0, denominator: 3, ci: { lower: 0 } });
    const empty = rateEstimates({ tp: 0, fp: 0, tn: 0, fn: 0 });
    for (const metric of RATE_METRICS) expect(empty[metric].value).toBeNull();
  });

  it("rejects counts that cannot be counts", () => {
    expect(() => rateEstimates({ tp: -1, fp: 0, tn: 0, fn: 0 })).toThrow(/tp must be a non-negative integer/);
    expect(() => rateEstimates({ tp: 0, fp: 0.5, tn: 0, fn: 0 })).toThrow(/fp must be/);
  });

  it("documents each formula", () => {
    expect(RATE_FORMULAS.fpr).toBe("FP / (FP + TN)");
    expect(Object.keys(RATE_FORMULAS)).toEqual([...RATE_METRICS]);
  });
});

describe("computeFairness: groups", () => {
  const groups = [g("b", 10, 10, 20, 10), g(MISSING_GROUP, 30, 30, 30, 30), g("a", 10, 10, 20, 10), g("c", 1, 0, 2, 1)];
  const result = run(groups);
  const race = result.attributes[0]!;

  it("sorts groups by size, then by label, keeping the missing group", () => {
    expect(race.groups.map((x) => [x.group, x.n])).toEqual([[MISSING_GROUP, 120], ["a", 50], ["b", 50], ["c", 4]]);
    expect(race.groups.map((x) => x.isMissing)).toEqual([true, false, false, false]);
  });

  it("reports shares and the missing count and rate", () => {
    expect(result.rowCount).toBe(224);
    expect(race.groups.map((x) => x.share)).toEqual([120 / 224, 50 / 224, 50 / 224, 4 / 224]);
    expect(race.missingCount).toBe(120);
    expect(race.missingRate).toBe(120 / 224);
  });

  it("picks the largest known group as reference, alphabetical on ties, never the missing group", () => {
    expect(race.referenceGroup).toBe("a");
  });

  it("falls back to the missing group only when nothing else exists", () => {
    expect(run([g(MISSING_GROUP, 5, 5, 5, 5)]).attributes[0]!.referenceGroup).toBe(MISSING_GROUP);
  });

  it("warns about small groups in a sentence that says why", () => {
    const [missing, a, , c] = race.groups;
    expect(missing!.smallSampleWarning).toBeNull();
    expect(a!.smallSampleWarning).toBeNull();
    expect(c!.smallSampleWarning).toBe(
      "Small sample: 4 rows (minimum 30), 2 actual positives (minimum 5) and 2 actual negatives (minimum 5). " +
        "Its rates have wide intervals; do not draw conclusions from this group alone.",
    );
  });

  it("warns about few positives even in a large group, and honours minGroupSize", () => {
    const big = run([g("x", 1, 100, 900, 3)]).attributes[0]!.groups[0]!;
    expect(big.smallSampleWarning).toBe(
      "Small sample: 4 actual positives (minimum 5). Its rates have wide intervals; do not draw conclusions from this group alone.",
    );
    const strict = run([g("x", 100, 100, 100, 100)], [], { minGroupSize: 1000 }).attributes[0]!.groups[0]!;
    expect(strict.smallSampleWarning).toMatch(/^Small sample: 400 rows \(minimum 1000\)\./);
  });

  it("merges duplicate labels into one group", () => {
    const merged = run([g(MISSING_GROUP, 1, 2, 3, 4), g(MISSING_GROUP, 4, 3, 2, 1), g("a", 5, 5, 5, 5)]).attributes[0]!;
    expect(merged.groups.map((x) => [x.group, x.counts])).toEqual([
      [MISSING_GROUP, { tp: 5, fp: 5, tn: 5, fn: 5 }],
      ["a", { tp: 5, fp: 5, tn: 5, fn: 5 }],
    ]);
  });

  it("refuses counts that do not cover every row exactly once", () => {
    expect(() => run([g("a", 5, 5, 5, 5)], [], { rowCount: 25 })).toThrow(
      'The groups of "race" cover 20 rows but the data has 25; every row must fall in exactly one group (missing values form the "(missing)" group).',
    );
    expect(() =>
      computeFairness({
        rowCount: 4,
        positiveValue: "1",
        attributes: [
          { attribute: "race", groups: [g("a", 1, 1, 1, 1)] },
          { attribute: "race", groups: [g("a", 1, 1, 1, 1)] },
        ],
        checks: [],
      }),
    ).toThrow('Attribute "race" is listed twice.');
  });

  it("handles several attributes independently", () => {
    const out = computeFairness({
      rowCount: 40,
      positiveValue: "yes",
      attributes: [
        { attribute: "race", groups: [g("a", 5, 5, 5, 5), g("b", 5, 5, 5, 5)] },
        { attribute: "sex", groups: [g("f", 2, 3, 4, 1), g("m", 8, 7, 6, 9)] },
      ],
      checks: [],
    });
    expect(out.positiveValue).toBe("yes");
    expect(out.attributes.map((a) => [a.attribute, a.referenceGroup, a.missingCount])).toEqual([["race", "a", 0], ["sex", "m", 0]]);
  });
});

describe("computeFairness: checks", () => {
  // FPR: ref 20/100 = 0.2; w 40/100 = 0.4 (ratio 2.0); h 17/100 = 0.17 (0.85); o 12/100 = 0.12 (0.6)
  const groups = [g("ref", 50, 20, 80, 50), g("w", 50, 40, 60, 50), g("h", 30, 17, 83, 20), g("o", 30, 12, 88, 20)];

  it("passes when every group is within the band, naming the group closest to the edge", () => {
    const outcome = run(groups.slice(0, 1).concat(groups[2]!), [check()]).checks[0]!;
    expect(outcome).toMatchObject({ checkId: "fpr-race", metric: "fpr", attribute: "race", referenceGroup: "ref", passed: true });
    expect(outcome.worst).toMatchObject({ group: "h", value: 0.17, referenceValue: 0.2, withinBand: true });
    expect(outcome.worst!.ratio).toBeCloseTo(0.85, 12);
    expect(outcome.worst!.difference).toBeCloseTo(-0.03, 12);
    expect(outcome.summary).toBe("False-positive rate ratio vs ref: the compared group is within [0.80, 1.25]; closest to the edge h 0.85.");
  });

  it("fails when any group is outside, naming the worst", () => {
    const outcome = run(groups, [check()]).checks[0]!;
    expect(outcome.passed).toBe(false);
    expect(outcome.comparisons.map((c) => [c.group, c.withinBand])).toEqual([["w", false], ["h", true], ["o", false]]);
    expect(outcome.worst).toMatchObject({ group: "w", ratio: 2, withinBand: false });
    expect(outcome.summary).toBe("False-positive rate ratio vs ref: worst w 2.00 outside [0.80, 1.25] (2 of 3 groups outside).");
  });

  it("measures how far outside a ratio is on a log scale", () => {
    // 0.5 is 1.6× below 0.8; 1.9 is 1.52× above 1.25: 0.5 is worse although 1.9 is further away linearly.
    const outcome = run([g("ref", 30, 20, 80, 10), g("lo", 10, 10, 90, 10), g("hi", 10, 38, 62, 10)], [check()]).checks[0]!;
    expect(outcome.worst?.group).toBe("lo");
    expect(outcome.summary).toBe("False-positive rate ratio vs ref: worst lo 0.50 outside [0.80, 1.25] (2 of 2 groups outside).");
  });

  it("marks a worst group that rests on a small sample", () => {
    const outcome = run([g("ref", 40, 20, 80, 10), g("tiny", 2, 3, 3, 2)], [check()]).checks[0]!;
    expect(outcome.summary).toBe("False-positive rate ratio vs ref: worst tiny (small sample) 2.50 outside [0.80, 1.25].");
  });

  it("treats band bounds as inclusive despite float rounding", () => {
    // FPR 4/12 against 5/12 is exactly 0.8, but (4/12) / (5/12) = 0.7999999999999999 in doubles.
    const outcome = run([g("ref", 90, 5, 7, 10), g("edge", 10, 4, 8, 10), g("top", 10, 25, 23, 10)], [check()]).checks[0]!;
    expect(4 / 12 / (5 / 12)).toBeLessThan(0.8);
    expect(outcome.comparisons.map((c) => [c.group, c.withinBand])).toEqual([["top", true], ["edge", true]]);
    expect(outcome.worst?.group).toBe("edge");
    expect(outcome.passed).toBe(true);
  });

  it("evaluates difference bands with signed differences", () => {
    const band = { type: "difference" as const, min: -0.1, max: 0.1 };
    const outcome = run(groups, [check({ band })]).checks[0]!;
    expect(outcome.passed).toBe(false);
    expect(outcome.worst).toMatchObject({ group: "w" });
    expect(outcome.worst!.difference).toBeCloseTo(0.2, 12);
    expect(outcome.summary).toBe("False-positive rate difference vs ref: worst w +0.20 outside [-0.10, 0.10].");
  });

  it("uses the check's reference group when given", () => {
    const outcome = run(groups, [check({ referenceGroup: "w" })]).checks[0]!;
    expect(outcome.referenceGroup).toBe("w");
    expect(outcome.comparisons.map((c) => c.group)).toEqual(["ref", "h", "o"]);
    expect(outcome.comparisons[0]!.ratio).toBe(0.5);
  });

  it("compares the missing group like any other", () => {
    const outcome = run([g("a", 10, 20, 80, 10), g(MISSING_GROUP, 5, 19, 31, 5)], [check()]).checks[0]!;
    expect(outcome.comparisons).toMatchObject([{ group: MISSING_GROUP, withinBand: false }]);
    expect(outcome.summary).toBe("False-positive rate ratio vs a: worst (missing) 1.90 outside [0.80, 1.25].");
  });

  it("fails, without throwing, when the attribute is not in the data", () => {
    const outcome = run(groups, [check({ attribute: "sex" })]).checks[0]!;
    expect(outcome).toMatchObject({ passed: false, worst: null, comparisons: [], referenceGroup: "" });
    expect(outcome.summary).toBe('Attribute "sex" is not among the sensitive attributes of this run, so the check could not be evaluated.');
  });

  it("fails when the named reference group does not occur", () => {
    const outcome = run(groups, [check({ referenceGroup: "Martian" })]).checks[0]!;
    expect(outcome).toMatchObject({ passed: false, referenceGroup: "Martian", worst: null });
    expect(outcome.summary).toBe('Reference group "Martian" does not occur in "race", so the check could not be evaluated.');
  });

  it("fails when the reference group's rate is undefined", () => {
    const outcome = run([g("ref", 30, 0, 0, 10), g("b", 5, 5, 5, 5)], [check()]).checks[0]!;
    expect(outcome.passed).toBe(false);
    expect(outcome.comparisons).toEqual([{ group: "b", value: 0.5, referenceValue: null, ratio: null, difference: null, withinBand: null }]);
    expect(outcome.summary).toBe(
      "False-positive rate is undefined for the reference group ref (no actual negatives), so the check could not be evaluated.",
    );
  });

  it("skips groups whose rate is undefined, and says so, without failing on them", () => {
    const outcome = run([g("ref", 30, 20, 80, 10), g("b", 10, 21, 79, 10), g("nobody-negative", 7, 0, 0, 3)], [check()]).checks[0]!;
    expect(outcome.passed).toBe(true);
    expect(outcome.comparisons.find((c) => c.group === "nobody-negative")).toMatchObject({ value: null, withinBand: null });
    expect(outcome.summary).toBe(
      "False-positive rate ratio vs ref: the compared group is within [0.80, 1.25]; closest to the edge b 1.05; not comparable: nobody-negative (no actual negatives).",
    );
  });

  it("fails when no group can be compared at all", () => {
    const refZero = run([g("ref", 10, 0, 100, 10), g("b", 10, 0, 50, 10)], [check()]).checks[0]!;
    expect(refZero.passed).toBe(false);
    expect(refZero.comparisons[0]).toMatchObject({ ratio: null, difference: 0, withinBand: null });
    expect(refZero.summary).toBe(
      "False-positive rate ratio vs ref: no group could be compared; not comparable: b (the reference rate is 0, so the ratio is undefined).",
    );
    // A difference is defined against a zero reference rate.
    const diff = run([g("ref", 10, 0, 100, 10), g("b", 10, 0, 50, 10)], [check({ band: { type: "difference", min: -0.05, max: 0.05 } })]);
    expect(diff.checks[0]).toMatchObject({ passed: true, worst: { group: "b", difference: 0 } });

    const alone = run([g("ref", 10, 10, 10, 10)], [check()]).checks[0]!;
    expect(alone).toMatchObject({ passed: false, comparisons: [] });
    expect(alone.summary).toBe('False-positive rate ratio vs ref: "race" has no other group to compare with.');
  });

  it("evaluates several checks in plan order", () => {
    const result = run(groups, [check(), check({ id: "sel", metric: "selection_rate", band: { type: "ratio", min: 0.5, max: 2 } })]);
    expect(result.checks.map((c) => [c.checkId, c.metric, c.passed])).toEqual([["fpr-race", "fpr", false], ["sel", "selection_rate", true]]);
  });
});

describe("formatting", () => {
  it("formats bands with two decimals unless more are needed", () => {
    expect(formatBand({ type: "ratio", min: 0.8, max: 1.25 })).toBe("ratio within [0.80, 1.25]");
    expect(formatBand({ type: "difference", min: -0.025, max: 0.1 })).toBe("difference within [-0.025, 0.10]");
    expect(formatBound(1)).toBe("1.00");
    expect(formatBound(1 / 3)).toBe(String(1 / 3));
  });

  it("describes checks in words", () => {
    expect(describeCheck(check())).toBe("False-positive rate ratio across race within [0.80, 1.25]");
    expect(describeCheck(check({ metric: "tpr", attribute: "sex", band: { type: "difference", min: -0.1, max: 0.1 }, referenceGroup: "Female" }))).toBe(
      "True-positive rate difference across sex within [-0.10, 0.10] (reference: Female)",
    );
  });

  it("never rounds a compared value onto a band edge it is not on, or to zero", () => {
    const band = { type: "ratio" as const, min: 0.8, max: 1.25 };
    expect(formatCompared(1.9120926, band)).toBe("1.91");
    expect(formatCompared(1.2549, band)).toBe("1.255");
    expect(formatCompared(1.25, band)).toBe("1.25");
    expect(formatCompared(0.7996, band)).toBe("0.7996");
    const diff = { type: "difference" as const, min: -0.1, max: 0.1 };
    expect(formatCompared(0.004, diff)).toBe("+0.004");
    expect(formatCompared(-0.2, diff)).toBe("-0.20");
    expect(formatCompared(0, diff)).toBe("0.00");
  });
});

describe("demographicParity and equalizedOdds", () => {
  const groupsOf = (counts: GroupCounts[]) => run(counts).attributes[0]!.groups;

  it("take max − min and min / max across every group passed in", () => {
    // selection: a 0.5, b 0.25, (missing) 0.75; TPR: a 0.8, b 0.4, m 1.0; FPR: a 0.2, b 0.1, m 0.5
    const groups = groupsOf([g("a", 40, 10, 40, 10), g("b", 20, 5, 45, 30), g(MISSING_GROUP, 10, 5, 5, 0)]);
    const dp = demographicParity(groups);
    expect(dp.difference).toBeCloseTo(0.5, 15);
    expect(dp.ratio).toBeCloseTo(1 / 3, 15);
    const eo = equalizedOdds(groups);
    expect(eo.difference).toBeCloseTo(Math.max(1.0 - 0.4, 0.5 - 0.1), 15);
    expect(eo.ratio).toBeCloseTo(Math.min(0.4 / 1.0, 0.1 / 0.5), 15);
  });

  it("skip groups whose rate is undefined and return null when nothing is defined", () => {
    const groups = groupsOf([g("a", 5, 5, 5, 5), g("no-positives", 0, 5, 5, 0)]);
    expect(equalizedOdds(groups)).toEqual({ difference: 0, ratio: 1 });
    expect(equalizedOdds(groupsOf([g("a", 0, 5, 5, 0)]))).toEqual({ difference: null, ratio: null });
    expect(demographicParity([])).toEqual({ difference: null, ratio: null });
    expect(demographicParity(groupsOf([g("a", 0, 0, 5, 5), g("b", 0, 0, 3, 3)]))).toEqual({ difference: 0, ratio: null });
  });
});

describe("properties (seeded)", () => {
  const random = prng(7214);
  const count = () => Math.floor(random() ** 2 * 400);
  const randomCounts = (group: string) => g(group, count(), count(), count(), count());
  const bands = [
    { type: "ratio" as const, min: 0.8, max: 1.25 },
    { type: "difference" as const, min: -0.1, max: 0.1 },
  ];

  it("a group compared with an identical group has ratio 1 and difference 0, and passes", () => {
    for (let i = 0; i < 300; i++) {
      const a = randomCounts("a");
      const twin = { ...a, group: "twin" };
      for (const metric of RATE_METRICS) {
        for (const band of bands) {
          const outcome = run([a, twin], [check({ metric, band, referenceGroup: "a" })]).checks[0]!;
          const [c] = outcome.comparisons;
          if (c!.value === null) {
            expect(outcome.passed).toBe(false);
            continue;
          }
          expect(c!.difference).toBe(0);
          if (c!.value === 0) expect(c!.ratio).toBeNull();
          else expect(c!.ratio).toBe(1);
          if (band.type === "difference" || c!.value !== 0) expect(outcome.passed).toBe(true);
        }
      }
    }
  });

  it("every Wilson interval contains its point estimate", () => {
    for (let i = 0; i < 500; i++) {
      const rates = rateEstimates(randomCounts("x"));
      for (const metric of RATE_METRICS) {
        const r = rates[metric];
        if (r.value === null) {
          expect(r.ci).toBeNull();
          continue;
        }
        expect(r.ci!.lower).toBeLessThanOrEqual(r.value);
        expect(r.ci!.upper).toBeGreaterThanOrEqual(r.value);
      }
    }
  });

  it("swapping the reference negates the difference and inverts the ratio", () => {
    for (let i = 0; i < 300; i++) {
      const a = randomCounts("a");
      const b = randomCounts("b");
      for (const metric of RATE_METRICS) {
        const ab = run([a, b], [check({ metric, referenceGroup: "b" })]).checks[0]!.comparisons[0]!;
        const ba = run([a, b], [check({ metric, referenceGroup: "a" })]).checks[0]!.comparisons[0]!;
        if (ab.difference === null) {
          expect(ba.difference).toBeNull();
          continue;
        }
        expect(ab.difference).toBeCloseTo(-ba.difference!, 14);
        if (ab.ratio !== null && ba.ratio !== null) expect(ab.ratio * ba.ratio).toBeCloseTo(1, 12);
      }
    }
  });

  it("shares of an attribute's groups add up to 1 and demographic parity stays in range", () => {
    for (let i = 0; i < 200; i++) {
      const groups = ["a", "b", "c", MISSING_GROUP].map(randomCounts);
      if (groups.every((x) => n(x) === 0)) continue;
      const attr = run(groups).attributes[0]!;
      expect(attr.groups.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 12);
      const dp = demographicParity(attr.groups);
      if (dp.difference !== null) expect(dp.difference).toBeGreaterThanOrEqual(0);
      if (dp.ratio !== null) {
        expect(dp.ratio).toBeGreaterThanOrEqual(0);
        expect(dp.ratio).toBeLessThanOrEqual(1);
      }
    }
  });
});
