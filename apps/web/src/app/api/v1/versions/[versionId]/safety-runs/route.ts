import { listSafetyRuns, startSafetyRun } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ versionId: string }>(async ({ ctx, params }) => listSafetyRuns(ctx, { modelVersionId: params.versionId }));

/** Body: { suiteVersionId, targetId, judgeTargetId?, baselineRunId?, limit? }. */
export const POST = apiRoute<{ versionId: string }>(async ({ ctx, params, json }) => startSafetyRun(ctx, params.versionId, await json()), { status: 202 });
