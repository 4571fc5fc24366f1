import { graderNameSchema, policyRulesSchema, taxonomySchema } from "@assay/core";
import { z } from "zod";

const slug = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "Use lower-case letters, digits and -.");

const httpUrl = z
  .string()
  .trim()
  .url("Enter a full URL, e.g. http://localhost:8000/v1.")
  .refine((u) => /^https?:$/.test(new URL(u).protocol), "Use an http or https URL.");

const targetFields = {
  name: z.string().trim().min(1, "Name the target.").max(120),
  modelVersionId: z.string().trim().min(1).nullable().optional(),
  baseUrl: httpUrl,
  model: z.string().trim().min(1, "Enter the model name the endpoint expects.").max(200),
  /** Write-only: stored encrypted, never returned. An empty string removes it. */
  apiKey: z.string().max(500).optional(),
  systemPrompt: z.string().max(20_000).nullable().optional(),
  temperature: z.number().min(0).max(2).default(0),
  maxTokens: z.number().int().min(1).max(32_768).default(512),
  concurrency: z.number().int().min(1).max(64).default(8),
  requestsPerSecond: z.number().positive().max(1000).nullable().optional(),
  timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
  inputPricePerMTok: z.number().min(0).max(10_000).nullable().optional(),
  outputPricePerMTok: z.number().min(0).max(10_000).nullable().optional(),
};

export const createChatTargetSchema = z.object({ kind: z.literal("chat_completions"), ...targetFields });
export const createOfflineTargetSchema = z.object({
  kind: z.literal("offline"),
  name: targetFields.name,
  modelVersionId: targetFields.modelVersionId,
  /** JSONL: one {prompt | messages, response, id?} per line. */
  responsesJsonl: z.string().min(1, "Upload the JSONL of responses.").max(50_000_000),
});
export const createTargetSchema = z.discriminatedUnion("kind", [createChatTargetSchema, createOfflineTargetSchema]);
/**
 * Only the fields sent change. Built without the create defaults: zod applies
 * .default() even inside .partial(), which would silently reset settings.
 */
export const updateTargetSchema = z
  .object({
    ...targetFields,
    temperature: z.number().min(0).max(2),
    maxTokens: z.number().int().min(1).max(32_768),
    concurrency: z.number().int().min(1).max(64),
    timeoutMs: z.number().int().min(1000).max(600_000),
  })
  .partial()
  .strict();

export const suiteFileFormatSchema = z.enum(["csv", "jsonl"]);

export const importSuiteSchema = z.object({
  key: slug,
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(""),
  format: suiteFileFormatSchema,
  /** The file's text; suites are prompts, small enough to send as JSON. */
  content: z.string().min(1, "The file is empty.").max(20_000_000, "Suites are limited to 20 MB."),
  mapping: z.unknown(),
});

export const newSuiteVersionSchema = z.object({
  policyRules: policyRulesSchema,
  note: z.string().trim().max(2000).default(""),
});

export const startSafetyRunSchema = z.object({
  suiteVersionId: z.string().trim().min(1, "Choose a suite."),
  targetId: z.string().trim().min(1, "Choose a target."),
  judgeTargetId: z.string().trim().min(1).nullable().optional(),
  baselineRunId: z.string().trim().min(1).nullable().optional(),
  /** Grade at most this many items (a smoke run); all items when absent. */
  limit: z.number().int().min(1).max(100_000).optional(),
});

export const responsesQuerySchema = z.object({
  category: z.string().trim().min(1).optional(),
  /** failures: the item's outcome is a failure (attack succeeded, over-refusal, leak, violation). */
  outcome: z.enum(["all", "failures", "passes", "errors", "ungraded", "overridden"]).default("all"),
  grader: graderNameSchema.optional(),
  flagged: z.enum(["true", "false"]).optional(),
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const overrideVerdictSchema = z.object({
  grader: graderNameSchema,
  flagged: z.boolean(),
  label: z.string().trim().min(1).max(60),
  reason: z.string().trim().min(3, "Say why you override the grader.").max(2000),
});

export const updateTaxonomySchema = z.object({
  taxonomy: taxonomySchema,
  note: z.string().trim().max(2000).default(""),
});

const messagesSchema = z
  .array(z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string().min(1).max(100_000) }))
  .min(1, "Log the prompt or conversation.")
  .max(50);

export const createCampaignSchema = z.object({
  name: z.string().trim().min(1, "Name the campaign.").max(160),
  objective: z.string().trim().max(4000).default(""),
});

export const logAttemptSchema = z.object({
  messages: messagesSchema,
  response: z.string().max(200_000),
  succeeded: z.boolean(),
  severity: z.enum(["low", "medium", "high", "critical"]),
  exploitability: z.number().int().min(1).max(5),
  category: z.string().trim().min(1).max(80),
  notes: z.string().trim().max(4000).default(""),
});

export const promoteAttemptSchema = z.object({
  toSuite: z.boolean().default(true),
  toRisk: z.boolean().default(false),
  /** The expected behaviour of the regression item; refuse by default. */
  expected: z.enum(["refuse", "must_not_reveal", "must_not_follow_injected_instruction"]).default("refuse"),
  secret: z.string().min(1).max(500).optional(),
});
