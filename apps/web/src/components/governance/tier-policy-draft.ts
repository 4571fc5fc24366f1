import {
  DEFAULT_TIER_POLICIES,
  REQUIRED_EVALUATIONS,
  RISK_TIERS,
  tierPolicySchema,
  type RequiredEvaluation,
  type RiskTier,
  type TierPolicy,
} from "@assay/core";

/** Roles that can be required to sign: everyone but the admin and the auditor. */
export const SIGNOFF_ROLES = ["scientist", "product_owner", "approver"] as const;
export type SignoffRole = (typeof SIGNOFF_ROLES)[number];

/** One tier's policy as the editor holds it: numbers as typed, so a half-typed value is not lost. */
export type TierPolicyDraft = {
  tier: RiskTier;
  requiredEvaluations: RequiredEvaluation[];
  requiredSignoffRoles: SignoffRole[];
  approverNotEvaluator: boolean;
  reviewSlaBusinessDays: string;
  maxExceptionDays: string;
};

export type PolicyField = Exclude<keyof TierPolicyDraft, "tier">;
export type PolicyErrors = Partial<Record<RiskTier, Partial<Record<PolicyField, string>>>>;

export function toDraft(policy: TierPolicy): TierPolicyDraft {
  return {
    tier: policy.tier,
    requiredEvaluations: REQUIRED_EVALUATIONS.filter((e) => policy.requiredEvaluations.includes(e)),
    requiredSignoffRoles: SIGNOFF_ROLES.filter((r) => (policy.requiredSignoffRoles as string[]).includes(r)),
    approverNotEvaluator: policy.approverNotEvaluator,
    reviewSlaBusinessDays: String(policy.reviewSlaBusinessDays),
    maxExceptionDays: String(policy.maxExceptionDays),
  };
}

export function draftsFrom(policies: TierPolicy[]): Record<RiskTier, TierPolicyDraft> {
  return Object.fromEntries(RISK_TIERS.map((tier) => [tier, toDraft(policies.find((p) => p.tier === tier) ?? DEFAULT_TIER_POLICIES[tier])])) as Record<RiskTier, TierPolicyDraft>;
}

export function defaultDrafts(): Record<RiskTier, TierPolicyDraft> {
  return draftsFrom(RISK_TIERS.map((t) => DEFAULT_TIER_POLICIES[t]));
}

/** Adds or removes one item, keeping the canonical order of `all`. */
export function toggle<T extends string>(all: readonly T[], list: readonly T[], item: T, on: boolean): T[] {
  return all.filter((x) => (x === item ? on : list.includes(x)));
}

const number = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

function fromDraft(draft: TierPolicyDraft): { policy: TierPolicy } | { errors: Partial<Record<PolicyField, string>> } {
  const parsed = tierPolicySchema.safeParse({
    ...draft,
    reviewSlaBusinessDays: number(draft.reviewSlaBusinessDays),
    maxExceptionDays: number(draft.maxExceptionDays),
  });
  if (parsed.success) return { policy: parsed.data };
  const errors: Partial<Record<PolicyField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as PolicyField | undefined;
    if (!field || errors[field]) continue;
    errors[field] =
      field === "reviewSlaBusinessDays"
        ? "Enter a whole number of business days from 1 to 60."
        : field === "maxExceptionDays"
          ? "Enter a whole number of days from 1 to 365."
          : issue.message;
  }
  return { errors };
}

const samePolicy = (a: TierPolicy, b: TierPolicy) =>
  a.approverNotEvaluator === b.approverNotEvaluator &&
  a.reviewSlaBusinessDays === b.reviewSlaBusinessDays &&
  a.maxExceptionDays === b.maxExceptionDays &&
  [...a.requiredEvaluations].sort().join() === [...b.requiredEvaluations].sort().join() &&
  [...a.requiredSignoffRoles].sort().join() === [...b.requiredSignoffRoles].sort().join();

/**
 * The policies to send: only tiers that differ from what is saved, so the
 * audit trail records real changes. Invalid tiers come back as errors.
 */
export function changedPolicies(drafts: Record<RiskTier, TierPolicyDraft>, saved: TierPolicy[]): { policies: TierPolicy[] } | { errors: PolicyErrors } {
  const policies: TierPolicy[] = [];
  const errors: PolicyErrors = {};
  for (const tier of RISK_TIERS) {
    const result = fromDraft(drafts[tier]);
    if ("errors" in result) {
      errors[tier] = result.errors;
      continue;
    }
    const current = saved.find((p) => p.tier === tier) ?? DEFAULT_TIER_POLICIES[tier];
    if (!samePolicy(result.policy, current)) policies.push(result.policy);
  }
  return Object.keys(errors).length > 0 ? { errors } : { policies };
}

/** The API's issues (`policies.1.reviewSlaBusinessDays`) mapped back to the tier that was sent at that index. */
export function policyApiErrors(details: unknown, sent: TierPolicy[]): PolicyErrors {
  const errors: PolicyErrors = {};
  if (!Array.isArray(details)) return errors;
  for (const issue of details as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof issue.path !== "string" || typeof issue.message !== "string") continue;
    const [root, index, field] = issue.path.split(".");
    const tier = root === "policies" ? sent[Number(index)]?.tier : undefined;
    if (!tier || !field) continue;
    const forTier = (errors[tier] ??= {});
    if (!forTier[field as PolicyField]) forTier[field as PolicyField] = issue.message;
  }
  return errors;
}

/** Soft warnings: allowed, but probably not meant. */
export function policyWarnings(draft: TierPolicyDraft): string[] {
  const warnings: string[] = [];
  if (draft.approverNotEvaluator && !draft.requiredSignoffRoles.includes("approver")) {
    warnings.push("Separation of duties applies to the approver, but no approver signs at this tier.");
  }
  return warnings;
}
