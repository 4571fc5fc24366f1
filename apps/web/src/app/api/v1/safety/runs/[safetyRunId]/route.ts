import { getSafetyRun } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ safetyRunId: string }>(async ({ ctx, params }) => getSafetyRun(ctx, params.safetyRunId));
