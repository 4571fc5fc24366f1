import { getPlan, savePlanVersion } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ versionId: string }>(async ({ ctx, params }) => getPlan(ctx, params.versionId));

/** Plans are immutable: every PUT appends the next plan version and returns it. */
export const PUT = apiRoute<{ versionId: string }>(
  async ({ ctx, params, json }) => savePlanVersion(ctx, params.versionId, await json()),
  { status: 201 },
);
