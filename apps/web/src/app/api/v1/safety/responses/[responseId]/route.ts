import { getSafetyResponse } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ responseId: string }>(async ({ ctx, params }) => getSafetyResponse(ctx, params.responseId));
