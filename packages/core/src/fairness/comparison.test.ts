import { describe, expect, it } from "vitest";
import { TESTED_METRICS } from "./analysis";
import {
  compareFairnessRuns,
  countsOfResult,
  DEFAULT_REGRESSION_TOLERANCE,
  METRIC_HARM_DIRECTION,
  newcombeInterval,
  type AttributeCounts,
  type FairnessRunComparison,
  type MetricChange,
} from "./comparison";
import { computeFairness } from "./compute";
import type { GroupCounts } from "./types";

const g = (group: string, tp: number, fp: number, tn: number, fn: number): GroupCounts => ({ group, tp, fp, tn, fn });
const run = (...attributes: Array<[string, GroupCounts[]]>): AttributeCounts[] => attributes.map(([attribute, groups]) => ({ attribute, groups }));

function change(comparison: FairnessRunComparison, attribute: string, group: string, metric: MetricChange["metric"]): MetricChange {
  const found = comparison.attributes.find((a) => a.attribute === attribute)?.groups.find((x) => x.group === group)?.metrics[metric];
  if (!found) throw new Error(`no change for ${attribute}/${group}/${metric}`);
  return found;
}

describe("newcombeInterval", () => {
  // Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10; full precision from
  // Python: Wilson bounds with z = scipy.stats.norm.ppf(0.975), then d ∓ sqrt(...) as in the paper.
  const cases: Array<[number, number, number, number, number, number]> = [
    [56, 70, 48, 80, 0.052431472402365065, 0.33387265403690602],
    [9, 10, 3, 10, 0.17052272393450302, 0.8090179735354881],
    [6, 7, 2, 7, 0.058227927482312203, 0.80624963752422774],
    [5, 56, 0, 29, -0.03813714790353688, 0.19256001385511162],
    [0, 10, 0, 20, -0.16112515805281938, 0.2775327998628892],
    [0, 10, 0, 10, -0.2775327998628892, 0.2775327998628892],
    [10, 10, 0, 20, 0.67908603714191473, 1],
    [10, 10, 0, 10, 0.60750935043052423, 1],
  ];

  it.each(cases)("%i/%i − %i/%i matches the published interval", (x1, n1, x2, n2, lower, upper) => {
    const ci = newcombeInterval({ successes: x1, trials: n1 }, { successes: x2, trials: n2 })!;
    expect(ci.lower).toBeCloseTo(lower, 12);
    expect(ci.upper).toBeCloseTo(upper, 12);
    // The four decimals printed in the paper.
    expect(Number(ci.lower.toFixed(4))).toBe(Number(lower.toFixed(4)));
  });

  it("mirrors when the proportions swap, and is null without trials", () => {
    const ab = newcombeInterval({ successes: 9, trials: 10 }, { successes: 3, trials: 10 })!;
    const ba = newcombeInterval({ successes: 3, trials: 10 }, { successes: 9, trials: 10 })!;
    expect(ba.lower).toBeCloseTo(-ab.upper, 15);
    expect(ba.upper).toBeCloseTo(-ab.lower, 15);
    expect(newcombeInterval({ successes: 0, trials: 0 }, { successes: 1, trials: 2 })).toBeNull();
    expect(newcombeInterval({ successes: 1, trials: 2 }, { successes: 0, trials: 0 })).toBeNull();
  });
});

describe("compareFairnessRuns: a hand-computed mitigation gone wrong", () => {
  // Baseline A: FPR 10/50 = 0.2, PPV 40/50 = 0.8;  B: FPR 20/50 = 0.4.
  // Candidate A: FPR 25/50 = 0.5 (+0.3), PPV 40/65;  B: FPR 18/50 = 0.36.
  // Expected p-values: statsmodels-equivalent pooled z-tests, then Holm and BH over all 14 changes (scipy/numpy).
  const baseline = run(["race", [g("A", 40, 10, 40, 10), g("B", 30, 20, 30, 20), g("C", 5, 5, 5, 5)]], ["sex", [g("F", 10, 10, 10, 10)]]);
  const candidate = run(["race", [g("A", 40, 25, 25, 10), g("B", 32, 18, 32, 18), g("D", 3, 3, 3, 3)]], ["age", [g("old", 1, 1, 1, 1)]]);
  const comparison = compareFairnessRuns(baseline, candidate, { resamples: 400, seed: 3 });
  const race = comparison.attributes[0]!;

  it("compares attributes and groups present in both runs and lists the rest", () => {
    expect(comparison.attributes.map((a) => a.attribute)).toEqual(["race"]);
    expect(comparison.attributesOnlyInBaseline).toEqual(["sex"]);
    expect(comparison.attributesOnlyInCandidate).toEqual(["age"]);
    expect(race.groups.map((x) => x.group)).toEqual(["A", "B"]);
    expect(race.onlyInBaseline).toEqual([{ group: "C", n: 20, isMissing: false }]);
    expect(race.onlyInCandidate).toEqual([{ group: "D", n: 12, isMissing: false }]);
    expect(comparison.comparisonCount).toBe(2 * TESTED_METRICS.length);
    expect(comparison.tolerance).toBe(DEFAULT_REGRESSION_TOLERANCE);
  });

  it("gives the delta, Newcombe interval, z-test and corrected p-values of the FPR rise", () => {
    const fpr = change(comparison, "race", "A", "fpr");
    expect(fpr.baseline).toMatchObject({ value: 0.2, successes: 10, trials: 50 });
    expect(fpr.candidate).toMatchObject({ value: 0.5, successes: 25, trials: 50 });
    expect(fpr.delta).toBeCloseTo(0.3, 15);
    expect(fpr.deltaCi).toEqual(newcombeInterval({ successes: 25, trials: 50 }, { successes: 10, trials: 50 }));
    expect(fpr.deltaCi!.lower).toBeGreaterThan(0);
    expect(fpr.test).toBe("z");
    expect(fpr.statistic).toBeCloseTo(3.144854510165755, 12);
    expect(fpr.pValue).toBeCloseTo(0.0016616944579835073, 14);
    expect(fpr.holm).toBeCloseTo(0.023263722411769102, 14);
    expect(fpr.bh).toBeCloseTo(0.023263722411769102, 14);
    expect(fpr).toMatchObject({ significantHolm: true, significantBh: true, regression: true, verdict: "regression", direction: "lower_is_better" });
  });

  it("does not flag harmful moves that are not significant after Holm", () => {
    // Accuracy 0.8 → 0.65: raw p 0.0175, Holm 0.228. PPV 0.8 → 0.615: raw p 0.0329, Holm 0.383.
    const accuracy = change(comparison, "race", "A", "accuracy");
    expect(accuracy.pValue).toBeCloseTo(0.01752886126037272, 14);
    expect(accuracy.holm).toBeCloseTo(0.22787519638484535, 14);
    expect(accuracy.bh).toBeCloseTo(0.11525259132032603, 14);
    expect(accuracy).toMatchObject({ regression: false, verdict: "no_significant_change" });
    const ppv = change(comparison, "race", "A", "ppv");
    expect(ppv.holm).toBeCloseTo(0.38286306283915833, 14);
    expect(ppv.regression).toBe(false);
    expect(change(comparison, "race", "B", "npv").bh).toBeCloseTo(0.95243125162844844, 14);
    expect(comparison.regressions.map((r) => `${r.group}/${r.metric}`)).toEqual(["A/fpr"]);
    expect(comparison.counts).toEqual({ regression: 1, improvement: 0, changed: 0, within_tolerance: 0, no_significant_change: 13, untested: 0 });
  });

  it("compares the between-groups spread over the shared groups", () => {
    const fpr = race.disparities.find((d) => d.metric === "fpr")!;
    // Baseline 0.4 − 0.2 = 0.2 (C's 0.5 is not shared, so not counted); candidate 0.5 − 0.36 = 0.14.
    expect(fpr.baseline).toMatchObject({ min: { group: "A", value: 0.2 }, max: { group: "B", value: 0.4 } });
    expect(fpr.baseline.difference).toBeCloseTo(0.2, 15);
    expect(fpr.candidate.difference).toBeCloseTo(0.14, 15);
    expect(fpr.change).toBeCloseTo(-0.06, 15);
    expect(fpr.trend).toBe("narrowed");
    expect(fpr.changeCi!.lower).toBeLessThanOrEqual(fpr.change!);
    expect(fpr.changeCi!.upper).toBeGreaterThanOrEqual(fpr.change!);
    // Accuracy: 0.8 vs 0.6 → 0.65 vs 0.64.
    const accuracy = race.disparities.find((d) => d.metric === "accuracy")!;
    expect(accuracy.change).toBeCloseTo(0.01 - 0.2, 15);
    expect(accuracy.trend).toBe("narrowed");
    expect(accuracy.confident).toBe(accuracy.changeCi!.upper < 0);
    const base = race.disparities.find((d) => d.metric === "base_rate")!;
    expect(base).toMatchObject({ change: 0, trend: "unchanged" });
  });

  it("is reproducible from the seed, and skips the bootstrap at 0 resamples", () => {
    expect(compareFairnessRuns(baseline, candidate, { resamples: 400, seed: 3 })).toEqual(comparison);
    const plain = compareFairnessRuns(baseline, candidate, { resamples: 0 });
    expect(plain.attributes[0]!.disparities.every((d) => d.changeCi === null && !d.confident)).toBe(true);
    expect(plain.regressions).toEqual(comparison.regressions);
  });

  it("reads the improvement when the runs swap, with mirrored deltas and the same p-values", () => {
    const swapped = compareFairnessRuns(candidate, baseline, { resamples: 0 });
    const fpr = change(swapped, "race", "A", "fpr");
    const original = change(comparison, "race", "A", "fpr");
    expect(fpr.delta).toBeCloseTo(-0.3, 15);
    expect(fpr.deltaCi!.lower).toBeCloseTo(-original.deltaCi!.upper, 15);
    expect(fpr.pValue).toBe(original.pValue);
    expect(fpr.statistic).toBeCloseTo(-original.statistic!, 12);
    expect(fpr).toMatchObject({ verdict: "improvement", regression: false });
    expect(swapped.regressions).toEqual([]);
    expect(swapped.attributes[0]!.disparities.find((d) => d.metric === "fpr")!.trend).toBe("widened");
  });
});

describe("compareFairnessRuns: verdicts", () => {
  const big = (fp: number) => run(["race", [g("A", 50_000, fp, 100_000 - fp, 50_000)]]);

  it("holds a significant change within the tolerance back from a regression, and flags it with a smaller tolerance", () => {
    // FPR 0.1 → 0.11 on 100,000 negatives: z ≈ 7.3, far below any α, but 0.01 ≤ 0.02.
    const within = change(compareFairnessRuns(big(10_000), big(11_000), { resamples: 0 }), "race", "A", "fpr");
    expect(within.significantHolm).toBe(true);
    expect(within).toMatchObject({ verdict: "within_tolerance", regression: false });
    const strict = change(compareFairnessRuns(big(10_000), big(11_000), { resamples: 0, tolerance: 0.005 }), "race", "A", "fpr");
    expect(strict).toMatchObject({ verdict: "regression", regression: true });
  });

  it("treats a change of exactly the tolerance as within it, despite float rounding", () => {
    // 0.62 − 0.6 = 0.020000000000000018 in doubles.
    const edge = change(compareFairnessRuns(big(60_000), big(62_000), { resamples: 0 }), "race", "A", "fpr");
    expect(edge.delta).toBeGreaterThan(0.02);
    expect(edge.verdict).toBe("within_tolerance");
  });

  it("calls a significant move of a neutral metric a change, in either direction", () => {
    const before = run(["race", [g("A", 100, 100, 700, 100)]]);
    const after = run(["race", [g("A", 180, 220, 580, 20)]]);
    const comparison = compareFairnessRuns(before, after, { resamples: 0 });
    const selection = change(comparison, "race", "A", "selection_rate");
    expect(selection.delta).toBeCloseTo(0.2, 15);
    expect(selection).toMatchObject({ direction: "neutral", verdict: "changed", regression: false });
    expect(change(comparison, "race", "A", "base_rate").verdict).toBe("no_significant_change");
    expect(change(comparison, "race", "A", "tpr").verdict).toBe("improvement");
    expect(change(comparison, "race", "A", "fpr").verdict).toBe("regression");
  });

  it("uses Fisher's exact test for small counts and leaves undefined rates untested", () => {
    // FPR 0/6 → 5/6; scipy.stats.fisher_exact([[5, 1], [0, 6]]).pvalue = 0.01515151515151515. No actual positives: TPR undefined.
    const comparison = compareFairnessRuns(run(["race", [g("A", 0, 0, 6, 0)]]), run(["race", [g("A", 0, 5, 1, 0)]]), { resamples: 0 });
    const fpr = change(comparison, "race", "A", "fpr");
    expect(fpr.test).toBe("fisher");
    expect(fpr.statistic).toBeNull();
    expect(fpr.pValue).toBeCloseTo(0.01515151515151515, 14);
    const tpr = change(comparison, "race", "A", "tpr");
    expect(tpr).toMatchObject({ delta: null, deltaCi: null, test: null, pValue: null, holm: null, verdict: "untested", regression: false });
    expect(tpr.baseline).toEqual({ value: null, successes: 0, trials: 0, ci: null });
    // TPR has no actual positives in either run, PPV no predicted positives in the baseline.
    expect(comparison.comparisonCount).toBe(5);
    expect(comparison.counts.untested).toBe(2);
    expect(comparison.attributes[0]!.groups[0]!.smallSample).toBe(true);
  });

  it("validates its options and refuses an attribute listed twice", () => {
    const r = big(10);
    expect(() => compareFairnessRuns(r, r, { tolerance: -0.1 })).toThrow(RangeError);
    expect(() => compareFairnessRuns(r, r, { alpha: 1 })).toThrow(RangeError);
    expect(() => compareFairnessRuns(r, r, { resamples: 1.5 })).toThrow(RangeError);
    expect(() => compareFairnessRuns([...r, ...r], r)).toThrow(/twice/);
  });

  it("names every metric's harmful direction", () => {
    expect(METRIC_HARM_DIRECTION).toEqual({
      base_rate: "neutral",
      selection_rate: "neutral",
      accuracy: "higher_is_better",
      tpr: "higher_is_better",
      fpr: "lower_is_better",
      ppv: "higher_is_better",
      npv: "higher_is_better",
    });
  });
});

describe("compareFairnessRuns: properties", () => {
  // A small pseudo-random generator, so the fixtures vary without depending on Math.random.
  function lcg(seed: number) {
    let state = seed >>> 0;
    return (max: number) => {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return state % (max + 1);
    };
  }
  const randomRun = (seed: number): AttributeCounts[] => {
    const next = lcg(seed);
    const groups = (names: string[]) => names.map((name) => g(name, next(60), next(60), next(60), next(3) === 0 ? 0 : next(60)));
    return run(["race", groups(["A", "B", "C", "(missing)"])], ["sex", groups(["F", "M"])], ["race × sex", groups(["A × F", "B × M", "C × (missing)"])]);
  };

  it.each([1, 2, 3, 4, 5, 6])("a run compared with itself shows no change (seed %i)", (seed) => {
    const r = randomRun(seed);
    const comparison = compareFairnessRuns(r, r, { resamples: 200, seed });
    expect(comparison.regressions).toEqual([]);
    expect(comparison.counts.regression + comparison.counts.improvement + comparison.counts.changed + comparison.counts.within_tolerance).toBe(0);
    for (const attribute of comparison.attributes) {
      expect(attribute.onlyInBaseline).toEqual([]);
      expect(attribute.onlyInCandidate).toEqual([]);
      for (const group of attribute.groups) {
        for (const metric of TESTED_METRICS) {
          const c = group.metrics[metric];
          if (c.verdict === "untested") continue;
          expect(c.delta).toBe(0);
          expect(c.pValue).toBe(1);
          expect(c.holm).toBe(1);
          expect(c.bh).toBe(1);
          expect(c.deltaCi!.lower).toBeLessThanOrEqual(0);
          expect(c.deltaCi!.upper).toBeGreaterThanOrEqual(0);
          expect(c.deltaCi!.lower).toBeCloseTo(-c.deltaCi!.upper, 14);
        }
      }
      for (const d of attribute.disparities) {
        if (d.change === null) continue;
        expect(d.change).toBe(0);
        expect(d.trend).toBe("unchanged");
        expect(d.confident).toBe(false);
      }
    }
    expect(comparison.attributes.find((a) => a.attribute === "race")!.groups.find((x) => x.group === "(missing)")!.isMissing).toBe(true);
  });

  it.each([11, 12, 13])("deltas lie in their intervals, adjusted p-values never fall below raw ones (seed %i)", (seed) => {
    const comparison = compareFairnessRuns(randomRun(seed), randomRun(seed + 100), { resamples: 0 });
    expect(comparison.comparisonCount).toBeGreaterThan(0);
    for (const attribute of comparison.attributes) {
      for (const group of attribute.groups) {
        for (const metric of TESTED_METRICS) {
          const c = group.metrics[metric];
          if (c.delta === null) continue;
          expect(c.deltaCi!.lower).toBeLessThanOrEqual(c.delta + 1e-12);
          expect(c.deltaCi!.upper).toBeGreaterThanOrEqual(c.delta - 1e-12);
          expect(c.deltaCi!.lower).toBeGreaterThanOrEqual(-1);
          expect(c.deltaCi!.upper).toBeLessThanOrEqual(1);
          expect(c.holm!).toBeGreaterThanOrEqual(c.pValue!);
          expect(c.bh!).toBeGreaterThanOrEqual(c.pValue!);
          expect(c.holm!).toBeGreaterThanOrEqual(c.bh! - 1e-15);
          // A regression is always significant after Holm, beyond the tolerance and the harmful way.
          if (c.regression) {
            expect(c.significantHolm).toBe(true);
            expect(Math.abs(c.delta)).toBeGreaterThan(comparison.tolerance);
            expect(c.direction).not.toBe("neutral");
          }
        }
      }
    }
  });

  it("reads a stored run's counts", () => {
    const groups = [g("A", 4, 1, 4, 1), g("B", 3, 3, 2, 2)];
    const result = computeFairness({ rowCount: 20, positiveValue: "yes", attributes: [{ attribute: "group", groups }], checks: [] });
    expect(countsOfResult(result)).toEqual([{ attribute: "group", groups }]);
  });
});
