import { getModelVersion } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ versionId: string }>(async ({ ctx, params }) => getModelVersion(ctx, params.versionId));
