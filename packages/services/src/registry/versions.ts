import { prisma, type AiSystem, type ModelVersion } from "@assay/db";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, notFound } from "../errors";
import { createModelVersionSchema } from "./schemas";
import { isUniqueViolation, refFor, toVersionSummary, userRefs, type UserRef, type VersionSummary } from "./systems";

export type ModelVersionRecord = {
  id: string;
  systemId: string;
  label: string;
  modelType: ModelVersion["modelType"];
  provider: string;
  artifactUri: string;
  commitSha: string;
  createdById: string;
  createdAt: Date;
};

export type ModelVersionDetail = ModelVersionRecord & {
  createdBy: UserRef;
  system: { id: string; name: string; riskTier: AiSystem["riskTier"]; lifecycleStage: AiSystem["lifecycleStage"]; ownerIds: string[] };
};

function toVersionRecord(v: ModelVersion): ModelVersionRecord {
  return {
    id: v.id,
    systemId: v.systemId,
    label: v.label,
    modelType: v.modelType,
    provider: v.provider,
    artifactUri: v.artifactUri,
    commitSha: v.commitSha,
    createdById: v.createdById,
    createdAt: v.createdAt,
  };
}

const duplicateLabel = (label: string, systemName: string) =>
  conflict(`Version “${label}” already exists for ${systemName}. Use a different label.`, { path: "label" });

async function findSystem(ctx: ServiceContext, systemId: string) {
  const system = await prisma.aiSystem.findFirst({ where: { id: systemId, orgId: ctx.orgId }, select: { id: true, name: true } });
  if (!system) throw notFound("System");
  return system;
}

export async function listModelVersions(ctx: ServiceContext, systemId: string): Promise<VersionSummary[]> {
  assertCan(ctx, "org.read");
  const system = await findSystem(ctx, systemId);
  const versions = await prisma.modelVersion.findMany({ where: { systemId: system.id, orgId: ctx.orgId }, orderBy: { createdAt: "desc" } });
  const refs = await userRefs(versions.map((v) => v.createdById));
  return versions.map((v) => toVersionSummary(v, refs));
}

export async function getModelVersion(ctx: ServiceContext, versionId: string): Promise<ModelVersionDetail> {
  assertCan(ctx, "org.read");
  const version = await prisma.modelVersion.findFirst({
    where: { id: versionId, orgId: ctx.orgId },
    include: { system: { select: { id: true, name: true, riskTier: true, lifecycleStage: true, ownerIds: true } } },
  });
  if (!version) throw notFound("Model version");
  const { system, ...record } = version;
  const refs = await userRefs([record.createdById]);
  return { ...toVersionRecord(record), createdBy: refFor(refs, record.createdById), system };
}

export async function createModelVersion(ctx: ServiceContext, systemId: string, raw: unknown): Promise<ModelVersionRecord> {
  assertCan(ctx, "version.write");
  const input = createModelVersionSchema.parse(raw);
  const system = await findSystem(ctx, systemId);
  const clash = await prisma.modelVersion.findFirst({ where: { systemId: system.id, label: input.label }, select: { id: true } });
  if (clash) throw duplicateLabel(input.label, system.name);
  try {
    return await mutate(ctx, async (tx, record) => {
      const created = await tx.modelVersion.create({ data: { ...input, orgId: ctx.orgId, systemId: system.id, createdById: ctx.userId } });
      const dto = toVersionRecord(created);
      await record({ action: "model_version.created", entityType: "ModelVersion", entityId: created.id, after: dto });
      return dto;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateLabel(input.label, system.name);
    throw error;
  }
}
