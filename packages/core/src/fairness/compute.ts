import type { RiskTier } from "../review/types";
import { wilsonInterval } from "../stats/wilson";
import {
  MISSING_GROUP,
  RATE_METRIC_LABELS,
  RATE_METRICS,
  type AcceptanceBand,
  type AttributeResult,
  type CheckOutcome,
  type ConfusionCounts,
  type FairnessCheck,
  type FairnessResult,
  type GroupComparison,
  type GroupCounts,
  type GroupResult,
  type RateEstimate,
  type RateMetric,
} from "./types";

/** Groups smaller than this get a small-sample warning unless the caller sets another minimum. */
export const DEFAULT_MIN_GROUP_SIZE = 30;
/** Fewer actual positives or negatives than this makes the class-conditional rates (TPR, FPR, ...) unstable. */
export const MIN_CLASS_COUNT = 5;

/**
 * Inclusive band bounds are compared with this slack so that float rounding
 * (0.32 / 0.4 = 0.7999999999999999) cannot fail a ratio that is exactly 0.8.
 * It is orders of magnitude above double rounding error and far below any
 * difference a reviewer could act on.
 */
const BAND_TOLERANCE = 1e-12;

type RateDefinition = {
  numerator: (c: ConfusionCounts) => number;
  denominator: (c: ConfusionCounts) => number;
  formula: string;
  /** Why the rate is undefined when its denominator is zero. */
  undefinedWhen: string;
};

const total = (c: ConfusionCounts) => c.tp + c.fp + c.tn + c.fn;
const actualPositives = (c: ConfusionCounts) => c.tp + c.fn;
const actualNegatives = (c: ConfusionCounts) => c.fp + c.tn;
const predictedPositives = (c: ConfusionCounts) => c.tp + c.fp;
const predictedNegatives = (c: ConfusionCounts) => c.tn + c.fn;

const RATE_DEFINITIONS: Record<RateMetric, RateDefinition> = {
  selection_rate: { numerator: predictedPositives, denominator: total, formula: "(TP + FP) / n", undefinedWhen: "no rows" },
  base_rate: { numerator: actualPositives, denominator: total, formula: "(TP + FN) / n", undefinedWhen: "no rows" },
  accuracy: { numerator: (c) => c.tp + c.tn, denominator: total, formula: "(TP + TN) / n", undefinedWhen: "no rows" },
  tpr: { numerator: (c) => c.tp, denominator: actualPositives, formula: "TP / (TP + FN)", undefinedWhen: "no actual positives" },
  fpr: { numerator: (c) => c.fp, denominator: actualNegatives, formula: "FP / (FP + TN)", undefinedWhen: "no actual negatives" },
  tnr: { numerator: (c) => c.tn, denominator: actualNegatives, formula: "TN / (FP + TN)", undefinedWhen: "no actual negatives" },
  fnr: { numerator: (c) => c.fn, denominator: actualPositives, formula: "FN / (TP + FN)", undefinedWhen: "no actual positives" },
  ppv: { numerator: (c) => c.tp, denominator: predictedPositives, formula: "TP / (TP + FP)", undefinedWhen: "no predicted positives" },
  npv: { numerator: (c) => c.tn, denominator: predictedNegatives, formula: "TN / (TN + FN)", undefinedWhen: "no predicted negatives" },
};

/** Each rate's definition in confusion-count terms, for tables and reports. */
export const RATE_FORMULAS: Record<RateMetric, string> = Object.fromEntries(
  RATE_METRICS.map((m) => [m, RATE_DEFINITIONS[m].formula]),
) as Record<RateMetric, string>;

function assertCounts(c: ConfusionCounts, where: string): void {
  for (const key of ["tp", "fp", "tn", "fn"] as const) {
    const v = c[key];
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${where}: ${key} must be a non-negative integer, got ${v}`);
  }
}

/** Every rate of one group with its Wilson 95% interval; value and interval are null when the denominator is 0. */
export function rateEstimates(counts: ConfusionCounts): Record<RateMetric, RateEstimate> {
  assertCounts(counts, "rateEstimates");
  const out = {} as Record<RateMetric, RateEstimate>;
  for (const metric of RATE_METRICS) {
    const def = RATE_DEFINITIONS[metric];
    const numerator = def.numerator(counts);
    const denominator = def.denominator(counts);
    out[metric] = {
      value: denominator === 0 ? null : numerator / denominator,
      numerator,
      denominator,
      ci: wilsonInterval(numerator, denominator),
    };
  }
  return out;
}

// Code-unit order, not localeCompare: results feed evidence hashes and must not depend on the host's locale.
const byLabel = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function smallSampleWarning(counts: ConfusionCounts, n: number, minGroupSize: number): string | null {
  const reasons: string[] = [];
  if (n < minGroupSize) reasons.push(`${plural(n, "row")} (minimum ${minGroupSize})`);
  const positives = actualPositives(counts);
  const negatives = actualNegatives(counts);
  if (positives < MIN_CLASS_COUNT) reasons.push(`${plural(positives, "actual positive")} (minimum ${MIN_CLASS_COUNT})`);
  if (negatives < MIN_CLASS_COUNT) reasons.push(`${plural(negatives, "actual negative")} (minimum ${MIN_CLASS_COUNT})`);
  if (reasons.length === 0) return null;
  const list = reasons.length === 1 ? reasons[0] : `${reasons.slice(0, -1).join(", ")} and ${reasons.at(-1)}`;
  return `Small sample: ${list}. Its rates have wide intervals; do not draw conclusions from this group alone.`;
}

function groupResults(attribute: string, groups: GroupCounts[], rowCount: number, minGroupSize: number): GroupResult[] {
  // Duplicate labels (e.g. null and "" both mapped to the missing group) are one group.
  const merged = new Map<string, ConfusionCounts>();
  for (const g of groups) {
    assertCounts(g, `Group "${g.group}" of "${attribute}"`);
    const prev = merged.get(g.group) ?? { tp: 0, fp: 0, tn: 0, fn: 0 };
    merged.set(g.group, { tp: prev.tp + g.tp, fp: prev.fp + g.fp, tn: prev.tn + g.tn, fn: prev.fn + g.fn });
  }
  const results: GroupResult[] = [...merged].map(([group, counts]) => {
    const n = total(counts);
    return {
      group,
      isMissing: group === MISSING_GROUP,
      n,
      share: rowCount === 0 ? 0 : n / rowCount,
      counts,
      metrics: rateEstimates(counts),
      smallSampleWarning: smallSampleWarning(counts, n, minGroupSize),
    };
  });
  return results.sort((a, b) => b.n - a.n || byLabel(a.group, b.group));
}

/** The largest group with a known value (ties: alphabetical); the missing group only if it is all there is. */
function defaultReference(groups: GroupResult[]): string {
  const known = groups.filter((g) => !g.isMissing);
  return (known[0] ?? groups[0])?.group ?? "";
}

export type FairnessInput = {
  rowCount: number;
  positiveValue: string;
  /** Per sensitive attribute, the confusion counts of every value, missing values included as MISSING_GROUP. */
  attributes: Array<{ attribute: string; groups: GroupCounts[] }>;
  checks: FairnessCheck[];
  /** Groups with fewer rows get a small-sample warning. Default 30. */
  minGroupSize?: number;
  /** The AI system's risk tier; selects each check's tier band where the plan sets one. */
  riskTier?: RiskTier;
};

/**
 * Per-group rates and the plan's checks, from per-group confusion counts.
 * Every row must fall in exactly one group of each attribute (rows with a
 * missing value form the MISSING_GROUP group), so shares add up to 1 and no
 * row is dropped silently; inconsistent counts throw. Checks never throw: a
 * check that cannot be evaluated fails and says why.
 */
export function computeFairness(input: FairnessInput): FairnessResult {
  const minGroupSize = input.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  if (!Number.isSafeInteger(input.rowCount) || input.rowCount < 0) {
    throw new RangeError(`rowCount must be a non-negative integer, got ${input.rowCount}`);
  }
  if (!(minGroupSize >= 0)) throw new RangeError(`minGroupSize must be non-negative, got ${minGroupSize}`);

  const seen = new Set<string>();
  const attributes: AttributeResult[] = input.attributes.map(({ attribute, groups }) => {
    if (seen.has(attribute)) throw new Error(`Attribute "${attribute}" is listed twice.`);
    seen.add(attribute);
    const results = groupResults(attribute, groups, input.rowCount, minGroupSize);
    const covered = results.reduce((sum, g) => sum + g.n, 0);
    if (covered !== input.rowCount) {
      throw new Error(
        `The groups of "${attribute}" cover ${covered.toLocaleString("en-US")} rows but the data has ${input.rowCount.toLocaleString("en-US")}; ` +
          `every row must fall in exactly one group (missing values form the "${MISSING_GROUP}" group).`,
      );
    }
    const missingCount = results.find((g) => g.isMissing)?.n ?? 0;
    return {
      attribute,
      referenceGroup: defaultReference(results),
      missingCount,
      missingRate: input.rowCount === 0 ? 0 : missingCount / input.rowCount,
      groups: results,
    };
  });

  return {
    rowCount: input.rowCount,
    positiveValue: input.positiveValue,
    attributes,
    checks: input.checks.map((check) => evaluateCheck(check, attributes, input.riskTier)),
  };
}

/** The band a check applies to a system of `tier`: the tier's own band when the plan sets one, else the check's band. */
export function bandForTier(check: FairnessCheck, tier: RiskTier | undefined): AcceptanceBand {
  return (tier === undefined ? undefined : check.bandsByTier?.[tier]) ?? check.band;
}

/** Evaluates one plan check against computed attribute results. Exported for re-evaluating stored results. */
export function evaluateCheck(planCheck: FairnessCheck, attributes: readonly AttributeResult[], riskTier?: RiskTier): CheckOutcome {
  // Everything below judges by `check.band`, so a tier band replaces the check's band wholesale (type included).
  const applied = bandForTier(planCheck, riskTier);
  const fromTier = riskTier !== undefined && planCheck.bandsByTier?.[riskTier] !== undefined;
  const bandSource: NonNullable<CheckOutcome["bandSource"]> = fromTier ? "tier" : "default";
  const check: FairnessCheck = { ...planCheck, band: applied };
  const label = RATE_METRIC_LABELS[check.metric];
  const head = `${label} ${check.band.type}`;
  const base = {
    checkId: check.id,
    metric: check.metric,
    attribute: check.attribute,
    band: check.band,
    // Only checks with tier bands say where the band came from, keeping other outcomes byte-identical to before.
    ...(check.bandsByTier === undefined ? {} : { bandSource }),
  };
  const failed = (referenceGroup: string, summary: string, comparisons: GroupComparison[] = []): CheckOutcome => ({
    ...base,
    referenceGroup,
    passed: false,
    worst: null,
    comparisons,
    summary,
  });

  const attr = attributes.find((a) => a.attribute === check.attribute);
  if (!attr) {
    return failed(
      check.referenceGroup ?? "",
      `Attribute "${check.attribute}" is not among the sensitive attributes of this run, so the check could not be evaluated.`,
    );
  }
  const referenceGroup = check.referenceGroup ?? attr.referenceGroup;
  const reference = attr.groups.find((g) => g.group === referenceGroup);
  if (!reference) {
    const reason = check.referenceGroup
      ? `Reference group "${referenceGroup}" does not occur in "${check.attribute}"`
      : `"${check.attribute}" has no groups`;
    return failed(referenceGroup, `${reason}, so the check could not be evaluated.`);
  }

  const refValue = reference.metrics[check.metric].value;
  const comparisons: GroupComparison[] = attr.groups
    .filter((g) => g !== reference)
    .map((g) => compare(g.group, g.metrics[check.metric].value, refValue, check.band));

  if (refValue === null) {
    const why = RATE_DEFINITIONS[check.metric].undefinedWhen;
    return failed(
      referenceGroup,
      `${label} is undefined for the reference group ${referenceGroup} (${why}), so the check could not be evaluated.`,
      comparisons,
    );
  }
  if (comparisons.length === 0) {
    return failed(referenceGroup, `${head} vs ${referenceGroup}: "${check.attribute}" has no other group to compare with.`);
  }

  const notComparable = attr.groups
    .filter((g) => g !== reference)
    .flatMap((g, i) => (comparisons[i]!.withinBand === null ? [`${g.group} (${notComparableReason(g, check, refValue)})`] : []));
  const comparable = comparisons.filter((c) => c.withinBand !== null);
  const bandText = `[${formatBound(check.band.min)}, ${formatBound(check.band.max)}]`;
  const skipped = notComparable.length > 0 ? `; not comparable: ${notComparable.join(", ")}` : "";

  if (comparable.length === 0) {
    return failed(referenceGroup, `${head} vs ${referenceGroup}: no group could be compared${skipped}.`, comparisons);
  }

  const worst = comparable.reduce((w, c) => (excess(c, check.band) > excess(w, check.band) ? c : w));
  const outside = comparable.filter((c) => c.withinBand === false);
  const passed = outside.length === 0;
  const worstValue = formatCompared(comparedValue(worst, check.band)!, check.band);
  // A disparity that rests on a handful of rows must say so wherever it is quoted.
  const worstSmall = attr.groups.find((g) => g.group === worst.group)?.smallSampleWarning ? " (small sample)" : "";
  const worstText = `${worst.group}${worstSmall} ${worstValue}`;
  const summary = passed
    ? `${head} vs ${referenceGroup}: ${comparable.length === 1 ? "the compared group is" : `all ${comparable.length} compared groups are`} within ${bandText}; closest to the edge ${worstText}${skipped}.`
    : `${head} vs ${referenceGroup}: worst ${worstText} outside ${bandText}` +
      (outside.length > 1 ? ` (${outside.length} of ${comparable.length} groups outside)` : "") +
      `${skipped}.`;

  return { ...base, referenceGroup, passed, worst, comparisons, summary };
}

function compare(group: string, value: number | null, referenceValue: number | null, band: AcceptanceBand): GroupComparison {
  const ratio = value === null || referenceValue === null || referenceValue === 0 ? null : value / referenceValue;
  const difference = value === null || referenceValue === null ? null : value - referenceValue;
  const x = band.type === "ratio" ? ratio : difference;
  const withinBand = x === null ? null : x >= band.min - BAND_TOLERANCE && x <= band.max + BAND_TOLERANCE;
  return { group, value, referenceValue, ratio, difference, withinBand };
}

function notComparableReason(g: GroupResult, check: FairnessCheck, refValue: number): string {
  if (g.metrics[check.metric].value === null) return RATE_DEFINITIONS[check.metric].undefinedWhen;
  return refValue === 0 ? "the reference rate is 0, so the ratio is undefined" : "undefined";
}

const comparedValue = (c: GroupComparison, band: AcceptanceBand) => (band.type === "ratio" ? c.ratio : c.difference);

/**
 * How far a comparison lies outside the band (positive) or inside it
 * (negative: minus the distance to the nearer edge). Ratios are measured on a
 * log scale, because a ratio band such as [0.8, 1.25] is symmetric in
 * log terms: 0.5 and 2.0 are equally far from parity.
 */
function excess(c: GroupComparison, band: AcceptanceBand): number {
  const x = comparedValue(c, band);
  if (x === null) return Number.NEGATIVE_INFINITY;
  if (band.type === "difference") return Math.max(band.min - x, x - band.max);
  const log = (v: number) => (v > 0 ? Math.log(v) : Number.NEGATIVE_INFINITY);
  const below = band.min > 0 ? log(band.min) - log(x) : Number.NEGATIVE_INFINITY;
  const above = x > 0 ? log(x) - log(band.max) : Number.NEGATIVE_INFINITY;
  return Math.max(below, above);
}

/** A band bound with two decimals, or as many more as it needs to be exact (0.025 stays 0.025). */
export function formatBound(x: number): string {
  for (let d = 2; d <= 6; d++) if (Number(x.toFixed(d)) === x) return x.toFixed(d);
  return String(x);
}

/**
 * A compared ratio or difference with two decimals, or more where two would
 * round it onto a band edge it is not on (1.2549 next to 1.25) or to zero.
 */
export function formatCompared(x: number, band: AcceptanceBand): string {
  let d = 2;
  const misleading = (digits: number) => {
    const s = x.toFixed(digits);
    if (x !== 0 && Number(s) === 0) return true;
    return [band.min, band.max].some((edge) => edge !== x && edge.toFixed(digits) === s);
  };
  while (d < 6 && misleading(d)) d++;
  const s = x.toFixed(d);
  return band.type === "difference" && x > 0 ? `+${s}` : s;
}

/** e.g. "ratio within [0.80, 1.25]". */
export function formatBand(band: AcceptanceBand): string {
  return `${band.type} within [${formatBound(band.min)}, ${formatBound(band.max)}]`;
}

/** e.g. "False-positive rate ratio across race within [0.80, 1.25]". */
export function describeCheck(check: FairnessCheck): string {
  const reference = check.referenceGroup ? ` (reference: ${check.referenceGroup})` : "";
  const { type, min, max } = check.band;
  return `${RATE_METRIC_LABELS[check.metric]} ${type} across ${check.attribute} within [${formatBound(min)}, ${formatBound(max)}]${reference}`;
}

export type Disparity = { difference: number | null; ratio: number | null };

/**
 * max − min and min / max of one rate across groups (fairlearn's
 * "between_groups" convention). Every group passed in counts, the missing and
 * small groups included; callers choose the groups. A group whose rate is
 * undefined (zero denominator) has no value to compare and is skipped, where
 * fairlearn would score it as 0. null when no group has a value; the ratio is
 * also null when every value is 0.
 */
export function rateSpread(groups: readonly GroupResult[], metric: RateMetric): Disparity {
  const values = groups.map((g) => g.metrics[metric].value).filter((v): v is number => v !== null);
  if (values.length === 0) return { difference: null, ratio: null };
  const max = Math.max(...values);
  const min = Math.min(...values);
  return { difference: max - min, ratio: max === 0 ? null : min / max };
}

/** Demographic parity: the spread of selection rates (fairlearn's demographic_parity_difference and _ratio). */
export function demographicParity(groups: readonly GroupResult[]): Disparity {
  return rateSpread(groups, "selection_rate");
}

/**
 * Equalized odds: the worse of the TPR and FPR spreads, i.e. the larger
 * difference and the smaller ratio (fairlearn's equalized_odds_difference and
 * _ratio). null when either spread is undefined, because half the criterion
 * cannot vouch for the whole.
 */
export function equalizedOdds(groups: readonly GroupResult[]): Disparity {
  const tpr = rateSpread(groups, "tpr");
  const fpr = rateSpread(groups, "fpr");
  return {
    difference: tpr.difference === null || fpr.difference === null ? null : Math.max(tpr.difference, fpr.difference),
    ratio: tpr.ratio === null || fpr.ratio === null ? null : Math.min(tpr.ratio, fpr.ratio),
  };
}
