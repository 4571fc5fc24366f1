import { createTarget, listTargets } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** ?modelVersionId= narrows to one version's targets. API keys are never returned. */
export const GET = apiRoute(async ({ ctx, req }) => listTargets(ctx, { modelVersionId: req.nextUrl.searchParams.get("modelVersionId") ?? undefined }));

/** Body: { kind: "chat_completions", name, baseUrl, model, apiKey?, … } or { kind: "offline", name, responsesJsonl }. */
export const POST = apiRoute(async ({ ctx, json }) => createTarget(ctx, await json()), { status: 201 });
