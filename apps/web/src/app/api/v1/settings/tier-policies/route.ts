import { listTierPolicies, updateTierPolicies } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** What each risk tier requires in this organisation: evaluations, sign-offs, review SLA, exception limits. */
export const GET = apiRoute(async ({ ctx }) => listTierPolicies(ctx));

/** Body: { policies: TierPolicy[] }. Admins only; every changed tier is audited. */
export const PUT = apiRoute(async ({ ctx, json }) => updateTierPolicies(ctx, await json()));
