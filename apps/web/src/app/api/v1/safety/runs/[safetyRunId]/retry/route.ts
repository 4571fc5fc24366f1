import { getSafetyRun, requeueRun } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** Queues a failed safety run again; it resumes after the items already answered. */
export const POST = apiRoute<{ safetyRunId: string }>(
  async ({ ctx, params }) => {
    await getSafetyRun(ctx, params.safetyRunId);
    await requeueRun(ctx, params.safetyRunId);
    return getSafetyRun(ctx, params.safetyRunId);
  },
  { status: 202 },
);
