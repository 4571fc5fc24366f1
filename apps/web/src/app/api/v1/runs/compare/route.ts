import { compareRuns, compareRunsQuerySchema } from "@assay/services";
import { apiRoute } from "@/lib/api";

/**
 * Baseline against candidate: ?baseline=<run id>&candidate=<run id>, two
 * succeeded fairness runs of the same AI system. 400 when an id is missing or
 * the systems differ, 404 for a run the caller cannot see, 409 for a run that
 * has not succeeded.
 */
export const GET = apiRoute(async ({ ctx, req }) => {
  const query = compareRunsQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return compareRuns(ctx, query.baseline, query.candidate);
});
