import { listSafetyRuns } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** ?suite=<key> narrows to one suite's runs. */
export const GET = apiRoute(async ({ ctx, req }) => listSafetyRuns(ctx, { suiteKey: req.nextUrl.searchParams.get("suite") ?? undefined }));
