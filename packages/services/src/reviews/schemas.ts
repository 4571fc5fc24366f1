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
