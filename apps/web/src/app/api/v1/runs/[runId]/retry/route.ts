import { retryRun } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const POST = apiRoute<{ runId: string }>(async ({ ctx, params }) => retryRun(ctx, params.runId), { status: 202 });
