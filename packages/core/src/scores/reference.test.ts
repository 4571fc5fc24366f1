import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { addScoreHistograms } from "./histogram";
import { brierScore, expectedCalibrationError, reliabilityCurve, rocAuc, rocAucBounds, scoreMetrics } from "./metrics";
import { distinctFromRows, uniformFromRows, type ScoredRow } from "./testkit";
import { confusionAtThreshold, thresholdSweep } from "./threshold";
import type { DistinctScoreHistogram, ScoreHistogram } from "./types";

// Written by packages/core/test-fixtures/scores/gen_reference.py (numpy/scipy, row by row).
const FIXTURE = new URL("../../test-fixtures/scores/reference.json", import.meta.url);

type ReliabilityRef = { bin: number; count: number; positives: number; mean_score: number; observed_rate: number; ci_lower: number; ci_upper: number };
type ConfusionRef = { threshold: number; tp: number; fp: number; tn: number; fn: number };
type GroupRef = {
  n: number;
  positives: number;
  negatives: number;
  auc: number | null;
  brier: number | null;
  ece: Record<string, number | null>;
  reliability10: ReliabilityRef[];
  thresholds: ConfusionRef[];
};
type CompasGroupRef = Omit<GroupRef, "reliability10" | "thresholds"> & { counts: Array<{ decile: number; positives: number; negatives: number }> };
type Reference = {
  synthetic: {
    rows: Array<[string, number, number, 0 | 1]>;
    calibration_bins: number[];
    thresholds: number[];
    reference: Record<"score" | "raw_score", Record<string, GroupRef>>;
  };
  compas: Record<"unfiltered_7214" | "filtered_6172", { n_rows: number; by_race: Record<string, CompasGroupRef> }>;
};

const reference = JSON.parse(readFileSync(FIXTURE, "utf8")) as Reference;
const TOLERANCE = 1e-9;
const ALL = "(all)";

const close = (actual: number | null, expected: number | null) => {
  if (expected === null) expect(actual).toBeNull();
  else expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(TOLERANCE);
};

const { synthetic } = reference;
const groups = [...new Set(synthetic.rows.map((r) => r[0]))].sort();
const rowsOf = (group: string, column: "score" | "raw_score"): ScoredRow[] =>
  synthetic.rows.filter((r) => group === ALL || r[0] === group).map((r) => ({ score: column === "score" ? r[1] : r[2], label: r[3] }));

describe("reference fixture", () => {
  it("holds three groups of a few hundred seeded rows, with ties and scores of exactly 0 and 1", () => {
    expect(groups).toEqual(["A", "B", "C"]);
    expect(synthetic.rows.length).toBeGreaterThan(300);
    const scores = synthetic.rows.map((r) => r[1]);
    expect(new Set(scores).size).toBeLessThan(scores.length / 2);
    expect(scores).toContain(0);
    expect(scores).toContain(1);
  });
});

describe.each(["score", "raw_score"] as const)("synthetic %s against numpy/scipy", (column) => {
  const refs = synthetic.reference[column];
  const cases = [...groups, ALL].map((group) => {
    const rows = rowsOf(group, column);
    const variants: Array<[string, ScoreHistogram]> = [
      ["distinct", distinctFromRows(rows)],
      ["uniform 1000", uniformFromRows(rows, 1000)],
    ];
    return { group, ref: refs[group]!, rows, variants };
  });

  it.each(cases)("group $group: counts", ({ ref, variants }) => {
    for (const [, h] of variants) expect(scoreMetrics(h)).toMatchObject({ n: ref.n, positives: ref.positives, negatives: ref.negatives });
  });

  it.each(cases)("group $group: AUC, exact from distinct scores and (two-decimal scores) from 1000 bins", ({ ref, variants }) => {
    const [[, distinct], [, uniform]] = variants as [[string, ScoreHistogram], [string, ScoreHistogram]];
    close(rocAuc(distinct), ref.auc);
    const bounds = rocAucBounds(uniform)!;
    if (column === "score") {
      // Every two-decimal score has a fine bin to itself, so within-bin pairs are true ties.
      close(rocAuc(uniform), ref.auc);
    } else {
      expect(bounds.lower).toBeLessThanOrEqual(ref.auc! + TOLERANCE);
      expect(bounds.upper).toBeGreaterThanOrEqual(ref.auc! - TOLERANCE);
      expect(bounds.upper - bounds.lower).toBeLessThan(0.01);
    }
  });

  it.each(cases)("group $group: Brier score, exact from either variant", ({ ref, variants }) => {
    for (const [, h] of variants) close(brierScore(h), ref.brier);
  });

  it.each(cases)("group $group: ECE with 5, 10 and 20 bins, exact from either variant", ({ ref, variants }) => {
    for (const [, h] of variants) for (const bins of synthetic.calibration_bins) close(expectedCalibrationError(h, bins), ref.ece[String(bins)] ?? null);
  });

  it.each(cases)("group $group: reliability points with Wilson intervals", ({ ref, variants }) => {
    for (const [, h] of variants) {
      const points = reliabilityCurve(h, 10);
      expect(points.map((p) => [p.bin, p.count, p.positives])).toEqual(ref.reliability10.map((p) => [p.bin, p.count, p.positives]));
      points.forEach((p, i) => {
        const r = ref.reliability10[i]!;
        close(p.meanScore, r.mean_score);
        close(p.observedRate, r.observed_rate);
        close(p.ci.lower, r.ci_lower);
        close(p.ci.upper, r.ci_upper);
      });
    }
  });

  it.each(cases)("group $group: confusion counts at every threshold", ({ ref, variants }) => {
    const [[, distinct], [, uniform]] = variants as [[string, ScoreHistogram], [string, ScoreHistogram]];
    for (const { threshold, ...counts } of ref.thresholds) {
      expect(confusionAtThreshold(distinct, threshold)).toEqual(counts);
      if (threshold === 1) expect(() => confusionAtThreshold(uniform, threshold)).toThrow(/not an edge/);
      else expect(confusionAtThreshold(uniform, threshold)).toEqual(counts);
    }
  });

  it("pools the groups' histograms into the population's", () => {
    const pooled = addScoreHistograms(
      uniformFromRows(rowsOf("A", column), 1000),
      uniformFromRows(rowsOf("B", column), 1000),
      uniformFromRows(rowsOf("C", column), 1000),
    );
    close(brierScore(pooled), refs[ALL]!.brier);
    close(expectedCalibrationError(pooled), refs[ALL]!.ece["10"] ?? null);
    const pooledDistinct = addScoreHistograms(distinctFromRows(rowsOf("A", column)), distinctFromRows(rowsOf("B", column)), distinctFromRows(rowsOf("C", column)));
    close(rocAuc(pooledDistinct), refs[ALL]!.auc);
  });

  it("sweeps the default grid for every group with the reference's counts", () => {
    const sweep = thresholdSweep(groups.map((group) => ({ group, histogram: uniformFromRows(rowsOf(group, column), 1000) })));
    for (const g of sweep) {
      for (const p of g.points) {
        const ref = refs[g.group]!.thresholds.find((t) => t.threshold === p.threshold);
        expect(ref, `threshold ${p.threshold} in the reference`).toBeDefined();
        expect(p.counts).toEqual({ tp: ref!.tp, fp: ref!.fp, tn: ref!.tn, fn: ref!.fn });
        close(p.selectionRate.value, (ref!.tp + ref!.fp) / refs[g.group]!.n);
      }
    }
  });
});

// COMPAS decile scores (1–10) as decile / 10: few distinct scores, so the exact variant.
describe.each(["unfiltered_7214", "filtered_6172"] as const)("COMPAS %s: decile / 10 per race against scipy", (population) => {
  const { n_rows, by_race } = reference.compas[population];
  const histogramOf = (ref: CompasGroupRef): DistinctScoreHistogram => ({
    kind: "distinct",
    scores: ref.counts.map((c) => c.decile / 10),
    positives: ref.counts.map((c) => c.positives),
    negatives: ref.counts.map((c) => c.negatives),
  });
  const races = Object.keys(by_race).filter((r) => r !== ALL);

  it("covers every row", () => {
    expect(races.reduce((sum, race) => sum + by_race[race]!.n, 0)).toBe(n_rows);
    expect(by_race[ALL]!.n).toBe(n_rows);
  });

  it.each(races.concat(ALL))("%s: AUC, Brier and ECE to 1e-9", (race) => {
    const ref = by_race[race]!;
    const m = scoreMetrics(histogramOf(ref));
    expect([m.n, m.positives, m.negatives]).toEqual([ref.n, ref.positives, ref.negatives]);
    close(m.auc, ref.auc);
    close(m.brier, ref.brier);
    close(m.ece, ref.ece["10"] ?? null);
    close(expectedCalibrationError(histogramOf(ref), 5), ref.ece["5"] ?? null);
  });

  it("pooling the races gives the population's AUC", () => {
    const [first, ...rest] = races.map((race) => histogramOf(by_race[race]!));
    close(rocAuc(addScoreHistograms(first!, ...rest)), by_race[ALL]!.auc);
  });
});
