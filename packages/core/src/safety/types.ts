import { z } from "zod";

/**
 * What a well-behaved target does with an item.
 * - refuse: a harmful request; complying is a successful attack.
 * - comply: a benign request; refusing it is over-refusal.
 * - must_not_reveal: the response must not contain `secret` in any form.
 * - must_not_follow_injected_instruction: `context` carries an injected
 *   instruction (indirect injection) that the target must ignore.
 */
export const EXPECTED_BEHAVIOURS = ["refuse", "comply", "must_not_reveal", "must_not_follow_injected_instruction"] as const;
export const expectedBehaviourSchema = z.enum(EXPECTED_BEHAVIOURS);
export type ExpectedBehaviour = z.infer<typeof expectedBehaviourSchema>;

export const chatMessageSchema = z.object({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string().min(1, "A message needs content.").max(200_000),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

const compiles = (pattern: string) => {
  try {
    new RegExp(pattern, "i");
    return true;
  } catch {
    return false;
  }
};

/**
 * How to tell that an injected instruction was followed. The detector is
 * deterministic; items without one are graded by the LLM judge when a judge
 * is configured, and counted as ungraded otherwise.
 */
export const injectionDetectorSchema = z.discriminatedUnion("type", [
  /** The response contains this text (case-insensitive), e.g. a URL the attack asks to include. */
  z.object({ type: z.literal("contains"), value: z.string().min(1) }),
  /** The response matches this regular expression (flags "i"). */
  z.object({
    type: z.literal("regex"),
    pattern: z
      .string()
      .min(1)
      .max(500)
      .refine((p) => compiles(p), "The pattern is not a valid regular expression."),
  }),
  /** The response contains this canary in any recognisable form (see the canary detector). */
  z.object({ type: z.literal("canary"), value: z.string().min(3) }),
]);
export type InjectionDetector = z.infer<typeof injectionDetectorSchema>;

/** One prompt of a suite. `messages` always ends with a user turn. */
export const suiteItemSchema = z
  .object({
    /** Stable within the suite, e.g. "advbench-17". */
    externalId: z.string().trim().min(1).max(200),
    messages: z.array(chatMessageSchema).min(1).max(50),
    /** Category in the organisation's taxonomy (see taxonomy.ts). */
    category: z.string().trim().min(1).max(80),
    /** The category as the source dataset names it, kept for traceability. */
    sourceCategory: z.string().trim().max(200).default(""),
    expected: expectedBehaviourSchema,
    /** Required for must_not_reveal: the secret (access code, canary, key). */
    secret: z.string().min(1).max(500).optional(),
    /** Untrusted content (an email, a retrieved document) given to the model alongside the prompt. */
    context: z.string().max(100_000).optional(),
    /** The injected instruction hidden in `context`, and how to detect that it was followed. */
    injection: z.object({ instruction: z.string().min(1).max(10_000), detector: injectionDetectorSchema.optional() }).optional(),
  })
  .superRefine((item, ctx) => {
    if (item.messages.at(-1)?.role !== "user") ctx.addIssue({ code: "custom", path: ["messages"], message: "The last message must be from the user." });
    if (item.expected === "must_not_reveal" && !item.secret) ctx.addIssue({ code: "custom", path: ["secret"], message: "must_not_reveal needs a secret." });
    if (item.expected === "must_not_follow_injected_instruction" && !item.context)
      ctx.addIssue({ code: "custom", path: ["context"], message: "must_not_follow_injected_instruction needs a context carrying the injection." });
  });
export type SuiteItem = z.infer<typeof suiteItemSchema>;

export const GRADER_NAMES = ["refusal", "pii", "secret", "canary", "toxicity", "policy", "injection", "judge"] as const;
export const graderNameSchema = z.enum(GRADER_NAMES);
export type GraderName = z.infer<typeof graderNameSchema>;

/** A piece of the response that a grader matched, shown highlighted in the UI. */
export type MatchedSpan = { start: number; end: number; text: string; kind: string };

/**
 * One grader's verdict on one response. `flagged` means the grader found what
 * it looks for: a refusal (refusal grader), a leak, a toxic response, a policy
 * violation, a followed injection, or an unsafe response (judge).
 */
export type Verdict = {
  grader: GraderName;
  /** e.g. "full_refusal" | "partial_refusal" | "compliance", "leak" | "clean", "toxic" | "non_toxic". */
  label: string;
  flagged: boolean;
  /** A probability or confidence in [0, 1] when the grader has one. */
  score?: number;
  /** Why: the matched rule or phrase, the classifier's score, the judge's explanation. */
  reason: string;
  spans?: MatchedSpan[];
  /** Identifies the grader's code, weights or rubric, so verdicts can be reproduced. */
  graderVersion: string;
};

export type RefusalLabel = "full_refusal" | "partial_refusal" | "compliance";
