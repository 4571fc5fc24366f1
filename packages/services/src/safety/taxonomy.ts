import { DEFAULT_TAXONOMY, taxonomySchema, type Taxonomy } from "@assay/core";
import { prisma, type Prisma, type Tx } from "@assay/db";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict } from "../errors";
import { refFor, userRefs, type UserRef } from "../registry/systems";
import { updateTaxonomySchema } from "./schemas";

export type TaxonomyView = {
  taxonomy: Taxonomy;
  /** False while the organisation still uses the built-in version 1. */
  customised: boolean;
  history: Array<{ version: number; note: string; createdAt: Date; createdBy: UserRef }>;
};

/** The organisation's current taxonomy: its newest version, or the built-in one. */
export async function currentTaxonomy(db: Tx, orgId: string): Promise<Taxonomy> {
  const row = await db.safetyTaxonomyVersion.findFirst({ where: { orgId }, orderBy: { version: "desc" } });
  if (!row) return DEFAULT_TAXONOMY;
  return taxonomySchema.parse({ version: row.version, categories: row.categories, mappings: row.mappings });
}

export async function getTaxonomy(ctx: ServiceContext): Promise<TaxonomyView> {
  assertCan(ctx, "org.read");
  const rows = await prisma.safetyTaxonomyVersion.findMany({ where: { orgId: ctx.orgId }, orderBy: { version: "desc" } });
  const refs = await userRefs(rows.map((r) => r.createdById));
  return {
    taxonomy: await currentTaxonomy(prisma, ctx.orgId),
    customised: rows.length > 0,
    history: rows.map((r) => ({ version: r.version, note: r.note, createdAt: r.createdAt, createdBy: refFor(refs, r.createdById) })),
  };
}

/**
 * Appends a taxonomy version (admins only). Existing items keep the category
 * they were imported with; the new mappings apply to suites installed or
 * imported afterwards.
 */
export async function updateTaxonomy(ctx: ServiceContext, raw: unknown): Promise<TaxonomyView> {
  assertCan(ctx, "taxonomy.manage");
  const input = updateTaxonomySchema.parse(raw);
  await mutate(ctx, async (tx, record) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"taxonomy:" + ctx.orgId}, 0))`;
    const before = await currentTaxonomy(tx, ctx.orgId);
    if (input.taxonomy.version !== before.version) {
      throw conflict(`The taxonomy is at version ${before.version}; you edited version ${input.taxonomy.version}. Reload and apply your change again.`);
    }
    const version = before.version + 1;
    await tx.safetyTaxonomyVersion.create({
      data: {
        orgId: ctx.orgId,
        version,
        categories: input.taxonomy.categories as Prisma.InputJsonValue,
        mappings: input.taxonomy.mappings as Prisma.InputJsonValue,
        note: input.note,
        createdById: ctx.userId,
      },
    });
    await record({
      action: "safety.taxonomy.updated",
      entityType: "SafetyTaxonomy",
      entityId: ctx.orgId,
      before: { version: before.version, categories: before.categories.map((c) => c.key), mappings: before.mappings.length },
      after: { version, categories: input.taxonomy.categories.map((c) => c.key), mappings: input.taxonomy.mappings.length, note: input.note },
    });
  });
  return getTaxonomy(ctx);
}
