import { roleSchema } from "@assay/core";
import { prisma } from "@assay/db";
import { z } from "zod";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, notFound } from "../errors";

export async function listMembers(ctx: ServiceContext) {
  assertCan(ctx, "org.read");
  const rows = await prisma.membership.findMany({
    where: { orgId: ctx.orgId },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ membershipId: m.id, userId: m.user.id, name: m.user.name, email: m.user.email, roles: m.roles, joinedAt: m.createdAt }));
}

export const updateMemberRolesSchema = z.object({ roles: z.array(roleSchema).min(1, "A member needs at least one role.") });

export async function updateMemberRoles(ctx: ServiceContext, membershipId: string, raw: unknown) {
  assertCan(ctx, "org.manage");
  // Existence before validation: another organisation's member is a 404 whatever the body says.
  const membership = await prisma.membership.findFirst({ where: { id: membershipId, orgId: ctx.orgId } });
  if (!membership) throw notFound("Member");
  const { roles } = updateMemberRolesSchema.parse(raw);
  await assertAdminRemains(ctx.orgId, membership.id, roles.includes("admin"));
  return mutate(ctx, async (tx, record) => {
    const updated = await tx.membership.update({ where: { id: membership.id }, data: { roles: [...new Set(roles)] } });
    await record({ action: "membership.roles_changed", entityType: "Membership", entityId: membership.id, before: { roles: membership.roles }, after: { roles: updated.roles } });
    return updated;
  });
}

export async function removeMember(ctx: ServiceContext, membershipId: string) {
  assertCan(ctx, "org.manage");
  const membership = await prisma.membership.findFirst({ where: { id: membershipId, orgId: ctx.orgId } });
  if (!membership) throw notFound("Member");
  await assertAdminRemains(ctx.orgId, membership.id, false);
  await mutate(ctx, async (tx, record) => {
    await tx.membership.delete({ where: { id: membership.id } });
    await record({ action: "membership.removed", entityType: "Membership", entityId: membership.id, before: membership });
  });
}

/** An organisation must always keep at least one admin. */
async function assertAdminRemains(orgId: string, changingMembershipId: string, stillAdmin: boolean) {
  if (stillAdmin) return;
  const otherAdmins = await prisma.membership.count({ where: { orgId, id: { not: changingMembershipId }, roles: { has: "admin" } } });
  if (otherAdmins === 0) throw conflict("An organisation needs at least one admin.");
}
