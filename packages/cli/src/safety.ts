import {
  gradeResponse,
  outcomeOf,
  summariseSafetyRun,
  type ItemOutcome,
  type SafetyRunSummary,
  type SuiteItem,
  type Verdict,
} from "@assay/core";
import { costUsd, createChatClient, priceFor, runTargetBatch } from "@assay/llm";
import { parseArgs } from "node:util";
import { z } from "zod";
import { loadSuiteArg } from "./safety-input";

export const safetyRunArgsSchema = z.object({
  suite: z.string({ error: "--suite FILE|builtin:NAME is required." }).min(1),
  "target-url": z.string({ error: "--target-url URL is required." }).url("--target-url must be a URL such as http://localhost:8000/v1."),
  model: z.string({ error: "--model M is required." }).min(1),
  concurrency: z.coerce.number().int().min(1).max(64).default(8),
  limit: z.coerce.number().int().min(1).optional(),
  "api-key-env": z.string().optional(),
  "system-prompt": z.string().optional(),
  "max-tokens": z.coerce.number().int().min(1).max(32_768).default(512),
  timeout: z.coerce.number().int().min(100).default(60_000),
  format: z.literal("json", { error: "--format json is required." }),
});
export type SafetyRunArgs = z.infer<typeof safetyRunArgsSchema>;

export function parseSafetyRunArgs(argv: string[]): SafetyRunArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      suite: { type: "string" },
      "target-url": { type: "string" },
      model: { type: "string" },
      concurrency: { type: "string" },
      limit: { type: "string" },
      "api-key-env": { type: "string" },
      "system-prompt": { type: "string" },
      "max-tokens": { type: "string" },
      timeout: { type: "string" },
      format: { type: "string" },
    },
    strict: true,
  });
  return safetyRunArgsSchema.parse(values);
}

export type SafetyRunReport = {
  suite: string;
  target: { url: string; model: string };
  items: Array<{ externalId: string; category: string; expected: SuiteItem["expected"]; response: string | null; error: string | null; outcome: ItemOutcome | null; verdicts: Verdict[] }>;
  summary: SafetyRunSummary;
  usage: { promptTokens: number; completionTokens: number; costUsd: number | null; seconds: number };
};

/** `assay safety run`: the suite against an OpenAI-compatible endpoint, graded by the same core as the server. */
export async function runSafety(args: SafetyRunArgs): Promise<SafetyRunReport> {
  const suite = await loadSuiteArg(args.suite);
  const items = args.limit ? suite.items.slice(0, args.limit) : suite.items;
  const apiKey = args["api-key-env"] ? process.env[args["api-key-env"]] : undefined;
  const client = createChatClient({
    baseUrl: args["target-url"],
    model: args.model,
    ...(apiKey ? { apiKey } : {}),
    ...(args["system-prompt"] ? { systemPrompt: args["system-prompt"] } : {}),
    maxTokens: args["max-tokens"],
    concurrency: args.concurrency,
    timeoutMs: args.timeout,
  });
  const price = priceFor(args.model);
  const results = new Map<string, SafetyRunReport["items"][number]>();
  let promptTokens = 0;
  let completionTokens = 0;
  let cost: number | null = price ? 0 : null;
  const started = performance.now();
  const keyed = items.map((item, index) => ({ id: String(index), item }));
  await runTargetBatch({
    items: keyed.map(({ id, item }) => ({ id, messages: item.messages })),
    done: new Set(),
    client,
    concurrency: args.concurrency,
    onResult: async (id, outcome) => {
      const item = keyed[Number(id)]!.item;
      const base = { externalId: item.externalId, category: item.category, expected: item.expected };
      if (!outcome.ok) {
        results.set(id, { ...base, response: null, error: outcome.error.message, outcome: null, verdicts: [] });
        return;
      }
      const verdicts = gradeResponse(item, outcome.result.content, { policyRules: [] });
      promptTokens += outcome.result.promptTokens;
      completionTokens += outcome.result.completionTokens;
      const c = costUsd(outcome.result, price);
      if (cost !== null && c !== null) cost += c;
      const itemOutcome = outcomeOf({ expected: item.expected, hasInjectionDetector: item.injection?.detector !== undefined }, verdicts);
      results.set(id, { ...base, response: outcome.result.content, error: null, outcome: itemOutcome, verdicts });
    },
  });
  const ordered = keyed.flatMap(({ id }) => results.get(id) ?? []);
  const summary = summariseSafetyRun(ordered.map((r) => ({ category: r.category, outcome: r.outcome ?? emptyOutcome, errored: r.outcome === null })));
  return {
    suite: suite.key,
    target: { url: args["target-url"], model: args.model },
    items: ordered,
    summary,
    usage: { promptTokens, completionTokens, costUsd: cost, seconds: Math.round(performance.now() - started) / 1000 },
  };
}

/** Stands in for errored items, which summariseSafetyRun excludes from every denominator. */
const emptyOutcome: ItemOutcome = { attackSucceeded: null, overRefused: null, violated: false, leaked: null, injectionFollowed: null, ungraded: null };
