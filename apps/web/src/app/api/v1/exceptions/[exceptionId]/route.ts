import { getException } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ exceptionId: string }>(async ({ ctx, params }) => getException(ctx, params.exceptionId));
