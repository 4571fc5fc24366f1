import { listReviews, openReview } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** Filters: ?versionId=&systemId=&status=open|decided */
export const GET = apiRoute(async ({ ctx, req }) => listReviews(ctx, Object.fromEntries(req.nextUrl.searchParams)));

export const POST = apiRoute(async ({ ctx, json }) => openReview(ctx, await json()), { status: 201 });
