import { roleSchema } from "@assay/core";
import { ReleaseDecisionOutcome, ReviewStatus } from "@assay/db";
import { z } from "zod";

const idSchema = z.string().trim().min(1);

export const openReviewSchema = z.object({
  modelVersionId: idSchema,
  title: z.string().trim().min(1, "Give the review a title.").max(200, "Keep the title under 200 characters."),
});
export type OpenReviewInput = z.infer<typeof openReviewSchema>;

export const signOffSchema = z.object({
  role: roleSchema,
  comment: z.string().trim().max(2000, "Keep the comment under 2000 characters.").default(""),
});
export type SignOffInput = z.infer<typeof signOffSchema>;

export const decisionOutcomeSchema = z.enum(ReleaseDecisionOutcome, { error: "Choose an outcome: go, no-go or go with conditions." });

export const decideSchema = z.object({
  outcome: decisionOutcomeSchema,
  rationale: z.string().trim().min(10, "Explain the decision in at least 10 characters.").max(8000),
  conditions: z.string().trim().max(8000).default(""),
});
export type DecideInput = z.infer<typeof decideSchema>;

export const listReviewsFilterSchema = z.object({
  versionId: idSchema.optional(),
  systemId: idSchema.optional(),
  status: z.enum(ReviewStatus, { error: "Filter by status open or decided." }).optional(),
});
export type ListReviewsFilter = z.infer<typeof listReviewsFilterSchema>;

export const recommendSchema = z.object({
  outcome: decisionOutcomeSchema,
  rationale: z.string().trim().min(10, "Explain the recommendation in at least 10 characters.").max(8000, "Keep the rationale under 8000 characters."),
  conditions: z.string().trim().max(8000, "Keep the conditions under 8000 characters.").default(""),
  /** What is not known: gaps in the evidence, untested populations, open questions. */
  unknowns: z.string().trim().max(8000, "Keep the unknowns under 8000 characters.").default(""),
});
export type RecommendInput = z.infer<typeof recommendSchema>;

export const HOLD_CONCERNS = ["safety", "privacy", "other"] as const;
export const holdConcernSchema = z.enum(HOLD_CONCERNS, { error: "Choose a concern: safety, privacy or other." });

export const placeHoldSchema = z.object({
  concern: holdConcernSchema,
  reason: z.string().trim().min(10, "Describe the concern in at least 10 characters.").max(4000, "Keep the reason under 4000 characters."),
});
export type PlaceHoldInput = z.infer<typeof placeHoldSchema>;

export const clearHoldSchema = z.object({
  rationale: z.string().trim().min(10, "Explain why the hold can be cleared in at least 10 characters.").max(4000, "Keep the rationale under 4000 characters."),
});
export type ClearHoldInput = z.infer<typeof clearHoldSchema>;
