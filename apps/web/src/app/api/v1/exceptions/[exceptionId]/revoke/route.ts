import { revokeException } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** An approver revokes an exception still in force: { reason }. */
export const POST = apiRoute<{ exceptionId: string }>(async ({ ctx, params, json }) => revokeException(ctx, params.exceptionId, await json()));
