import { promoteAttempt } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** Body: { toSuite?, toRisk?, expected?, secret? }. Adds the attack to the system's regression suite and/or opens a risk. */
export const POST = apiRoute<{ attemptId: string }>(async ({ ctx, params, json }) => promoteAttempt(ctx, params.attemptId, await json()), { status: 201 });
