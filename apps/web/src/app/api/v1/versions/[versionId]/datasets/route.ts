import { listDatasets, uploadDatasetMultipart } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ versionId: string }>(async ({ ctx, params }) => listDatasets(ctx, params.versionId));

/** multipart/form-data with fields `name` (optional), `mapping` (JSON) and `file`; streamed, never buffered whole. */
export const POST = apiRoute<{ versionId: string }>(
  async ({ ctx, req, params }) =>
    uploadDatasetMultipart(ctx, params.versionId, {
      contentType: req.headers.get("content-type"),
      contentLength: req.headers.get("content-length"),
      body: req.body,
    }),
  { status: 201 },
);
