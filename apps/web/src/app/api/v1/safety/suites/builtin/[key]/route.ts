import { installBuiltinSuite } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** Installs a built-in suite into the organisation; installing it again returns the same suite. */
export const POST = apiRoute<{ key: string }>(async ({ ctx, params }) => installBuiltinSuite(ctx, params.key), { status: 201 });
