import { signOff } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const POST = apiRoute<{ reviewId: string }>(async ({ ctx, params, json }) => signOff(ctx, params.reviewId, await json()), { status: 201 });
