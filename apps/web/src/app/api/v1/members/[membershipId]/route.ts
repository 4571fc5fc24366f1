import { removeMember, updateMemberRoles } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** Body: { roles: Role[] }. Admins only; the last admin keeps the admin role (409). */
export const PATCH = apiRoute<{ membershipId: string }>(async ({ ctx, params, json }) => {
  const updated = await updateMemberRoles(ctx, params.membershipId, await json());
  return { membershipId: updated.id, roles: updated.roles };
});

export const DELETE = apiRoute<{ membershipId: string }>(async ({ ctx, params }) => removeMember(ctx, params.membershipId));
