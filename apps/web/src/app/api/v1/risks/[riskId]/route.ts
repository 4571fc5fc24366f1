import { getRisk, updateRisk } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ riskId: string }>(async ({ ctx, params }) => getRisk(ctx, params.riskId));

export const PATCH = apiRoute<{ riskId: string }>(async ({ ctx, params, json }) => updateRisk(ctx, params.riskId, await json()));
