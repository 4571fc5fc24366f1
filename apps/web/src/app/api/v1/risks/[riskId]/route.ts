import { getRisk, updateRisk } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ riskId: string }>(async ({ ctx, params }) => getRisk(ctx, params.riskId));

/** Any editable field; "mitigated" needs every mitigation verified (409), "accepted" an approver or product owner (403). */
export const PATCH = apiRoute<{ riskId: string }>(async ({ ctx, params, json }) => updateRisk(ctx, params.riskId, await json()));
