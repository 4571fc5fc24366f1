import { getRun } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ runId: string }>(async ({ ctx, params }) => getRun(ctx, params.runId));
