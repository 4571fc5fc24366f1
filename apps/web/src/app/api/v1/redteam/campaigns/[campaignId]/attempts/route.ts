import { logAttempt } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** Body: { messages, response, succeeded, severity, exploitability (1–5), category, notes? }. */
export const POST = apiRoute<{ campaignId: string }>(async ({ ctx, params, json }) => logAttempt(ctx, params.campaignId, await json()), { status: 201 });
