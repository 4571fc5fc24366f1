import { getSafetyRunReport, runReportFormatSchema } from "@assay/services";
import { z } from "zod";
import { apiRoute } from "@/lib/api";
import { downloadResponse } from "@/lib/download";

const querySchema = z.object({ format: runReportFormatSchema });

/** GET ?format=pdf|md: the run's safety assessment report (anyone who may read the run, auditors included). */
export const GET = apiRoute<{ safetyRunId: string }>(async ({ ctx, req, params }) => {
  const { format } = querySchema.parse({ format: req.nextUrl.searchParams.get("format") ?? undefined });
  return downloadResponse(await getSafetyRunReport(ctx, params.safetyRunId, format));
});
