import { addCorrectiveAction, correctiveActionLinkOptions, getIncident, updateCorrectiveAction } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** The incident's corrective actions, and what a new one can link to (the system's monitors, regression suite items). */
export const GET = apiRoute<{ incidentId: string }>(async ({ ctx, params }) => {
  const [incident, linkOptions] = await Promise.all([getIncident(ctx, params.incidentId), correctiveActionLinkOptions(ctx, params.incidentId)]);
  return { correctiveActions: incident.correctiveActions, linkOptions };
});

/** Body: { description, ownerId, dueDate, suiteItemId? | monitorId? }. 201 with the incident. */
export const POST = apiRoute<{ incidentId: string }>(async ({ ctx, params, json }) => addCorrectiveAction(ctx, params.incidentId, await json()), { status: 201 });

/**
 * Body: { id, description?, ownerId?, dueDate?, suiteItemId?, monitorId?, completed?, completedAt? }: edits the
 * action with that id, marks it done (completed: true) or reopens it (completed: false). Returns the incident.
 */
export const PATCH = apiRoute<{ incidentId: string }>(async ({ ctx, params, json }) => updateCorrectiveAction(ctx, params.incidentId, await json()));
