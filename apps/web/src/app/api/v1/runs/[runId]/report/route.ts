import { getRunReport, runReportFormatSchema } from "@assay/services";
import { z } from "zod";
import { apiRoute } from "@/lib/api";

const querySchema = z.object({ format: runReportFormatSchema });

/** GET ?format=pdf|md: the run's fairness assessment report as a download (anyone who may read the run, auditors included). */
export const GET = apiRoute<{ runId: string }>(async ({ ctx, req, params }) => {
  const { format } = querySchema.parse({ format: req.nextUrl.searchParams.get("format") ?? undefined });
  const file = await getRunReport(ctx, params.runId, format);
  // BodyInit takes only an ArrayBuffer-backed Uint8Array, and pdf-lib's type leaves the buffer kind open; a copy of a small PDF settles it.
  const body = typeof file.body === "string" ? file.body : new Uint8Array(file.body);
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
