import { resolutionGaps } from "@assay/core";
import { prisma, type CorrectiveAction, type Prisma } from "@assay/db";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, invalid, notFound } from "../errors";
import { listSuiteItems, listSuites } from "../safety/suites";
import { getIncident, type IncidentDetail } from "./incidents";
import { addCorrectiveActionSchema, updateCorrectiveActionSchema } from "./schemas";
import { assertOwnerIsMember, lockIncident } from "./shared";

async function findIncident(ctx: ServiceContext, incidentId: string) {
  const incident = await prisma.incident.findFirst({ where: { id: incidentId, orgId: ctx.orgId }, select: { id: true, systemId: true } });
  if (!incident) throw notFound("Incident");
  return incident;
}

/** A link must name one of the organisation's suite items (via its suite) or monitors; anything else is bad input. */
async function assertLinks(orgId: string, links: { suiteItemId?: string | null; monitorId?: string | null }) {
  if (links.suiteItemId) {
    const item = await prisma.safetySuiteItem.findFirst({ where: { id: links.suiteItemId, suiteVersion: { suite: { orgId } } }, select: { id: true } });
    if (!item) throw invalid("Choose a suite item of one of this organisation's suites.", { path: "suiteItemId" });
  }
  if (links.monitorId) {
    const monitor = await prisma.monitor.findFirst({ where: { id: links.monitorId, orgId }, select: { id: true } });
    if (!monitor) throw invalid("Choose a monitor of this organisation.", { path: "monitorId" });
  }
}

const actionAuditView = (a: CorrectiveAction) => ({
  incidentId: a.incidentId,
  description: a.description,
  ownerId: a.ownerId,
  dueDate: a.dueDate.toISOString().slice(0, 10),
  completedAt: a.completedAt?.toISOString() ?? null,
  suiteItemId: a.suiteItemId,
  monitorId: a.monitorId,
});

/**
 * Adds a corrective action: what will be done, by whom (a member), by when,
 * and optionally the regression test (suite item) or monitor it adds, which
 * resolving the incident needs at least one of.
 */
export async function addCorrectiveAction(ctx: ServiceContext, incidentId: string, raw: unknown): Promise<IncidentDetail> {
  assertCan(ctx, "incident.write");
  const incident = await findIncident(ctx, incidentId);
  const input = addCorrectiveActionSchema.parse(raw ?? {});
  await assertOwnerIsMember(ctx.orgId, input.ownerId);
  await assertLinks(ctx.orgId, input);
  await mutate(ctx, async (tx, record) => {
    await lockIncident(tx, incident.id);
    const action = await tx.correctiveAction.create({
      data: {
        incidentId: incident.id,
        description: input.description,
        ownerId: input.ownerId,
        dueDate: input.dueDate,
        suiteItemId: input.suiteItemId ?? null,
        monitorId: input.monitorId ?? null,
        createdById: ctx.userId,
      },
    });
    await tx.incidentEvent.create({ data: { incidentId: incident.id, actorId: ctx.userId, kind: "corrective_action_added", note: input.description } });
    await tx.incident.update({ where: { id: incident.id }, data: { updatedAt: new Date() } });
    await record({ action: "incident.corrective_action.added", entityType: "CorrectiveAction", entityId: action.id, after: actionAuditView(action) });
  });
  return getIncident(ctx, incident.id);
}

/**
 * Edits a corrective action, marks it done (now, or at a past completedAt) or
 * reopens it. On a resolved incident, the last link to a suite item or a
 * monitor cannot be removed (409): resolving needed it.
 */
export async function updateCorrectiveAction(ctx: ServiceContext, incidentId: string, raw: unknown): Promise<IncidentDetail> {
  assertCan(ctx, "incident.write");
  const incident = await findIncident(ctx, incidentId);
  const input = updateCorrectiveActionSchema.parse(raw ?? {});
  const existing = await prisma.correctiveAction.findFirst({ where: { id: input.id, incidentId: incident.id }, select: { id: true } });
  if (!existing) throw notFound("Corrective action");
  if (input.ownerId) await assertOwnerIsMember(ctx.orgId, input.ownerId);
  await assertLinks(ctx.orgId, input);

  await mutate(ctx, async (tx, record) => {
    await lockIncident(tx, incident.id);
    const current = await tx.correctiveAction.findUniqueOrThrow({ where: { id: existing.id } });
    const data: Prisma.CorrectiveActionUpdateInput = {};
    if (input.description !== undefined && input.description !== current.description) data.description = input.description;
    if (input.ownerId !== undefined && input.ownerId !== current.ownerId) data.ownerId = input.ownerId;
    if (input.dueDate !== undefined && input.dueDate.getTime() !== current.dueDate.getTime()) data.dueDate = input.dueDate;
    // A new link replaces the other kind: an action adds a suite item or a monitor.
    if (input.suiteItemId !== undefined && input.suiteItemId !== current.suiteItemId) {
      data.suiteItemId = input.suiteItemId;
      if (input.suiteItemId && input.monitorId === undefined && current.monitorId) data.monitorId = null;
    }
    if (input.monitorId !== undefined && input.monitorId !== current.monitorId) {
      data.monitorId = input.monitorId;
      if (input.monitorId && input.suiteItemId === undefined && current.suiteItemId) data.suiteItemId = null;
    }
    const completedAt = input.completed === false ? null : input.completedAt ?? (input.completed ? (current.completedAt ?? new Date()) : undefined);
    if (completedAt !== undefined && completedAt?.getTime() !== current.completedAt?.getTime()) data.completedAt = completedAt;
    if (Object.keys(data).length === 0) return;

    const updated = await tx.correctiveAction.update({ where: { id: current.id }, data });
    const parent = await tx.incident.findUniqueOrThrow({ where: { id: incident.id }, select: { status: true, rootCause: true } });
    if (parent.status === "resolved") {
      const actions = await tx.correctiveAction.findMany({ where: { incidentId: incident.id }, select: { suiteItemId: true, monitorId: true } });
      if (resolutionGaps({ rootCause: parent.rootCause, correctiveActions: actions }).length > 0) {
        throw conflict("This incident is resolved; it must keep a corrective action linked to a regression suite item or a monitor.", { missing: ["linked_corrective_action"] });
      }
    }
    const done = data.completedAt !== undefined && updated.completedAt !== null;
    await tx.incidentEvent.create({
      data: {
        incidentId: incident.id,
        actorId: ctx.userId,
        kind: done ? "corrective_action_completed" : "corrective_action_updated",
        note: updated.description,
        ...(done ? { occurredAt: updated.completedAt! } : {}),
      },
    });
    await tx.incident.update({ where: { id: incident.id }, data: { updatedAt: new Date() } });
    const fields = Object.keys(data) as Array<keyof ReturnType<typeof actionAuditView>>;
    const before = actionAuditView(current);
    const after = actionAuditView(updated);
    await record({
      action: done ? "incident.corrective_action.completed" : "incident.corrective_action.updated",
      entityType: "CorrectiveAction",
      entityId: current.id,
      before: { incidentId: incident.id, ...Object.fromEntries(fields.map((f) => [f, before[f]])) },
      after: { incidentId: incident.id, ...Object.fromEntries(fields.map((f) => [f, after[f]])) },
    });
  });
  return getIncident(ctx, incident.id);
}

export type CorrectiveActionLinkOptions = {
  /** Monitors of the affected system's versions (all the organisation's when the incident has no system). */
  monitors: Array<{ id: string; name: string; versionLabel: string }>;
  /** Items of the latest version of the organisation's regression suites, the affected system's suites first. */
  suiteItems: Array<{ id: string; externalId: string; category: string; suite: { id: string; name: string; version: number } }>;
};

const ITEMS_PER_SUITE = 200;

/** What a corrective action of this incident can link to. */
export async function correctiveActionLinkOptions(ctx: ServiceContext, incidentId: string): Promise<CorrectiveActionLinkOptions> {
  assertCan(ctx, "org.read");
  const incident = await findIncident(ctx, incidentId);
  const [monitors, { suites }] = await Promise.all([
    prisma.monitor.findMany({
      where: { orgId: ctx.orgId, ...(incident.systemId ? { modelVersion: { systemId: incident.systemId } } : {}) },
      select: { id: true, name: true, modelVersion: { select: { label: true } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    listSuites(ctx),
  ]);
  const regression = suites
    .filter((s) => s.source === "regression" && s.latest)
    .sort((a, b) => Number(b.systemId === incident.systemId) - Number(a.systemId === incident.systemId) || a.name.localeCompare(b.name));
  const suiteItems: CorrectiveActionLinkOptions["suiteItems"] = [];
  for (const suite of regression) {
    const { items } = await listSuiteItems(ctx, suite.latest!.id, { limit: ITEMS_PER_SUITE });
    for (const item of items) suiteItems.push({ id: item.id, externalId: item.externalId, category: item.category, suite: { id: suite.id, name: suite.name, version: suite.latest!.version } });
  }
  return { monitors: monitors.map((m) => ({ id: m.id, name: m.name, versionLabel: m.modelVersion.label })), suiteItems };
}
