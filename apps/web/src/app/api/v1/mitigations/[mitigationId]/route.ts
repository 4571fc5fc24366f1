import { getMitigation, updateMitigation } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ mitigationId: string }>(async ({ ctx, params }) => getMitigation(ctx, params.mitigationId));

/** Any of type, description, ownerId, dueDate, acceptanceChecks, status (planned | in_progress). */
export const PATCH = apiRoute<{ mitigationId: string }>(async ({ ctx, params, json }) => updateMitigation(ctx, params.mitigationId, await json()));
