import { z } from "zod";
import type { RateEstimate } from "../fairness/types";
import { SAFETY_METRIC_DEFINITIONS, safetyMetricSchema, type SafetyCounts, type SafetyMetric, type SafetyRunSummary } from "./metrics";

/** The fairness check id's pattern, so ids of both kinds look alike in one plan. */
const CHECK_ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
/** Suite keys are slugs ("jailbreakbench", "support-bot-regressions"). */
const SUITE_KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

export const SAFETY_CHECK_BASES = ["point", "upper_ci"] as const;
export type SafetyCheckBasis = (typeof SAFETY_CHECK_BASES)[number];

/**
 * A ceiling on a safety metric of one suite, e.g. "attack success ≤ 2% on
 * jailbreakbench" or "over-refusal ≤ 10% on xstest". Rates are fractions in
 * [0, 1]; violations per 1,000 are per-1,000 figures in [0, 1000].
 * `basis: "upper_ci"` gates on the Wilson 95% upper bound instead of the
 * point estimate: the conservative choice, which a small suite can only pass
 * by a wide margin.
 */
export const safetyCheckSchema = z
  .object({
    id: z.string().trim().min(1).max(80).regex(CHECK_ID_PATTERN, "Use lower-case letters, digits, - and _."),
    kind: z.literal("safety"),
    metric: safetyMetricSchema,
    suite: z.string().trim().min(1).max(80).regex(SUITE_KEY_PATTERN, "Use the suite's key: lower-case letters, digits, - and _."),
    /** A category of the organisation's taxonomy; absent means the whole suite. */
    category: z.string().trim().min(1).max(80).optional(),
    max: z.number().finite(),
    basis: z.enum(SAFETY_CHECK_BASES).default("point"),
  })
  .superRefine((check, ctx) => {
    const problem = maxProblem(check.metric, check.max, check.basis);
    if (problem) ctx.addIssue({ code: "custom", path: ["max"], message: problem });
  });
export type SafetyCheck = z.infer<typeof safetyCheckSchema>;

function maxProblem(metric: SafetyMetric, max: number, basis: SafetyCheckBasis): string | null {
  const { label, scale } = SAFETY_METRIC_DEFINITIONS[metric];
  if (max < 0) return `The maximum must not be negative; got ${max}.`;
  if (scale === 1 && max > 1) return `${label} is a fraction in [0, 1] (0.02 means 2%); got ${max}.`;
  if (max > scale) return `${label} must lie in [0, ${scale}]; got ${max}.`;
  // The Wilson upper bound is above 0 for any number of items, so such a check could never pass.
  if (basis === "upper_ci" && max === 0) return "A maximum of 0 can only be met by the point estimate: the upper 95% bound is never 0.";
  return null;
}

/** Inclusive maxima are compared with this slack (in rate units) so float rounding cannot fail a value exactly at the limit. */
const LIMIT_TOLERANCE = 1e-12;

/** x with as few decimals (up to `most`) as show it exactly, like a fairness band bound. */
function exactly(x: number, fewest: number, most: number): string {
  for (let d = fewest; d <= most; d++) if (Math.abs(Number(x.toFixed(d)) - x) < 1e-9) return x.toFixed(d);
  return String(Number(x.toPrecision(6)));
}

/** A check's maximum: "2%", "2.5%", or "5" for violations per 1,000 (the label says per what). */
export function formatSafetyLimit(metric: SafetyMetric, max: number): string {
  const { scale } = SAFETY_METRIC_DEFINITIONS[metric];
  return scale === 1 ? `${exactly(max * 100, 0, 6)}%` : exactly(max, 0, 6);
}

/**
 * A measured rate with one decimal (in percent, or per 1,000), or more where
 * one would round it onto the limit it is not on (2.04% next to 2%) or to
 * zero, as fairness summaries do for compared values.
 */
export function formatSafetyValue(metric: SafetyMetric, x: number, max?: number): string {
  const { scale } = SAFETY_METRIC_DEFINITIONS[metric];
  const shown = scale === 1 ? x * 100 : x;
  const limit = max === undefined ? undefined : scale === 1 ? max * 100 : max;
  const misleading = (digits: number) => {
    const s = shown.toFixed(digits);
    if (shown !== 0 && Number(s) === 0) return true;
    return limit !== undefined && Math.abs(limit - shown) > 1e-9 && Number(s) === Number(limit.toFixed(digits));
  };
  let d = 1;
  while (d < 6 && misleading(d)) d++;
  return scale === 1 ? `${shown.toFixed(d)}%` : shown.toFixed(d);
}

const scopeOf = (check: Pick<SafetyCheck, "suite" | "category">) => (check.category ? `${check.suite}, category ${check.category}` : check.suite);

/** e.g. "Attack success rate ≤ 2% on jailbreakbench (point estimate)". */
export function describeSafetyCheck(check: SafetyCheck): string {
  const basis = check.basis === "upper_ci" ? "upper 95% bound" : "point estimate";
  return `${SAFETY_METRIC_DEFINITIONS[check.metric].label} ≤ ${formatSafetyLimit(check.metric, check.max)} on ${scopeOf(check)} (${basis})`;
}

export type SafetyCheckDetails = {
  checkId: string;
  metric: SafetyMetric;
  suite: string;
  /** null when the check is on the whole suite. */
  category: string | null;
  basis: SafetyCheckBasis;
  max: number;
  /** The estimate the check read; null when its category does not occur in the run. */
  estimate: RateEstimate | null;
  /** The figure judged against max: the point estimate or the Wilson upper bound; null when undefined. */
  compared: number | null;
  /** Items of the check's scope; null when its category does not occur in the run. */
  counts: SafetyCounts | null;
};

export type SafetyCheckOutcome = {
  passed: boolean;
  /** The point estimate (per 1,000 for violations); null when undefined. */
  value: number | null;
  summary: string;
  details: SafetyCheckDetails;
};

function itemsNote(counts: SafetyCounts): string {
  const parts = [`${counts.items} item${counts.items === 1 ? "" : "s"}`];
  if (counts.errored > 0) parts.push(`${counts.errored} errored`);
  if (counts.ungraded > 0) parts.push(`${counts.ungraded} ungraded`);
  return parts.join(", ");
}

/**
 * Judges one safety check against the summary of a run on the check's suite;
 * the caller picks that run. A check whose metric is undefined (nothing in
 * its denominator) or whose category is not in the run fails, because a gate
 * that could not be measured has not been met.
 */
export function evaluateSafetyCheck(check: SafetyCheck, summary: SafetyRunSummary): SafetyCheckOutcome {
  const { label, scale, undefinedWhen } = SAFETY_METRIC_DEFINITIONS[check.metric];
  const scope = scopeOf(check);
  const category = check.category ?? null;
  const inScope = category === null ? { metrics: summary.overall, counts: summary.counts } : summary.byCategory.find((c) => c.category === category);
  const base = { checkId: check.id, metric: check.metric, suite: check.suite, category, basis: check.basis, max: check.max };

  if (!inScope) {
    return {
      passed: false,
      value: null,
      summary: `Category "${category}" does not occur in this run of ${check.suite}, so the check could not be evaluated.`,
      details: { ...base, estimate: null, compared: null, counts: null },
    };
  }
  const estimate = inScope.metrics[check.metric];
  const details = { ...base, estimate, counts: inScope.counts };
  if (estimate.value === null || estimate.ci === null) {
    return {
      passed: false,
      value: null,
      summary: `${label} is undefined on ${scope} (${undefinedWhen}; ${itemsNote(inScope.counts)}), so the check could not be evaluated.`,
      details: { ...details, compared: null },
    };
  }

  const compared = check.basis === "point" ? estimate.value : estimate.ci.upper;
  const passed = compared <= check.max + scale * LIMIT_TOLERANCE;
  const show = (x: number) => formatSafetyValue(check.metric, x, check.max);
  const verb = passed ? "≤" : "exceeds";
  const limit = formatSafetyLimit(check.metric, check.max);
  const fraction = `${estimate.numerator}/${estimate.denominator}`;
  const text =
    check.basis === "point"
      ? `${label} ${show(estimate.value)} (${fraction}) ${verb} ${limit} on ${scope}; 95% CI ${show(estimate.ci.lower)}–${show(estimate.ci.upper)}.`
      : `${label} upper 95% bound ${show(estimate.ci.upper)} ${verb} ${limit} on ${scope} (point estimate ${show(estimate.value)}, ${fraction}).`;
  return { passed, value: estimate.value, summary: text, details: { ...details, compared } };
}
