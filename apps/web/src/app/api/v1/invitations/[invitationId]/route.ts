import { revokeInvitation } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const DELETE = apiRoute<{ invitationId: string }>(async ({ ctx, params }) => revokeInvitation(ctx, params.invitationId));
