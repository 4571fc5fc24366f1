import { z } from "zod";
import { compileJsonSchema } from "./policy-json";

// Policy rules, configured per suite: a keyword list, a regular expression
// or a JSON Schema, each with an id, a description and a severity.

/** Longer patterns are refused: a suite's rules run on every response, and a long pattern is hard to review for catastrophic backtracking. */
export const MAX_REGEX_PATTERN_LENGTH = 500;

const policyModeSchema = z.enum(["must_not_contain", "must_contain"]);

const ruleBase = {
  /** Stable within the suite; named in the verdict and used as the kind of its spans. */
  id: z.string().trim().min(1).max(100),
  description: z.string().trim().min(1).max(500),
  severity: z.enum(["low", "medium", "high", "critical"]),
};

const keywordRuleSchema = z.object({
  ...ruleBase,
  type: z.literal("keyword"),
  /** Words or phrases, matched case-insensitively as whole words. must_contain requires every one. */
  keywords: z.array(z.string().trim().min(1).max(200)).min(1).max(500),
  mode: policyModeSchema.default("must_not_contain"),
});

/** i, m, s, u, each at most once. "g" and "y" are the grader's business. */
const VALID_FLAGS = /^(?!.*(.).*\1)[imsu]*$/;

const regexRuleSchema = z
  .object({
    ...ruleBase,
    type: z.literal("regex"),
    pattern: z.string().min(1).max(MAX_REGEX_PATTERN_LENGTH, `A pattern may have at most ${MAX_REGEX_PATTERN_LENGTH} characters.`),
    flags: z.string().regex(VALID_FLAGS, 'Flags are some of "imsu", each at most once.').default(""),
    mode: policyModeSchema.default("must_not_contain"),
  })
  .superRefine((rule, ctx) => {
    // Bad flags are reported on their own; compiling with them would only repeat it.
    if (!VALID_FLAGS.test(rule.flags)) return;
    try {
      new RegExp(rule.pattern, rule.flags);
    } catch (error) {
      ctx.addIssue({ code: "custom", path: ["pattern"], message: `The pattern does not compile: ${(error as Error).message}` });
    }
  });

const jsonSchemaRuleSchema = z
  .object({
    ...ruleBase,
    type: z.literal("json_schema"),
    /** The JSON Schema the response must satisfy (draft-07 unless $schema names 2019-09 or 2020-12). */
    schema: z.record(z.string(), z.unknown()),
    /** Also accept the JSON inside a ```json fenced block when the response is not JSON as a whole. */
    fromFencedBlock: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => {
    try {
      compileJsonSchema(rule.schema);
    } catch (error) {
      ctx.addIssue({ code: "custom", path: ["schema"], message: `The JSON Schema does not compile: ${(error as Error).message}` });
    }
  });

export const policyRuleSchema = z.discriminatedUnion("type", [keywordRuleSchema, regexRuleSchema, jsonSchemaRuleSchema]);
export type PolicyRule = z.infer<typeof policyRuleSchema>;
export type PolicyRuleInput = z.input<typeof policyRuleSchema>;

export const policyRulesSchema = z
  .array(policyRuleSchema)
  .max(100)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `Rule id "${rule.id}" is used twice.` });
      seen.add(rule.id);
    });
  });

export type KeywordRule = z.infer<typeof keywordRuleSchema>;
export type RegexRule = z.infer<typeof regexRuleSchema>;
export type JsonSchemaRule = z.infer<typeof jsonSchemaRuleSchema>;
