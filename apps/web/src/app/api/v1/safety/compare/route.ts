import { compareSafety } from "@assay/services";
import { z } from "zod";
import { apiRoute } from "@/lib/api";

const querySchema = z.object({ baseline: z.string().trim().min(1, "Choose a baseline run."), candidate: z.string().trim().min(1, "Choose a candidate run.") });

/** ?baseline=<runId>&candidate=<runId> */
export const GET = apiRoute(async ({ ctx, req }) => {
  const { baseline, candidate } = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return compareSafety(ctx, baseline, candidate);
});
