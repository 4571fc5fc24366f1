import { createModelVersion, listModelVersions } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ systemId: string }>(async ({ ctx, params }) => listModelVersions(ctx, params.systemId));

export const POST = apiRoute<{ systemId: string }>(
  async ({ ctx, params, json }) => createModelVersion(ctx, params.systemId, await json()),
  { status: 201 },
);
