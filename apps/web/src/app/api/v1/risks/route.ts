import { createRisk, listRisks } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** Filters: ?systemId=&versionId=&runId=&status=open,mitigating */
export const GET = apiRoute(async ({ ctx, req }) => listRisks(ctx, Object.fromEntries(req.nextUrl.searchParams)));

export const POST = apiRoute(async ({ ctx, json }) => createRisk(ctx, await json()), { status: 201 });
