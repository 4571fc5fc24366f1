import { parseOfflineResponses } from "@assay/llm";
import { prisma, type SafetyTarget } from "@assay/db";
import { Readable } from "node:stream";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { commitStaged, maxUploadBytes, stageStream } from "../datasets/storage";
import { conflict, invalid, notFound } from "../errors";
import { isUniqueViolation } from "../registry/systems";
import { createTargetSchema, updateTargetSchema } from "./schemas";
import { sealSecret } from "./secret-box";
import { targetUrlRefusal } from "./target-guard";

/** What the API returns: never the key, only whether one is set. */
export type SafetyTargetDto = Omit<SafetyTarget, "apiKeyCiphertext" | "orgId"> & { hasApiKey: boolean; modelVersionLabel: string | null };

export function toTargetDto(row: SafetyTarget & { modelVersion?: { label: string } | null }): SafetyTargetDto {
  const { apiKeyCiphertext, orgId: _org, modelVersion, ...rest } = row;
  return { ...rest, hasApiKey: apiKeyCiphertext !== null, modelVersionLabel: modelVersion?.label ?? null };
}

/** Audit snapshots leave the key out; whether one is set is what matters. */
const auditView = (t: SafetyTarget) => {
  const { apiKeyCiphertext, ...rest } = t;
  return { ...rest, hasApiKey: apiKeyCiphertext !== null };
};

async function checkVersion(ctx: ServiceContext, modelVersionId: string | null | undefined): Promise<void> {
  if (!modelVersionId) return;
  const found = await prisma.modelVersion.findFirst({ where: { id: modelVersionId, orgId: ctx.orgId }, select: { id: true } });
  if (!found) throw notFound("Model version");
}

async function checkUrl(baseUrl: string): Promise<void> {
  const refusal = await targetUrlRefusal(baseUrl);
  if (refusal) throw invalid(`The target's URL is not allowed: ${refusal}`, { path: "baseUrl" });
}

export async function listTargets(ctx: ServiceContext, filter: { modelVersionId?: string } = {}): Promise<SafetyTargetDto[]> {
  assertCan(ctx, "org.read");
  const rows = await prisma.safetyTarget.findMany({
    where: { orgId: ctx.orgId, ...(filter.modelVersionId ? { modelVersionId: filter.modelVersionId } : {}) },
    include: { modelVersion: { select: { label: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return rows.map(toTargetDto);
}

export async function getTarget(ctx: ServiceContext, targetId: string): Promise<SafetyTargetDto> {
  assertCan(ctx, "org.read");
  const row = await prisma.safetyTarget.findFirst({ where: { id: targetId, orgId: ctx.orgId }, include: { modelVersion: { select: { label: true } } } });
  if (!row) throw notFound("Target");
  return toTargetDto(row);
}

async function storeText(text: string): Promise<{ sha256: string }> {
  const staged = await stageStream(Readable.from([Buffer.from(text, "utf8")]), { maxBytes: maxUploadBytes() });
  await commitStaged(staged);
  return { sha256: staged.sha256 };
}

export async function createTarget(ctx: ServiceContext, raw: unknown): Promise<SafetyTargetDto> {
  assertCan(ctx, "safety.write");
  const input = createTargetSchema.parse(raw);
  await checkVersion(ctx, input.modelVersionId);

  let data;
  if (input.kind === "chat_completions") {
    await checkUrl(input.baseUrl);
    const { apiKey, ...fields } = input;
    data = { ...fields, apiKeyCiphertext: apiKey ? sealSecret(apiKey) : null };
  } else {
    const parsed = parseOfflineResponses(input.responsesJsonl);
    if (!parsed.ok) {
      const shown = parsed.errors.slice(0, 3).map((e) => `line ${e.line}: ${e.message}`);
      throw invalid(`The responses file has ${parsed.errors.length} bad ${parsed.errors.length === 1 ? "line" : "lines"}: ${shown.join("; ")}`, { problems: parsed.errors.slice(0, 20) });
    }
    const blob = await storeText(input.responsesJsonl);
    data = { kind: input.kind, name: input.name, modelVersionId: input.modelVersionId ?? null, offlineSha256: blob.sha256, offlineCount: parsed.responses.length };
  }
  try {
    const created = await mutate(ctx, async (tx, record) => {
      const row = await tx.safetyTarget.create({ data: { ...data, orgId: ctx.orgId, createdById: ctx.userId } });
      await record({ action: "safety.target.created", entityType: "SafetyTarget", entityId: row.id, after: auditView(row) });
      return row;
    });
    return getTarget(ctx, created.id);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A target named “${input.name}” already exists.`);
    throw error;
  }
}

export async function updateTarget(ctx: ServiceContext, targetId: string, raw: unknown): Promise<SafetyTargetDto> {
  assertCan(ctx, "safety.write");
  const input = updateTargetSchema.parse(raw);
  const existing = await prisma.safetyTarget.findFirst({ where: { id: targetId, orgId: ctx.orgId } });
  if (!existing) throw notFound("Target");
  if (existing.kind === "offline") throw conflict("An offline target cannot be edited; upload its responses as a new target.");
  await checkVersion(ctx, input.modelVersionId);
  if (input.baseUrl) await checkUrl(input.baseUrl);
  const { apiKey, ...fields } = input;
  // undefined keeps the stored key; "" removes it.
  const key = apiKey === undefined ? {} : { apiKeyCiphertext: apiKey === "" ? null : sealSecret(apiKey) };
  try {
    await mutate(ctx, async (tx, record) => {
      const row = await tx.safetyTarget.update({ where: { id: existing.id }, data: { ...fields, ...key } });
      await record({ action: "safety.target.updated", entityType: "SafetyTarget", entityId: row.id, before: auditView(existing), after: auditView(row) });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A target named “${input.name}” already exists.`);
    throw error;
  }
  return getTarget(ctx, existing.id);
}
