import { getDecisionMemo } from "@assay/services";
import { apiRoute } from "@/lib/api";
import { downloadResponse } from "@/lib/download";

/** The review's decision memo: ?format=md (default) or pdf. Every member may read it, auditors included. */
export const GET = apiRoute<{ reviewId: string }>(async ({ ctx, params, req }) =>
  downloadResponse(await getDecisionMemo(ctx, params.reviewId, req.nextUrl.searchParams.get("format") ?? "md")),
);
