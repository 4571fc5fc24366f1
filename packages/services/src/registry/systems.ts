import { prisma, type AiSystem, type ModelVersion } from "@assay/db";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, invalid, notFound } from "../errors";
import { createSystemSchema, updateSystemSchema, type UpdateSystemInput } from "./schemas";

export type UserRef = { id: string; name: string };

export type SystemRecord = {
  id: string;
  name: string;
  purpose: string;
  intendedUse: string;
  prohibitedUses: string;
  ownerIds: string[];
  riskTier: AiSystem["riskTier"];
  lifecycleStage: AiSystem["lifecycleStage"];
  createdById: string;
  createdAt: Date;
  updatedAt: Date;
};

export type SystemSummary = SystemRecord & {
  owners: UserRef[];
  versionCount: number;
  latestVersion: { id: string; label: string; createdAt: Date } | null;
};

export type VersionSummary = {
  id: string;
  label: string;
  modelType: ModelVersion["modelType"];
  provider: string;
  artifactUri: string;
  commitSha: string;
  createdAt: Date;
  createdBy: UserRef;
};

export type SystemDetail = SystemRecord & { owners: UserRef[]; createdBy: UserRef; versions: VersionSummary[] };

const EDITABLE_FIELDS = ["name", "purpose", "intendedUse", "prohibitedUses", "ownerIds", "riskTier", "lifecycleStage"] as const;
type EditableField = (typeof EDITABLE_FIELDS)[number];

export function toSystemRecord(s: AiSystem): SystemRecord {
  return {
    id: s.id,
    name: s.name,
    purpose: s.purpose,
    intendedUse: s.intendedUse,
    prohibitedUses: s.prohibitedUses,
    ownerIds: s.ownerIds,
    riskTier: s.riskTier,
    lifecycleStage: s.lifecycleStage,
    createdById: s.createdById,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

/**
 * Names for user ids. Users are global rows, so a former member (an owner who
 * has since left) still resolves to a name rather than disappearing.
 */
export async function userRefs(ids: readonly string[]): Promise<Map<string, UserRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const users = await prisma.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u]));
}

export function refFor(refs: Map<string, UserRef>, id: string): UserRef {
  return refs.get(id) ?? { id, name: "Unknown user" };
}

/** Prisma's unique-constraint error, raised when a concurrent request won the race past our pre-check. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}

const duplicateName = (name: string) =>
  conflict(`A system named “${name}” already exists in this organisation. Choose another name.`, { path: "name" });

async function assertNameFree(orgId: string, name: string, exceptId?: string) {
  // Case-insensitive, so "Credit scorer" and "credit scorer" are not two systems.
  const clash = await prisma.aiSystem.findFirst({
    where: { orgId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw duplicateName(name);
}

async function assertOwnersAreMembers(orgId: string, ownerIds: readonly string[]) {
  const members = await prisma.membership.findMany({ where: { orgId, userId: { in: [...ownerIds] } }, select: { userId: true } });
  const found = new Set(members.map((m) => m.userId));
  const unknown = ownerIds.filter((id) => !found.has(id));
  if (unknown.length > 0) {
    throw invalid("Every owner must be a member of this organisation.", { path: "ownerIds", unknownOwnerIds: unknown });
  }
}

function editableSnapshot(s: Pick<AiSystem, EditableField>) {
  return Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, s[f]])) as Pick<AiSystem, EditableField>;
}

export async function listSystems(ctx: ServiceContext): Promise<SystemSummary[]> {
  assertCan(ctx, "org.read");
  const systems = await prisma.aiSystem.findMany({
    where: { orgId: ctx.orgId },
    orderBy: { name: "asc" },
    include: {
      _count: { select: { versions: true } },
      versions: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, label: true, createdAt: true } },
    },
  });
  const refs = await userRefs(systems.flatMap((s) => s.ownerIds));
  return systems.map(({ _count, versions, ...s }) => ({
    ...toSystemRecord(s),
    owners: s.ownerIds.map((id) => refFor(refs, id)),
    versionCount: _count.versions,
    latestVersion: versions[0] ?? null,
  }));
}

export async function getSystem(ctx: ServiceContext, systemId: string): Promise<SystemDetail> {
  assertCan(ctx, "org.read");
  const system = await prisma.aiSystem.findFirst({
    where: { id: systemId, orgId: ctx.orgId },
    include: { versions: { orderBy: { createdAt: "desc" } } },
  });
  if (!system) throw notFound("System");
  const { versions, ...record } = system;
  const refs = await userRefs([...record.ownerIds, record.createdById, ...versions.map((v) => v.createdById)]);
  return {
    ...toSystemRecord(record),
    owners: record.ownerIds.map((id) => refFor(refs, id)),
    createdBy: refFor(refs, record.createdById),
    versions: versions.map((v) => toVersionSummary(v, refs)),
  };
}

export async function createSystem(ctx: ServiceContext, raw: unknown): Promise<SystemRecord> {
  assertCan(ctx, "system.write");
  const input = createSystemSchema.parse(raw);
  await assertNameFree(ctx.orgId, input.name);
  await assertOwnersAreMembers(ctx.orgId, input.ownerIds);
  try {
    return await mutate(ctx, async (tx, record) => {
      const created = await tx.aiSystem.create({ data: { ...input, orgId: ctx.orgId, createdById: ctx.userId } });
      const dto = toSystemRecord(created);
      await record({ action: "system.created", entityType: "AiSystem", entityId: created.id, after: dto });
      return dto;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(input.name);
    throw error;
  }
}

/**
 * Applies the fields sent. The audit event carries only what changed, so the
 * trail reads as a diff; a request that changes nothing writes nothing.
 */
export async function updateSystem(ctx: ServiceContext, systemId: string, raw: unknown): Promise<SystemRecord> {
  assertCan(ctx, "system.write");
  const input: UpdateSystemInput = updateSystemSchema.parse(raw);
  const existing = await prisma.aiSystem.findFirst({ where: { id: systemId, orgId: ctx.orgId } });
  if (!existing) throw notFound("System");

  const current = editableSnapshot(existing);
  const changed = EDITABLE_FIELDS.filter((f) => input[f] !== undefined && JSON.stringify(input[f]) !== JSON.stringify(current[f]));
  if (changed.length === 0) return toSystemRecord(existing);

  if (changed.includes("name") && input.name) await assertNameFree(ctx.orgId, input.name, existing.id);
  if (changed.includes("ownerIds") && input.ownerIds) await assertOwnersAreMembers(ctx.orgId, input.ownerIds);

  const before = Object.fromEntries(changed.map((f) => [f, current[f]]));
  const after = Object.fromEntries(changed.map((f) => [f, input[f]])) as Partial<Pick<AiSystem, EditableField>>;
  try {
    return await mutate(ctx, async (tx, record) => {
      const updated = await tx.aiSystem.update({ where: { id: existing.id }, data: after });
      await record({ action: "system.updated", entityType: "AiSystem", entityId: existing.id, before, after });
      return toSystemRecord(updated);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(input.name ?? existing.name);
    throw error;
  }
}

export function toVersionSummary(
  v: Pick<ModelVersion, "id" | "label" | "modelType" | "provider" | "artifactUri" | "commitSha" | "createdAt" | "createdById">,
  refs: Map<string, UserRef>,
): VersionSummary {
  return {
    id: v.id,
    label: v.label,
    modelType: v.modelType,
    provider: v.provider,
    artifactUri: v.artifactUri,
    commitSha: v.commitSha,
    createdAt: v.createdAt,
    createdBy: refFor(refs, v.createdById),
  };
}
