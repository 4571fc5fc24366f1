import { getIncident, updateIncident } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** The incident with its evidence, timeline, corrective actions, derived metrics and recurrence. */
export const GET = apiRoute<{ incidentId: string }>(async ({ ctx, params }) => getIncident(ctx, params.incidentId));

/**
 * Body: any of { title, status, level, severity, ownerId, rootCause, rootCauseDetail, containmentAction } and an optional note.
 * 409 for a status move the workflow does not allow, or for resolving without a root cause and a linked corrective action.
 */
export const PATCH = apiRoute<{ incidentId: string }>(async ({ ctx, params, json }) => updateIncident(ctx, params.incidentId, await json()));
