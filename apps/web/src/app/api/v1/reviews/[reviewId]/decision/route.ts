import { decide } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const POST = apiRoute<{ reviewId: string }>(async ({ ctx, params, json }) => decide(ctx, params.reviewId, await json()), { status: 201 });
