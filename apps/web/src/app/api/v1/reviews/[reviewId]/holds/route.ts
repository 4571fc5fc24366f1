import { getReview, placeHold } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** Every hold of the review, placed and cleared, oldest first. */
export const GET = apiRoute<{ reviewId: string }>(async ({ ctx, params }) => (await getReview(ctx, params.reviewId)).holds);

/** Any member but an auditor: { concern: "safety" | "privacy" | "other", reason }. */
export const POST = apiRoute<{ reviewId: string }>(async ({ ctx, params, json }) => placeHold(ctx, params.reviewId, await json()), { status: 201 });
