import { getTaxonomy, updateTaxonomy } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(async ({ ctx }) => getTaxonomy(ctx));

/** Body: { taxonomy: { version, categories, mappings }, note? }. Admins only; appends a version. */
export const PUT = apiRoute(async ({ ctx, json }) => updateTaxonomy(ctx, await json()));
