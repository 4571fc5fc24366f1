import { MANUAL_MITIGATION_STATUSES, planCheckSchema } from "@assay/core";
import { MitigationType } from "@assay/db";
import { z } from "zod";
import { dueDateSchema } from "../risks/schemas";

export const mitigationTypeSchema = z.enum(MitigationType, {
  error: "Choose a type: data rebalancing, reweighting, threshold change, post-processing, filter/guardrail, prompt change, UX change, monitoring, rollback or other.",
});

/** What a run must show for the mitigation to count: plan checks, validated as plans validate them. */
export const acceptanceChecksSchema = z
  .array(planCheckSchema)
  .min(1, "A mitigation needs at least one acceptance check: what a run on the fixed version must show.")
  .refine((checks) => new Set(checks.map((c) => c.id)).size === checks.length, { message: "Check ids must be unique." });

const idSchema = z.string().trim().min(1);

const mitigationFields = {
  type: mitigationTypeSchema,
  description: z.string().trim().min(5, "Describe the mitigation in a sentence.").max(4000, "Keep the description under 4000 characters."),
  ownerId: idSchema,
  dueDate: dueDateSchema,
  acceptanceChecks: acceptanceChecksSchema,
};

export const createMitigationSchema = z.object({
  ...mitigationFields,
  /** Defaults to the person adding the mitigation. */
  ownerId: mitigationFields.ownerId.optional(),
  dueDate: mitigationFields.dueDate.optional(),
});
export type CreateMitigationInput = z.infer<typeof createMitigationSchema>;

export const updateMitigationSchema = z
  .object({
    ...mitigationFields,
    /** Only the working states; "verified" and "failed" come from verifyMitigation. */
    status: z.enum(MANUAL_MITIGATION_STATUSES, {
      error: "Set the status to planned or in progress; verified and failed come only from verifying on a later model version.",
    }),
  })
  .partial()
  .refine((input) => Object.values(input).some((v) => v !== undefined), { message: "Send at least one field to change." });
export type UpdateMitigationInput = z.infer<typeof updateMitigationSchema>;

export const verifyMitigationSchema = z.object({
  modelVersionId: z.string({ error: "Choose the model version to verify on." }).trim().min(1, "Choose the model version to verify on."),
});
export type VerifyMitigationInput = z.infer<typeof verifyMitigationSchema>;
