import { listRuns, startRun } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ versionId: string }>(async ({ ctx, params }) => listRuns(ctx, params.versionId));

/** Body `{ datasetId }`: evaluates the version's current plan on that dataset; answers 202 with the queued run. */
export const POST = apiRoute<{ versionId: string }>(
  async ({ ctx, params, json }) => startRun(ctx, params.versionId, await json()),
  { status: 202 },
);
