import { getIncidentLevelDefinitions, updateIncidentLevelDefinitions } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** The organisation's definitions of Sev-1 … Sev-4 and near miss (the defaults until an admin edits them). */
export const GET = apiRoute(async ({ ctx }) => getIncidentLevelDefinitions(ctx));

/** Admins only. Body: { definitions: { sev1, sev2, sev3, sev4, near_miss } }. Audited. */
export const PUT = apiRoute(async ({ ctx, json }) => updateIncidentLevelDefinitions(ctx, await json()));
