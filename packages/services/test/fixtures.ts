import type { Role } from "@assay/core";
import { prisma } from "@assay/db";
import type { ServiceContext } from "../src/context";

let counter = 0;

/**
 * A fresh organisation with one member per role, written straight to Postgres.
 * Each call makes a new tenant, so suites never see each other's rows.
 */
export async function createTestOrg(label = "org") {
  counter += 1;
  const tag = `${label}-${Date.now().toString(36)}-${counter}`;
  const org = await prisma.organization.create({ data: { name: `Test ${tag}`, slug: tag } });
  const roles: Role[] = ["admin", "scientist", "product_owner", "approver", "auditor"];
  const contexts = {} as Record<Role, ServiceContext>;
  for (const role of roles) {
    const user = await prisma.user.create({ data: { email: `${role}.${tag}@example.test`, name: `${role} ${tag}` } });
    await prisma.membership.create({ data: { orgId: org.id, userId: user.id, roles: [role] } });
    contexts[role] = { userId: user.id, orgId: org.id, roles: [role] };
  }
  return { org, ...contexts };
}
