import { buildEvidencePack } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** The review's evidence pack as a ZIP; the manifest's SHA-256 is also sent as a header. */
export const GET = apiRoute<{ reviewId: string }>(async ({ ctx, params }) => {
  const pack = await buildEvidencePack(ctx, params.reviewId);
  return new Response(Buffer.from(pack.zip), {
    status: 200,
    headers: {
      "content-type": "application/zip",
      "content-length": String(pack.zip.byteLength),
      "content-disposition": `attachment; filename="${pack.fileName}"`,
      "x-assay-manifest-sha256": pack.manifestSha256,
      "cache-control": "no-store",
    },
  });
});
