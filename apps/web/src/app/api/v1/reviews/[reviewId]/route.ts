import { getReview } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** The review with its computed checklist, every sign-off (with `stale`) and the decision. */
export const GET = apiRoute<{ reviewId: string }>(async ({ ctx, params }) => getReview(ctx, params.reviewId));
