import { listAuditEvents } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** Newest first. Query: ?entityType=&entityId=&cursor=<seq>&limit=<=200 */
export const GET = apiRoute(async ({ ctx, req }) => listAuditEvents(ctx, Object.fromEntries(req.nextUrl.searchParams)));
