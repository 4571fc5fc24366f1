import {
  DEFAULT_INCIDENT_LEVEL_DEFINITIONS,
  INCIDENT_LEVELS_SETTING_KEY,
  incidentLevelDefinitionsFrom,
  incidentLevelDefinitionsSchema,
  type IncidentLevelDefinitions,
} from "@assay/core";
import { prisma, type Prisma } from "@assay/db";
import { z } from "zod";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { refFor, userRefs, type UserRef } from "../registry/systems";

export type IncidentLevelDefinitionsView = {
  definitions: IncidentLevelDefinitions;
  defaults: IncidentLevelDefinitions;
  /** False while the organisation uses the built-in wording. */
  customised: boolean;
  updatedAt: Date | null;
  updatedBy: UserRef | null;
};

/** The organisation's wording of the levels (the defaults until an admin edits them). */
export async function levelDefinitionsOf(orgId: string): Promise<IncidentLevelDefinitions> {
  const row = await prisma.orgSetting.findUnique({ where: { orgId_key: { orgId, key: INCIDENT_LEVELS_SETTING_KEY } }, select: { value: true } });
  return incidentLevelDefinitionsFrom(row?.value ?? null).definitions;
}

export async function getIncidentLevelDefinitions(ctx: ServiceContext): Promise<IncidentLevelDefinitionsView> {
  assertCan(ctx, "org.read");
  const row = await prisma.orgSetting.findUnique({ where: { orgId_key: { orgId: ctx.orgId, key: INCIDENT_LEVELS_SETTING_KEY } } });
  const { definitions, customised } = incidentLevelDefinitionsFrom(row?.value ?? null);
  const refs = row ? await userRefs([row.updatedById]) : new Map<string, UserRef>();
  return {
    definitions,
    defaults: { ...DEFAULT_INCIDENT_LEVEL_DEFINITIONS },
    customised,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row ? refFor(refs, row.updatedById) : null,
  };
}

/** Body of PUT /settings/incident-levels. */
export const updateIncidentLevelsSchema = z.object({ definitions: incidentLevelDefinitionsSchema }, { error: "Send { definitions: { sev1, sev2, sev3, sev4, near_miss } }." });

/** Admins word the levels; every save is audited with the wording before and after. */
export async function updateIncidentLevelDefinitions(ctx: ServiceContext, raw: unknown): Promise<IncidentLevelDefinitionsView> {
  assertCan(ctx, "org.manage");
  const { definitions } = updateIncidentLevelsSchema.parse(raw ?? {});
  await mutate(ctx, async (tx, record) => {
    const key = { orgId_key: { orgId: ctx.orgId, key: INCIDENT_LEVELS_SETTING_KEY } };
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"setting:" + ctx.orgId + ":" + INCIDENT_LEVELS_SETTING_KEY}, 0))`;
    const previous = await tx.orgSetting.findUnique({ where: key });
    const before = incidentLevelDefinitionsFrom(previous?.value ?? null).definitions;
    if (previous && JSON.stringify(before) === JSON.stringify(definitions)) return;
    const value = definitions as unknown as Prisma.InputJsonValue;
    const saved = await tx.orgSetting.upsert({
      where: key,
      create: { orgId: ctx.orgId, key: INCIDENT_LEVELS_SETTING_KEY, value, updatedById: ctx.userId },
      update: { value, updatedById: ctx.userId },
    });
    await record({ action: "settings.incident_levels.updated", entityType: "OrgSetting", entityId: saved.id, before: { key: INCIDENT_LEVELS_SETTING_KEY, definitions: before }, after: { key: INCIDENT_LEVELS_SETTING_KEY, definitions } });
  });
  return getIncidentLevelDefinitions(ctx);
}
