import { getTarget, updateTarget } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ targetId: string }>(async ({ ctx, params }) => getTarget(ctx, params.targetId));

/** Any subset of the target's settings; apiKey "" removes the stored key. */
export const PATCH = apiRoute<{ targetId: string }>(async ({ ctx, params, json }) => updateTarget(ctx, params.targetId, await json()));
