import { exportRunResults, runExportFormatSchema } from "@assay/services";
import { z } from "zod";
import { apiRoute } from "@/lib/api";

const querySchema = z.object({ format: runExportFormatSchema });

/** GET ?format=csv|json: the run's results as a download (anyone who may read the run, auditors included). */
export const GET = apiRoute<{ runId: string }>(async ({ ctx, req, params }) => {
  const { format } = querySchema.parse({ format: req.nextUrl.searchParams.get("format") ?? undefined });
  const file = await exportRunResults(ctx, params.runId, format);
  return new Response(file.body, {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
