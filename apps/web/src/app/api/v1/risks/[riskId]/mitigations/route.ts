import { createMitigation, listMitigations } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ riskId: string }>(async ({ ctx, params }) => listMitigations(ctx, params.riskId));

/** Body: { type, description, ownerId?, dueDate?, acceptanceChecks: PlanCheck[] (at least one) }. */
export const POST = apiRoute<{ riskId: string }>(async ({ ctx, params, json }) => createMitigation(ctx, params.riskId, await json()), { status: 201 });
