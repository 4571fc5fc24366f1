import type { Role } from "@assay/core";

/** Plain props for client components (dates already ISO strings). */
export type MemberRow = { membershipId: string; userId: string; name: string; email: string; roles: Role[]; joinedAt: string };
export type PendingInvitation = { id: string; email: string; roles: Role[]; expiresAt: string; createdAt: string };
