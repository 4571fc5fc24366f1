import { DEFAULT_TIER_POLICIES, RISK_TIERS, tierPolicySchema, type RiskTier, type TierPolicy } from "@assay/core";
import { prisma, type Tx } from "@assay/db";
import { z } from "zod";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";

export type TierPolicyView = TierPolicy & { customised: boolean; updatedAt: Date | null };

function fromRow(row: { tier: RiskTier; requiredEvaluations: string[]; requiredSignoffRoles: string[]; approverNotEvaluator: boolean; reviewSlaBusinessDays: number; maxExceptionDays: number }): TierPolicy {
  return tierPolicySchema.parse(row);
}

/** The organisation's policy for one tier: its own if an admin set one, else the default. */
export async function tierPolicyFor(db: Tx, orgId: string, tier: RiskTier): Promise<TierPolicy> {
  const row = await db.tierPolicy.findUnique({ where: { orgId_tier: { orgId, tier } } });
  return row ? fromRow(row) : DEFAULT_TIER_POLICIES[tier];
}

export async function listTierPolicies(ctx: ServiceContext): Promise<TierPolicyView[]> {
  assertCan(ctx, "org.read");
  const rows = await prisma.tierPolicy.findMany({ where: { orgId: ctx.orgId } });
  return RISK_TIERS.map((tier) => {
    const row = rows.find((r) => r.tier === tier);
    return row ? { ...fromRow(row), customised: true, updatedAt: row.updatedAt } : { ...DEFAULT_TIER_POLICIES[tier], customised: false, updatedAt: null };
  });
}

const updateSchema = z.object({ policies: z.array(tierPolicySchema).min(1).max(4) });

/** Admins set what each tier requires; every change is audited with before and after. */
export async function updateTierPolicies(ctx: ServiceContext, raw: unknown): Promise<TierPolicyView[]> {
  assertCan(ctx, "org.manage");
  const { policies } = updateSchema.parse(raw);
  await mutate(ctx, async (tx, record) => {
    for (const policy of policies) {
      const before = await tierPolicyFor(tx, ctx.orgId, policy.tier);
      await tx.tierPolicy.upsert({
        where: { orgId_tier: { orgId: ctx.orgId, tier: policy.tier } },
        create: { ...policy, orgId: ctx.orgId, updatedById: ctx.userId },
        update: { ...policy, updatedById: ctx.userId },
      });
      await record({ action: "tier_policy.updated", entityType: "TierPolicy", entityId: `${ctx.orgId}:${policy.tier}`, before, after: policy });
    }
  });
  return listTierPolicies(ctx);
}
