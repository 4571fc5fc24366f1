import { createException, listExceptions } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** The register. Filters: ?status=active|expiring|expired|revoked|all&systemId=&versionId= */
export const GET = apiRoute(async ({ ctx, req }) => listExceptions(ctx, Object.fromEntries(req.nextUrl.searchParams)));

/**
 * An approver grants an exception on a failing or missing gate of a review:
 * { reviewId, gateKey, scope?, rationale, compensatingControls, residualRisk, expiresAt, reReviewAt, requestedById? }.
 */
export const POST = apiRoute(async ({ ctx, json }) => createException(ctx, await json()), { status: 201 });
