import { getReview, recordRecommendation } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** Every recommendation of the review, oldest first, each with `stale` and `superseded`. */
export const GET = apiRoute<{ reviewId: string }>(async ({ ctx, params }) => (await getReview(ctx, params.reviewId)).recommendations);

/** A scientist's recommendation: { outcome, rationale, conditions?, unknowns? }, bound to the current evidence. */
export const POST = apiRoute<{ reviewId: string }>(async ({ ctx, params, json }) => recordRecommendation(ctx, params.reviewId, await json()), { status: 201 });
