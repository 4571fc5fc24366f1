import { verifyMitigation } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** Body: { modelVersionId }: a later version of the risk's system; its runs decide verified or failed. */
export const POST = apiRoute<{ mitigationId: string }>(async ({ ctx, params, json }) => verifyMitigation(ctx, params.mitigationId, await json()));
