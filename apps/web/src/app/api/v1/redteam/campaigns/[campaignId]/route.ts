import { getCampaign, setCampaignStatus } from "@assay/services";
import { z } from "zod";
import { apiRoute } from "@/lib/api";

const bodySchema = z.object({ status: z.enum(["active", "closed"]) });

export const GET = apiRoute<{ campaignId: string }>(async ({ ctx, params }) => getCampaign(ctx, params.campaignId));

/** Body: { status: "active" | "closed" }. */
export const PATCH = apiRoute<{ campaignId: string }>(async ({ ctx, params, json }) => setCampaignStatus(ctx, params.campaignId, bodySchema.parse(await json()).status));
