import { overrideVerdict } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** Body: { grader, label, flagged, reason }. Recomputes the run's metrics and gates. */
export const POST = apiRoute<{ responseId: string }>(async ({ ctx, params, json }) => overrideVerdict(ctx, params.responseId, await json()), { status: 201 });
