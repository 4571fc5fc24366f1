import { createSystem, listSystems } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(async ({ ctx }) => listSystems(ctx));

export const POST = apiRoute(async ({ ctx, json }) => createSystem(ctx, await json()), { status: 201 });
