import { getRiskHeatmaps } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** Both 5×5 heat maps (inherent and residual) of the risks matching the register's filters; cell filters are ignored. */
export const GET = apiRoute(async ({ ctx, req }) => getRiskHeatmaps(ctx, Object.fromEntries(req.nextUrl.searchParams)));
