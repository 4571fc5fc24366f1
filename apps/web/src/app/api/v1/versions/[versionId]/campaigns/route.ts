import { createCampaign, listCampaigns } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ versionId: string }>(async ({ ctx, params }) => listCampaigns(ctx, { modelVersionId: params.versionId }));

/** Body: { name, objective? }. */
export const POST = apiRoute<{ versionId: string }>(async ({ ctx, params, json }) => createCampaign(ctx, params.versionId, await json()), { status: 201 });
