import { verifyOrgAuditChain } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** Recomputes the organisation's audit hash chain: { ok, checked, headHash } or { ok: false, brokenAtSeq, reason }. */
export const GET = apiRoute(async ({ ctx }) => verifyOrgAuditChain(ctx));
