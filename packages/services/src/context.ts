import { can, type Permission, type Role } from "@assay/core";
import { forbidden } from "./errors";

/** Who is calling, in which organisation, with which roles. Every service takes one. */
export type ServiceContext = {
  userId: string;
  orgId: string;
  roles: readonly Role[];
};

export function assertCan(ctx: ServiceContext, permission: Permission): void {
  if (!can(ctx.roles, permission)) throw forbidden();
}
