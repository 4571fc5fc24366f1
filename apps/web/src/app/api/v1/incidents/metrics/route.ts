import { incidentMetrics } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** ?since=2026-01-01 (default: the last 90 days): median time to reproduce and mitigate, on-time completion, counts by level. */
export const GET = apiRoute(async ({ ctx, req }) => incidentMetrics(ctx, Object.fromEntries(req.nextUrl.searchParams)));
