import { importSuite, listSuites } from "@assay/services";
import { apiRoute } from "@/lib/api";

/** The organisation's suites, and the built-in ones it has not installed yet. */
export const GET = apiRoute(async ({ ctx }) => listSuites(ctx));

/** Body: { key, name, description?, format: "csv" | "jsonl", content, mapping }. */
export const POST = apiRoute(async ({ ctx, json }) => importSuite(ctx, await json()), { status: 201 });
