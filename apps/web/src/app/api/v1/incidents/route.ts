import { listIncidents, openIncident } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** Filters: ?status=open,investigating&level=sev1,sev2&source=user_report&systemId=&monitorId=&recurring=true */
export const GET = apiRoute(async ({ ctx, req }) => listIncidents(ctx, Object.fromEntries(req.nextUrl.searchParams)));

/**
 * Opens an incident by hand. Body: { title, level, source, systemId, modelVersionId?, ownerId?, detectedAt?, description? }.
 * 201 with the incident; the owner, the system's owners and the approvers are notified.
 */
export const POST = apiRoute(async ({ ctx, json }) => openIncident(ctx, await json()), { status: 201 });
