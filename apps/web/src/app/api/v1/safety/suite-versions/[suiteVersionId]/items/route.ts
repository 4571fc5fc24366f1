import { listSuiteItems } from "@assay/services";
import { z } from "zod";
import { apiRoute } from "@/lib/api";

const querySchema = z.object({
  category: z.string().trim().min(1).optional(),
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = apiRoute<{ suiteVersionId: string }>(async ({ ctx, params, req }) =>
  listSuiteItems(ctx, params.suiteVersionId, querySchema.parse(Object.fromEntries(req.nextUrl.searchParams))),
);
