import {
  buildSuiteItems,
  canonicalJson,
  FALLBACK_CATEGORY,
  hasCategory,
  mapCategory,
  parseSuiteJsonl,
  policyRulesSchema,
  sha256Hex,
  suiteColumnMappingSchema,
  SuiteImportError,
  type PolicyRule,
  type SuiteItem,
  type Taxonomy,
} from "@assay/core";
import { BUILTIN_SUITES, loadBuiltinSuite, type BuiltinSuiteKey } from "@assay/datasets/safety-suites";
import { prisma, type Prisma, type SafetySuite, type SafetySuiteVersion, type Tx } from "@assay/db";
import { parse as parseCsv } from "csv-parse/sync";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, invalid, notFound } from "../errors";
import { refFor, userRefs, type UserRef } from "../registry/systems";
import { importSuiteSchema, newSuiteVersionSchema } from "./schemas";
import { currentTaxonomy } from "./taxonomy";

export type SuiteVersionDto = {
  id: string;
  version: number;
  itemCount: number;
  contentSha256: string;
  sourceVersion: string;
  policyRules: PolicyRule[];
  note: string;
  createdAt: Date;
  createdBy: UserRef;
  /** Items per taxonomy category, most first. */
  categories: Array<{ category: string; count: number }>;
};

export type SuiteDto = {
  id: string;
  key: string;
  name: string;
  description: string;
  source: SafetySuite["source"];
  licence: string;
  origin: string;
  systemId: string | null;
  createdAt: Date;
  latest: SuiteVersionDto | null;
  versions: Array<{ id: string; version: number; itemCount: number; createdAt: Date }>;
};

/** A built-in suite the organisation has not installed yet. */
export type BuiltinSuiteOffer = { key: string; name: string; description: string; licence: string; origin: string; itemCount: number };

export type SuiteItemDto = {
  id: string;
  position: number;
  externalId: string;
  category: string;
  sourceCategory: string;
  expected: string;
  messages: SuiteItem["messages"];
  secret: string | null;
  context: string | null;
  injection: SuiteItem["injection"] | null;
};

const BUILTIN_KEYS: ReadonlySet<string> = new Set(BUILTIN_SUITES.map((s) => s.key));

/** The hash a run records: items in order plus the policy rules that grade them. */
export function suiteContentHash(items: readonly SuiteItem[], policyRules: readonly PolicyRule[]): string {
  return sha256Hex(canonicalJson({ items, policyRules }));
}

async function categoryCounts(versionId: string) {
  const rows = await prisma.safetySuiteItem.groupBy({ by: ["category"], where: { suiteVersionId: versionId }, _count: { _all: true } });
  return rows.map((r) => ({ category: r.category, count: r._count._all })).sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
}

async function toVersionDto(v: SafetySuiteVersion, refs: Map<string, UserRef>): Promise<SuiteVersionDto> {
  return {
    id: v.id,
    version: v.version,
    itemCount: v.itemCount,
    contentSha256: v.contentSha256,
    sourceVersion: v.sourceVersion,
    policyRules: policyRulesSchema.parse(v.policyRules),
    note: v.note,
    createdAt: v.createdAt,
    createdBy: refFor(refs, v.createdById),
    categories: await categoryCounts(v.id),
  };
}

export async function listSuites(ctx: ServiceContext): Promise<{ suites: SuiteDto[]; builtins: BuiltinSuiteOffer[] }> {
  assertCan(ctx, "org.read");
  const rows = await prisma.safetySuite.findMany({
    where: { orgId: ctx.orgId },
    include: { versions: { orderBy: { version: "desc" } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const refs = await userRefs(rows.flatMap((r) => r.versions.map((v) => v.createdById)));
  const suites = await Promise.all(rows.map((r) => toSuiteDto(r, refs)));
  const installed = new Set(rows.map((r) => r.key));
  const builtins = BUILTIN_SUITES.filter((b) => !installed.has(b.key)).map(({ key, name, description, licence, origin, itemCount }) => ({
    key,
    name,
    description,
    licence,
    origin,
    itemCount,
  }));
  return { suites, builtins };
}

async function toSuiteDto(row: SafetySuite & { versions: SafetySuiteVersion[] }, refs: Map<string, UserRef>): Promise<SuiteDto> {
  const [latest] = row.versions;
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    source: row.source,
    licence: row.licence,
    origin: row.origin,
    systemId: row.systemId,
    createdAt: row.createdAt,
    latest: latest ? await toVersionDto(latest, refs) : null,
    versions: row.versions.map((v) => ({ id: v.id, version: v.version, itemCount: v.itemCount, createdAt: v.createdAt })),
  };
}

export async function getSuite(ctx: ServiceContext, suiteId: string): Promise<SuiteDto> {
  assertCan(ctx, "org.read");
  const row = await prisma.safetySuite.findFirst({ where: { id: suiteId, orgId: ctx.orgId }, include: { versions: { orderBy: { version: "desc" } } } });
  if (!row) throw notFound("Suite");
  return toSuiteDto(row, await userRefs(row.versions.map((v) => v.createdById)));
}

export async function getSuiteVersion(ctx: ServiceContext, suiteVersionId: string): Promise<SuiteVersionDto & { suite: { id: string; key: string; name: string } }> {
  assertCan(ctx, "org.read");
  const v = await prisma.safetySuiteVersion.findFirst({ where: { id: suiteVersionId, suite: { orgId: ctx.orgId } }, include: { suite: true } });
  if (!v) throw notFound("Suite version");
  return { ...(await toVersionDto(v, await userRefs([v.createdById]))), suite: { id: v.suite.id, key: v.suite.key, name: v.suite.name } };
}

export async function listSuiteItems(
  ctx: ServiceContext,
  suiteVersionId: string,
  query: { category?: string; cursor?: number; limit?: number } = {},
): Promise<{ items: SuiteItemDto[]; total: number; nextCursor: number | null }> {
  assertCan(ctx, "org.read");
  const version = await prisma.safetySuiteVersion.findFirst({ where: { id: suiteVersionId, suite: { orgId: ctx.orgId } }, select: { id: true } });
  if (!version) throw notFound("Suite version");
  const cursor = query.cursor ?? 0;
  const limit = Math.min(query.limit ?? 50, 200);
  const where = { suiteVersionId: version.id, ...(query.category ? { category: query.category } : {}) };
  const [rows, total] = await Promise.all([
    prisma.safetySuiteItem.findMany({ where, orderBy: { position: "asc" }, skip: cursor, take: limit }),
    prisma.safetySuiteItem.count({ where }),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      position: r.position,
      externalId: r.externalId,
      category: r.category,
      sourceCategory: r.sourceCategory,
      expected: r.expected,
      messages: r.messages as SuiteItem["messages"],
      secret: r.secret,
      context: r.context,
      injection: (r.injection as SuiteItem["injection"]) ?? null,
    })),
    total,
    nextCursor: cursor + rows.length < total ? cursor + rows.length : null,
  };
}

/** Writes a version and its items inside the caller's transaction. */
export async function writeSuiteVersion(
  tx: Tx,
  args: { suiteId: string; version: number; items: readonly SuiteItem[]; policyRules: readonly PolicyRule[]; sourceVersion?: string; note?: string; createdById: string },
): Promise<SafetySuiteVersion> {
  const created = await tx.safetySuiteVersion.create({
    data: {
      suiteId: args.suiteId,
      version: args.version,
      itemCount: args.items.length,
      contentSha256: suiteContentHash(args.items, args.policyRules),
      policyRules: args.policyRules as Prisma.InputJsonValue,
      sourceVersion: args.sourceVersion ?? "",
      note: args.note ?? "",
      createdById: args.createdById,
    },
  });
  const BATCH = 1000;
  for (let start = 0; start < args.items.length; start += BATCH) {
    await tx.safetySuiteItem.createMany({
      data: args.items.slice(start, start + BATCH).map((item, offset) => ({
        suiteVersionId: created.id,
        position: start + offset,
        externalId: item.externalId,
        category: item.category,
        sourceCategory: item.sourceCategory,
        expected: item.expected,
        messages: item.messages as Prisma.InputJsonValue,
        secret: item.secret ?? null,
        context: item.context ?? null,
        injection: item.injection === undefined ? undefined : (item.injection as Prisma.InputJsonValue),
      })),
    });
  }
  return created;
}

/** The items of a stored version, in order, as the graders and the hash see them. */
export async function suiteItemsOf(db: Tx, suiteVersionId: string): Promise<Array<SuiteItem & { id: string }>> {
  const rows = await db.safetySuiteItem.findMany({ where: { suiteVersionId }, orderBy: { position: "asc" } });
  return rows.map((r) => ({
    id: r.id,
    externalId: r.externalId,
    messages: r.messages as SuiteItem["messages"],
    category: r.category,
    sourceCategory: r.sourceCategory,
    expected: r.expected as SuiteItem["expected"],
    ...(r.secret !== null ? { secret: r.secret } : {}),
    ...(r.context !== null ? { context: r.context } : {}),
    ...(r.injection !== null ? { injection: r.injection as NonNullable<SuiteItem["injection"]> } : {}),
  }));
}

/** An organisation's own taxonomy may map a built-in suite's categories differently. */
function recategorise(items: readonly SuiteItem[], taxonomy: Taxonomy, suiteKey: string): SuiteItem[] {
  return items.map((item) => {
    const mapped = mapCategory(taxonomy, suiteKey, item.sourceCategory);
    if (mapped !== FALLBACK_CATEGORY) return { ...item, category: mapped };
    return hasCategory(taxonomy, item.category) ? item : { ...item, category: FALLBACK_CATEGORY };
  });
}

/** Copies a built-in suite into the organisation (idempotent: installing twice returns the same suite). */
export async function installBuiltinSuite(ctx: ServiceContext, key: string): Promise<SuiteDto> {
  assertCan(ctx, "safety.write");
  if (!BUILTIN_KEYS.has(key)) throw notFound("Built-in suite");
  const existing = await prisma.safetySuite.findFirst({ where: { orgId: ctx.orgId, key }, select: { id: true, source: true } });
  if (existing) {
    if (existing.source !== "builtin") throw conflict(`The key “${key}” is taken by one of your own suites.`);
    return getSuite(ctx, existing.id);
  }
  const builtin = await loadBuiltinSuite(key as BuiltinSuiteKey);
  const taxonomy = await currentTaxonomy(prisma, ctx.orgId);
  const items = recategorise(builtin.items, taxonomy, key);
  const suite = await mutate(ctx, async (tx, record) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"suite:" + ctx.orgId + ":" + key}, 0))`;
    const again = await tx.safetySuite.findFirst({ where: { orgId: ctx.orgId, key }, select: { id: true } });
    if (again) return again;
    const row = await tx.safetySuite.create({
      data: {
        orgId: ctx.orgId,
        key,
        name: builtin.name,
        description: builtin.description,
        source: "builtin",
        licence: builtin.licence,
        origin: builtin.origin,
        createdById: ctx.userId,
      },
    });
    const version = await writeSuiteVersion(tx, { suiteId: row.id, version: 1, items, policyRules: [], sourceVersion: builtin.version, createdById: ctx.userId });
    await record({
      action: "safety.suite.installed",
      entityType: "SafetySuite",
      entityId: row.id,
      after: { key, sourceVersion: builtin.version, itemCount: items.length, contentSha256: version.contentSha256, taxonomyVersion: taxonomy.version },
    });
    return row;
  });
  return getSuite(ctx, suite.id);
}

function rowsOf(format: "csv" | "jsonl", content: string): Array<Record<string, unknown>> {
  if (format === "jsonl") return parseSuiteJsonl(content);
  try {
    return parseCsv(content, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: false }) as Array<Record<string, unknown>>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw invalid(`The CSV file could not be read: ${message}`);
  }
}

/**
 * Imports a CSV or JSONL suite with a column mapping. Importing under an
 * existing key of an imported suite appends a version; nothing is stored
 * unless every row is valid.
 */
export async function importSuite(ctx: ServiceContext, raw: unknown): Promise<SuiteDto> {
  assertCan(ctx, "safety.write");
  const input = importSuiteSchema.parse(raw);
  const mapping = suiteColumnMappingSchema.parse(input.mapping);
  if (BUILTIN_KEYS.has(input.key)) throw conflict(`“${input.key}” is the key of a built-in suite; choose another key.`);
  const taxonomy = await currentTaxonomy(prisma, ctx.orgId);
  let items: SuiteItem[];
  try {
    items = buildSuiteItems(rowsOf(input.format, input.content), mapping, taxonomy, input.key).items;
  } catch (error) {
    if (error instanceof SuiteImportError) throw invalid(error.message, { problems: error.issues, badCount: error.badCount });
    throw error;
  }
  if (items.length === 0) throw invalid("The file has no rows.");

  const suiteId = await mutate(ctx, async (tx, record) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"suite:" + ctx.orgId + ":" + input.key}, 0))`;
    const existing = await tx.safetySuite.findFirst({ where: { orgId: ctx.orgId, key: input.key }, include: { versions: { orderBy: { version: "desc" }, take: 1 } } });
    if (existing && existing.source !== "imported") throw conflict(`The key “${input.key}” belongs to a ${existing.source} suite; choose another key.`);
    const suite =
      existing ??
      (await tx.safetySuite.create({
        data: { orgId: ctx.orgId, key: input.key, name: input.name, description: input.description, source: "imported", createdById: ctx.userId },
      }));
    const previous = existing?.versions[0];
    const policyRules = previous ? policyRulesSchema.parse(previous.policyRules) : [];
    const version = await writeSuiteVersion(tx, { suiteId: suite.id, version: (previous?.version ?? 0) + 1, items, policyRules, createdById: ctx.userId });
    await record({
      action: "safety.suite.imported",
      entityType: "SafetySuite",
      entityId: suite.id,
      after: { key: input.key, version: version.version, format: input.format, itemCount: items.length, contentSha256: version.contentSha256 },
    });
    return suite.id;
  });
  return getSuite(ctx, suiteId);
}

/** Appends a version with new policy rules; the items are carried over unchanged. */
export async function saveSuitePolicyRules(ctx: ServiceContext, suiteId: string, raw: unknown): Promise<SuiteDto> {
  assertCan(ctx, "safety.write");
  const input = newSuiteVersionSchema.parse(raw);
  const suite = await prisma.safetySuite.findFirst({ where: { id: suiteId, orgId: ctx.orgId }, select: { id: true } });
  if (!suite) throw notFound("Suite");
  await mutate(ctx, async (tx, record) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"suite-version:" + suite.id}, 0))`;
    const previous = await tx.safetySuiteVersion.findFirst({ where: { suiteId: suite.id }, orderBy: { version: "desc" } });
    if (!previous) throw conflict("The suite has no items yet.");
    const items = await suiteItemsOf(tx, previous.id);
    const version = await writeSuiteVersion(tx, {
      suiteId: suite.id,
      version: previous.version + 1,
      items: items.map(({ id: _id, ...item }) => item),
      policyRules: input.policyRules,
      sourceVersion: previous.sourceVersion,
      note: input.note,
      createdById: ctx.userId,
    });
    await record({
      action: "safety.suite.rules_changed",
      entityType: "SafetySuite",
      entityId: suite.id,
      before: { version: previous.version, policyRules: previous.policyRules },
      after: { version: version.version, policyRules: input.policyRules, contentSha256: version.contentSha256 },
    });
  });
  return getSuite(ctx, suite.id);
}
