import { getRiskHistory } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** The audit events of the risk, its links and its mitigations, oldest first. */
export const GET = apiRoute<{ riskId: string }>(async ({ ctx, params }) => getRiskHistory(ctx, params.riskId));
