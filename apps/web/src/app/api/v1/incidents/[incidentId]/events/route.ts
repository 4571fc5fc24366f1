import { logIncidentEvent } from "@assay/services";
import { apiRoute } from "@/lib/api";

/**
 * Body: { kind: detected|reproduced|contained|mitigated|resolved|note, occurredAt?, note? }. The status follows
 * the latest lifecycle event; 409 for "resolved" without a root cause and a linked corrective action. 201 with the incident.
 */
export const POST = apiRoute<{ incidentId: string }>(async ({ ctx, params, json }) => logIncidentEvent(ctx, params.incidentId, await json()), { status: 201 });
