import { z } from "zod";
import { roleSchema, type Role } from "../auth/roles";
import type { RiskTier } from "../review/types";

export const RISK_TIERS = ["low", "medium", "high", "critical"] as const satisfies readonly RiskTier[];
export const riskTierSchema = z.enum(RISK_TIERS);

/** What a plan and a release must include, per tier: evaluation kinds, and a drift monitor in production. */
export const REQUIRED_EVALUATIONS = ["fairness", "safety", "drift_monitor"] as const;
export const requiredEvaluationSchema = z.enum(REQUIRED_EVALUATIONS);
export type RequiredEvaluation = z.infer<typeof requiredEvaluationSchema>;

export const REQUIRED_EVALUATION_LABELS: Record<RequiredEvaluation, string> = {
  fairness: "Fairness evaluation",
  safety: "GenAI safety evaluation",
  drift_monitor: "Production drift monitor",
};

export const tierPolicySchema = z.object({
  tier: riskTierSchema,
  requiredEvaluations: z.array(requiredEvaluationSchema).refine((xs) => new Set(xs).size === xs.length, "List each evaluation once."),
  requiredSignoffRoles: z
    .array(roleSchema.exclude(["auditor", "admin"]))
    .min(1, "At least one role must sign.")
    .refine((xs) => new Set(xs).size === xs.length, "List each role once."),
  /** Separation of duties: whoever ran an evaluation may not be the approver who accepts its residual risk. */
  approverNotEvaluator: z.boolean(),
  reviewSlaBusinessDays: z.number().int().min(1, "Allow at least one business day.").max(60),
  /** Exceptions waiving a gate expire within this many days. */
  maxExceptionDays: z.number().int().min(1).max(365),
});
export type TierPolicy = z.infer<typeof tierPolicySchema>;

/** Sensible defaults: stricter tiers need more evidence, more signatures, shorter exceptions. */
export const DEFAULT_TIER_POLICIES: Record<RiskTier, TierPolicy> = {
  low: { tier: "low", requiredEvaluations: [], requiredSignoffRoles: ["scientist"], approverNotEvaluator: false, reviewSlaBusinessDays: 10, maxExceptionDays: 365 },
  medium: { tier: "medium", requiredEvaluations: ["fairness"], requiredSignoffRoles: ["scientist", "product_owner"], approverNotEvaluator: false, reviewSlaBusinessDays: 7, maxExceptionDays: 180 },
  high: {
    tier: "high",
    requiredEvaluations: ["fairness", "safety"],
    requiredSignoffRoles: ["scientist", "product_owner", "approver"],
    approverNotEvaluator: true,
    reviewSlaBusinessDays: 5,
    maxExceptionDays: 120,
  },
  critical: {
    tier: "critical",
    requiredEvaluations: ["fairness", "safety", "drift_monitor"],
    requiredSignoffRoles: ["scientist", "product_owner", "approver"],
    approverNotEvaluator: true,
    reviewSlaBusinessDays: 3,
    maxExceptionDays: 90,
  },
};

export const signoffRolesOf = (policy: TierPolicy): Role[] => [...policy.requiredSignoffRoles];

/**
 * Adds business days (Monday to Friday, UTC). Public holidays differ by
 * organisation and are not modelled; the SLA is a planning aid, not a clock
 * anyone is penalised by to the hour.
 */
export function addBusinessDays(start: Date, days: number): Date {
  const out = new Date(start.getTime());
  let left = days;
  while (left > 0) {
    out.setUTCDate(out.getUTCDate() + 1);
    const day = out.getUTCDay();
    if (day !== 0 && day !== 6) left -= 1;
  }
  return out;
}
