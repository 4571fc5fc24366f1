import { saveSuitePolicyRules } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** Body: { policyRules, note? }. Appends a version with the same items and these rules. */
export const POST = apiRoute<{ suiteId: string }>(async ({ ctx, params, json }) => saveSuitePolicyRules(ctx, params.suiteId, await json()), { status: 201 });
