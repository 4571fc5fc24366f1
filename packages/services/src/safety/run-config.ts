import { policyRulesSchema } from "@assay/core";
import { z } from "zod";

/**
 * What a safety run was set up with, frozen when it starts: the target's
 * settings (not its key), the graders' configuration and the judge. A rerun
 * of the same suite version with the same config is the same experiment.
 */
export const safetyRunConfigSchema = z.object({
  suite: z.object({ key: z.string(), version: z.number().int(), sourceVersion: z.string() }),
  target: z.object({
    kind: z.enum(["chat_completions", "offline"]),
    name: z.string(),
    baseUrl: z.string().nullable(),
    model: z.string().nullable(),
    systemPromptSha256: z.string().nullable(),
    temperature: z.number(),
    maxTokens: z.number().int(),
    concurrency: z.number().int(),
    requestsPerSecond: z.number().nullable(),
    timeoutMs: z.number().int(),
    offlineSha256: z.string().nullable(),
  }),
  judge: z.object({ targetId: z.string(), model: z.string(), rubricVersion: z.string() }).nullable(),
  graders: z.object({ policyRules: policyRulesSchema, versions: z.record(z.string(), z.string()) }),
  /** Only the first `limit` items of the suite (a smoke run). */
  limit: z.number().int().positive().nullable(),
});
export type SafetyRunConfig = z.infer<typeof safetyRunConfigSchema>;
