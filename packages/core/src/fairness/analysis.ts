import { benjaminiHochbergAdjust, flagSignificant, holmAdjust } from "../stats/multiple-testing";
import { compareProportions, type Proportion } from "../stats/proportion-tests";
import { bootstrapGroupCounts } from "../stats/bootstrap";
import { DEFAULT_MIN_GROUP_SIZE, MIN_CLASS_COUNT } from "./compute";
import { DISPARITY_METRICS, disparitySummary, type DisparityMetric, type DisparitySummary } from "./disparity-summary";
import type { ConfusionCounts, GroupCounts, Interval } from "./types";

/**
 * The statistician's view of one run: for every attribute (and the
 * intersection, when asked for), every metric with its interval, every
 * disparity with a bootstrap interval, and a test of every group against the
 * reference group with multiplicity corrections across the whole run.
 */

export const DEFAULT_BOOTSTRAP_RESAMPLES = 1000;
export const DEFAULT_SIGNIFICANCE_LEVEL = 0.05;

/**
 * Metrics tested for a difference between a group and the reference group.
 * Complements (TNR = 1 − FPR, FNR = 1 − TPR, FDR = 1 − PPV, FOR = 1 − NPV)
 * would repeat the same test and inflate the correction; they take the
 * p-value of their partner.
 */
export const TESTED_METRICS = ["base_rate", "selection_rate", "accuracy", "tpr", "fpr", "ppv", "npv"] as const;
export type TestedMetric = (typeof TESTED_METRICS)[number];
const COMPLEMENT_OF: Partial<Record<DisparityMetric, TestedMetric>> = { tnr: "fpr", fnr: "tpr", fdr: "ppv", for: "npv" };

export type AnalysisOptions = {
  /** Per attribute; when absent, the largest group (fairlearn's default). */
  referenceGroups?: Record<string, string>;
  resamples?: number;
  seed?: number;
  /** Confidence level of every interval. */
  confidence?: number;
  /** Significance level for the flags after correction. */
  alpha?: number;
  minGroupSize?: number;
};

export type SmallSampleWarning = { group: string; reasons: string[] };

export type Comparison = {
  attribute: string;
  metric: DisparityMetric;
  group: string;
  referenceGroup: string;
  test: "z" | "fisher";
  statistic: number | null;
  pValue: number;
  holm: number;
  bh: number;
  significantHolm: boolean;
  significantBh: boolean;
};

export type BootstrapIntervals = {
  /** group → metric → percentile interval (null when the metric was undefined in too many resamples). */
  groups: Record<string, Partial<Record<DisparityMetric, Interval | null>>>;
  /** metric → group → interval of the difference and ratio against the reference group. */
  vsReference: Partial<Record<DisparityMetric, Record<string, { difference: Interval | null; ratio: Interval | null }>>>;
  /** metric → interval of the max − min difference and the min / max ratio across groups. */
  betweenGroups: Partial<Record<DisparityMetric, { difference: Interval | null; ratio: Interval | null }>>;
};

export type AttributeAnalysis = {
  attribute: string;
  summary: DisparitySummary;
  bootstrap: BootstrapIntervals;
  comparisons: Comparison[];
  warnings: SmallSampleWarning[];
};

export type FairnessAnalysis = {
  resamples: number;
  seed: number;
  confidence: number;
  alpha: number;
  /** How many group-vs-reference tests the corrections were applied across. */
  comparisonCount: number;
  attributes: AttributeAnalysis[];
  /** Every interval this analysis reports; for benchmarks and summaries. */
  intervalCount: number;
};

const rows = (c: ConfusionCounts) => c.tp + c.fp + c.tn + c.fn;

/** The two counts behind each tested proportion; the comparison of runs uses the same definitions. */
export const TESTED_PROPORTION: Record<TestedMetric, (c: ConfusionCounts) => Proportion> = {
  base_rate: (c) => ({ successes: c.tp + c.fn, trials: rows(c) }),
  selection_rate: (c) => ({ successes: c.tp + c.fp, trials: rows(c) }),
  accuracy: (c) => ({ successes: c.tp + c.tn, trials: rows(c) }),
  tpr: (c) => ({ successes: c.tp, trials: c.tp + c.fn }),
  fpr: (c) => ({ successes: c.fp, trials: c.fp + c.tn }),
  ppv: (c) => ({ successes: c.tp, trials: c.tp + c.fp }),
  npv: (c) => ({ successes: c.tn, trials: c.tn + c.fn }),
};

/** Metric values only (no intervals): the bootstrap evaluates this a thousand times per run. */
function metricValues(c: ConfusionCounts): Record<DisparityMetric, number | null> {
  const n = rows(c);
  const div = (a: number, b: number) => (b === 0 ? null : a / b);
  const tpr = div(c.tp, c.tp + c.fn);
  const tnr = div(c.tn, c.fp + c.tn);
  return {
    base_rate: div(c.tp + c.fn, n),
    selection_rate: div(c.tp + c.fp, n),
    accuracy: div(c.tp + c.tn, n),
    balanced_accuracy: tpr === null || tnr === null ? null : (tpr + tnr) / 2,
    tpr,
    fpr: div(c.fp, c.fp + c.tn),
    tnr,
    fnr: div(c.fn, c.tp + c.fn),
    ppv: div(c.tp, c.tp + c.fp),
    npv: div(c.tn, c.tn + c.fn),
    fdr: div(c.fp, c.tp + c.fp),
    for: div(c.fn, c.tn + c.fn),
    f1: div(2 * c.tp, 2 * c.tp + c.fp + c.fn),
  };
}

function smallSampleWarnings(groups: readonly GroupCounts[], minGroupSize: number): SmallSampleWarning[] {
  const out: SmallSampleWarning[] = [];
  for (const g of groups) {
    const reasons: string[] = [];
    if (rows(g) < minGroupSize) reasons.push(`${rows(g)} rows (minimum ${minGroupSize})`);
    if (g.tp + g.fn < MIN_CLASS_COUNT) reasons.push(`${g.tp + g.fn} actual positives (minimum ${MIN_CLASS_COUNT})`);
    if (g.fp + g.tn < MIN_CLASS_COUNT) reasons.push(`${g.fp + g.tn} actual negatives (minimum ${MIN_CLASS_COUNT})`);
    if (reasons.length > 0) out.push({ group: g.group, reasons });
  }
  return out;
}

/** Keys of the bootstrap's named numbers; `|` cannot appear in a metric name. */
const key = {
  group: (group: string, metric: DisparityMetric) => `g|${metric}|${group}`,
  diff: (group: string, metric: DisparityMetric) => `d|${metric}|${group}`,
  ratio: (group: string, metric: DisparityMetric) => `r|${metric}|${group}`,
  spread: (metric: DisparityMetric) => `s|${metric}`,
  minMax: (metric: DisparityMetric) => `m|${metric}`,
};

function bootstrapAttribute(
  groups: readonly GroupCounts[],
  referenceGroup: string | null,
  options: { resamples: number; seed: number; confidence: number },
): BootstrapIntervals {
  const names = groups.map((g) => g.group);
  const referenceIndex = referenceGroup === null ? -1 : names.indexOf(referenceGroup);
  const statistic = (counts: readonly ConfusionCounts[]) => {
    const out: Record<string, number | null> = {};
    const values = counts.map(metricValues);
    for (const metric of DISPARITY_METRICS) {
      const ref = referenceIndex >= 0 ? values[referenceIndex]![metric] : null;
      let min = Infinity;
      let max = -Infinity;
      values.forEach((v, i) => {
        const value = v[metric];
        out[key.group(names[i]!, metric)] = value;
        if (value !== null) {
          min = Math.min(min, value);
          max = Math.max(max, value);
        }
        if (i !== referenceIndex) {
          out[key.diff(names[i]!, metric)] = value === null || ref === null ? null : value - ref;
          out[key.ratio(names[i]!, metric)] = value === null || ref === null || ref === 0 ? null : value / ref;
        }
      });
      out[key.spread(metric)] = max >= min ? max - min : null;
      out[key.minMax(metric)] = max > 0 && max >= min ? min / max : null;
    }
    return out;
  };
  const { intervals } = bootstrapGroupCounts(groups, { resamples: options.resamples, seed: options.seed, confidence: options.confidence }, statistic);
  const at = (k: string): Interval | null => intervals[k] ?? null;

  const result: BootstrapIntervals = { groups: {}, vsReference: {}, betweenGroups: {} };
  for (const name of names) result.groups[name] = {};
  for (const metric of DISPARITY_METRICS) {
    const vs: Record<string, { difference: Interval | null; ratio: Interval | null }> = {};
    for (const name of names) {
      result.groups[name]![metric] = at(key.group(name, metric));
      if (name !== referenceGroup) vs[name] = { difference: at(key.diff(name, metric)), ratio: at(key.ratio(name, metric)) };
    }
    result.vsReference[metric] = vs;
    result.betweenGroups[metric] = { difference: at(key.spread(metric)), ratio: at(key.minMax(metric)) };
  }
  return result;
}

type RawComparison = Omit<Comparison, "holm" | "bh" | "significantHolm" | "significantBh">;

function compareWithReference(attribute: string, groups: readonly GroupCounts[], referenceGroup: string | null): RawComparison[] {
  const reference = groups.find((g) => g.group === referenceGroup);
  if (!reference || referenceGroup === null) return [];
  const out: RawComparison[] = [];
  for (const g of groups) {
    if (g.group === referenceGroup) continue;
    for (const metric of TESTED_METRICS) {
      const a = TESTED_PROPORTION[metric](g);
      const b = TESTED_PROPORTION[metric](reference);
      // A rate undefined for either group has nothing to test.
      if (a.trials === 0 || b.trials === 0) continue;
      const result = compareProportions(a, b);
      out.push({ attribute, metric, group: g.group, referenceGroup, test: result.test, statistic: result.statistic ?? null, pValue: result.pValue });
    }
  }
  return out;
}

/**
 * Analyses every attribute of a run. The corrections run across all
 * comparisons of all attributes together, since that is the family of tests
 * a reviewer reads at once; complements are flagged with their partner.
 */
export function analyseFairness(
  attributes: ReadonlyArray<{ attribute: string; groups: readonly GroupCounts[] }>,
  options: AnalysisOptions = {},
): FairnessAnalysis {
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const seed = options.seed ?? 1;
  const confidence = options.confidence ?? 0.95;
  const alpha = options.alpha ?? DEFAULT_SIGNIFICANCE_LEVEL;
  const minGroupSize = options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;

  const partial = attributes.map(({ attribute, groups }) => {
    const requested = options.referenceGroups?.[attribute];
    const summary = disparitySummary(groups, requested === undefined ? {} : { referenceGroup: requested });
    const ordered = summary.groups.map((g) => ({ group: g.group, ...g.counts }));
    return {
      attribute,
      summary,
      bootstrap: bootstrapAttribute(ordered, summary.referenceGroup, { resamples, seed, confidence }),
      raw: compareWithReference(attribute, ordered, summary.referenceGroup),
      warnings: smallSampleWarnings(ordered, minGroupSize),
    };
  });

  const all = partial.flatMap((p) => p.raw);
  const pValues = all.map((c) => c.pValue);
  const holm = holmAdjust(pValues);
  const bh = benjaminiHochbergAdjust(pValues);
  const holmFlags = flagSignificant(holm, alpha);
  const bhFlags = flagSignificant(bh, alpha);
  const adjusted = new Map<RawComparison, Comparison>();
  all.forEach((c, i) => adjusted.set(c, { ...c, holm: holm[i]!, bh: bh[i]!, significantHolm: holmFlags[i]!, significantBh: bhFlags[i]! }));

  const analysed: AttributeAnalysis[] = partial.map((p) => {
    const tested = p.raw.map((c) => adjusted.get(c)!);
    const complements = tested.flatMap((c) =>
      Object.entries(COMPLEMENT_OF)
        .filter(([, partner]) => partner === c.metric)
        .map(([metric]) => ({ ...c, metric: metric as DisparityMetric })),
    );
    return { attribute: p.attribute, summary: p.summary, bootstrap: p.bootstrap, comparisons: [...tested, ...complements], warnings: p.warnings };
  });

  const intervalCount = analysed.reduce((n, a) => {
    const groupIntervals = Object.values(a.bootstrap.groups).reduce((m, g) => m + Object.keys(g).length, 0);
    const vsIntervals = Object.values(a.bootstrap.vsReference).reduce((m, byGroup) => m + 2 * Object.keys(byGroup ?? {}).length, 0);
    return n + groupIntervals + vsIntervals + 2 * Object.keys(a.bootstrap.betweenGroups).length;
  }, 0);

  return { resamples, seed, confidence, alpha, comparisonCount: all.length, attributes: analysed, intervalCount };
}
