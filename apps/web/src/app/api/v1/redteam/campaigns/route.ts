import { listCampaigns } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(async ({ ctx }) => listCampaigns(ctx));
