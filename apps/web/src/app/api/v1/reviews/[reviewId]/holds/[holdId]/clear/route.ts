import { clearHold } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** An approver clears a hold: { rationale } of at least 10 characters. */
export const POST = apiRoute<{ reviewId: string; holdId: string }>(async ({ ctx, params, json }) =>
  clearHold(ctx, params.reviewId, params.holdId, await json()),
);
