import { listVerificationVersions } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** The baseline version of the risk and the later versions of its system its mitigations may be verified on. */
export const GET = apiRoute<{ riskId: string }>(async ({ ctx, params }) => listVerificationVersions(ctx, params.riskId));
