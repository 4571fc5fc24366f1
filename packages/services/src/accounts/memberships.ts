import type { Role } from "@assay/core";
import { prisma } from "@assay/db";
import type { ServiceContext } from "../context";

export type MembershipSummary = { orgId: string; orgName: string; orgSlug: string; roles: Role[] };

export async function listMemberships(userId: string): Promise<MembershipSummary[]> {
  const rows = await prisma.membership.findMany({
    where: { userId },
    include: { org: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ orgId: m.orgId, orgName: m.org.name, orgSlug: m.org.slug, roles: m.roles }));
}

/**
 * The caller's context: the preferred organisation if the user belongs to it,
 * else their first. Null when the user belongs to no organisation.
 */
export async function resolveContext(userId: string, preferredOrgId?: string | null): Promise<ServiceContext | null> {
  const memberships = await prisma.membership.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
  const chosen = memberships.find((m) => m.orgId === preferredOrgId) ?? memberships[0];
  if (!chosen) return null;
  return { userId, orgId: chosen.orgId, roles: chosen.roles };
}
