import { getSuite } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ suiteId: string }>(async ({ ctx, params }) => getSuite(ctx, params.suiteId));
