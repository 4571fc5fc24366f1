import { getDataset } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ datasetId: string }>(async ({ ctx, params }) => getDataset(ctx, params.datasetId));
