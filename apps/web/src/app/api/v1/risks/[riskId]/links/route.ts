import { addRiskLink, listRiskLinks } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ riskId: string }>(async ({ ctx, params }) => listRiskLinks(ctx, params.riskId));

/** Body: { kind: "run" | "finding" | "incident" | "review", targetId }. */
export const POST = apiRoute<{ riskId: string }>(async ({ ctx, params, json }) => addRiskLink(ctx, params.riskId, await json()), { status: 201 });
