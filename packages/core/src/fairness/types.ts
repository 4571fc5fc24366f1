import { z } from "zod";
import type { RiskTier } from "../review/types";

/** Rates computed per group from the confusion counts. */
export const RATE_METRICS = [
  "selection_rate",
  "base_rate",
  "accuracy",
  "tpr",
  "fpr",
  "tnr",
  "fnr",
  "ppv",
  "npv",
] as const;
export const rateMetricSchema = z.enum(RATE_METRICS);
export type RateMetric = z.infer<typeof rateMetricSchema>;

export const RATE_METRIC_LABELS: Record<RateMetric, string> = {
  selection_rate: "Selection rate",
  base_rate: "Base rate",
  accuracy: "Accuracy",
  tpr: "True-positive rate",
  fpr: "False-positive rate",
  tnr: "True-negative rate",
  fnr: "False-negative rate",
  ppv: "Precision (PPV)",
  npv: "Negative predictive value",
};

export const acceptanceBandSchema = z
  .object({
    type: z.enum(["ratio", "difference"]),
    min: z.number().finite(),
    max: z.number().finite(),
  })
  .refine((b) => b.min <= b.max, { message: "The band's lower bound must not exceed its upper bound." });
export type AcceptanceBand = z.infer<typeof acceptanceBandSchema>;

export const DEFAULT_RATIO_BAND: AcceptanceBand = { type: "ratio", min: 0.8, max: 1.25 };

/** Optional per-tier overrides of a check's band; a tier without one uses the check's own band. */
export const bandsByTierSchema = z
  .object({
    low: acceptanceBandSchema.optional(),
    medium: acceptanceBandSchema.optional(),
    high: acceptanceBandSchema.optional(),
    critical: acceptanceBandSchema.optional(),
  })
  // strict: a misspelt tier would otherwise be dropped silently and the check judged by the default band.
  .strict();
export type BandsByTier = Partial<Record<RiskTier, AcceptanceBand>>;

/**
 * One check of an evaluation plan, e.g. "FPR ratio across race within [0.8, 1.25]".
 * `id` is stable across plan versions so risks and results can refer to it.
 */
export const fairnessCheckSchema = z.object({
  id: z.string().trim().min(1).max(80).regex(/^[a-z0-9][a-z0-9_-]*$/, "Use lower-case letters, digits, - and _."),
  kind: z.literal("fairness"),
  metric: rateMetricSchema,
  attribute: z.string().trim().min(1),
  band: acceptanceBandSchema,
  /** Compare every group with this one; defaults to the largest group. */
  referenceGroup: z.string().trim().min(1).optional(),
  /** Stricter (or looser) bands for systems of a given risk tier; see bandForTier. */
  bandsByTier: bandsByTierSchema.optional(),
});
export type FairnessCheck = z.infer<typeof fairnessCheckSchema>;

/** Confusion counts of one group; everything count-based derives from these. */
export type ConfusionCounts = { tp: number; fp: number; tn: number; fn: number };

export type GroupCounts = ConfusionCounts & { group: string };

export type Interval = { lower: number; upper: number };

/** A rate with its Wilson 95% interval; null when its denominator is zero. */
export type RateEstimate = {
  value: number | null;
  numerator: number;
  denominator: number;
  ci: Interval | null;
};

export type GroupResult = {
  group: string;
  /** true for the group of rows whose attribute value was empty or missing. */
  isMissing: boolean;
  n: number;
  share: number;
  counts: ConfusionCounts;
  metrics: Record<RateMetric, RateEstimate>;
  /** Set when the group is too small to support conclusions. */
  smallSampleWarning: string | null;
};

export type AttributeResult = {
  attribute: string;
  referenceGroup: string;
  missingCount: number;
  missingRate: number;
  groups: GroupResult[];
};

export type GroupComparison = {
  group: string;
  value: number | null;
  referenceValue: number | null;
  ratio: number | null;
  difference: number | null;
  withinBand: boolean | null;
};

export type CheckOutcome = {
  checkId: string;
  metric: RateMetric;
  attribute: string;
  /** The band the check was judged by: the risk tier's own band when the plan sets one, else the check's band. */
  band: AcceptanceBand;
  /**
   * Where `band` came from. Only present when the check defines tier bands, so
   * outcomes (and evidence hashes) of checks without them stay as they were;
   * absent means "default", as in outcomes stored before tier bands existed.
   */
  bandSource?: "tier" | "default";
  referenceGroup: string;
  passed: boolean;
  /** The group furthest outside (or closest to the edge of) the band. */
  worst: GroupComparison | null;
  comparisons: GroupComparison[];
  summary: string;
};

export type FairnessResult = {
  rowCount: number;
  positiveValue: string;
  attributes: AttributeResult[];
  checks: CheckOutcome[];
};

/** The missing/unknown group's label. */
export const MISSING_GROUP = "(missing)";
