import { getSystem, updateSystem } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ systemId: string }>(async ({ ctx, params }) => getSystem(ctx, params.systemId));

export const PATCH = apiRoute<{ systemId: string }>(async ({ ctx, params, json }) => updateSystem(ctx, params.systemId, await json()));
