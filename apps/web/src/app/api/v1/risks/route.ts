import { createRisk, listRisks } from "@assay/services";
import { apiRoute } from "@/lib/api";

/**
 * Filters (comma-separated lists where plural): ?systemId=&versionId=&runId=&status=open,mitigating
 * &category=fairness,safety&severity=high,critical&tier=high&overdue=true
 * &likelihood=3&impact=4 (an inherent heat-map cell) or &residualLikelihood=&residualImpact= (a residual one).
 */
export const GET = apiRoute(async ({ ctx, req }) => listRisks(ctx, Object.fromEntries(req.nextUrl.searchParams)));

export const POST = apiRoute(async ({ ctx, json }) => createRisk(ctx, await json()), { status: 201 });
