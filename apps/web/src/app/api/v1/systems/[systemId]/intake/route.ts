import { getIntake, submitIntake } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** The system's intake questionnaire, proposed tier and reasons, override, and what its tier requires. */
export const GET = apiRoute<{ systemId: string }>(async ({ ctx, params }) => getIntake(ctx, params.systemId));

/** Body: { answers, overrideTier?, overrideRationale? }. Scientists only; sets the system's tier. */
export const PUT = apiRoute<{ systemId: string }>(async ({ ctx, params, json }) => submitIntake(ctx, params.systemId, await json()));
