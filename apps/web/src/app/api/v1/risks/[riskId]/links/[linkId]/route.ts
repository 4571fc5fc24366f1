import { removeRiskLink } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const DELETE = apiRoute<{ riskId: string; linkId: string }>(async ({ ctx, params }) => removeRiskLink(ctx, params.riskId, params.linkId));
