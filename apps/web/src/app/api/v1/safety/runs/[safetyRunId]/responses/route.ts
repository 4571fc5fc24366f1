import { listSafetyResponses } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** ?outcome=all|failures|passes|errors|ungraded|overridden&category=&grader=&flagged=&cursor=&limit= */
export const GET = apiRoute<{ safetyRunId: string }>(async ({ ctx, params, req }) => listSafetyResponses(ctx, params.safetyRunId, Object.fromEntries(req.nextUrl.searchParams)));
