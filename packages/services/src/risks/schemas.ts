import { impactSchema, likelihoodSchema } from "@assay/core";
import { RiskStatus } from "@assay/db";
import { z } from "zod";

export const riskStatusSchema = z.enum(RiskStatus, { error: "Choose a status: open, mitigating, mitigated, accepted or closed." });

/** Risks in these states still need work, so they count on dashboards and can block a release. */
export const ACTIVE_RISK_STATUSES = ["open", "mitigating"] as const satisfies readonly RiskStatus[];

const idSchema = z.string().trim().min(1);

/** A calendar date or an ISO timestamp; "" and null clear the due date. */
const dueDateSchema = z.preprocess(
  (v) => (v === "" ? null : v),
  z
    .string()
    .trim()
    .refine((s) => !Number.isNaN(Date.parse(s)), "Enter a valid date.")
    .transform((s) => new Date(s))
    .nullable(),
);

const riskFields = {
  statement: z.string().trim().min(5, "Describe the risk in a sentence.").max(4000, "Keep the statement under 4000 characters."),
  likelihood: likelihoodSchema,
  impact: impactSchema,
  ownerId: idSchema,
  dueDate: dueDateSchema,
  status: riskStatusSchema,
};

/**
 * A risk is raised either by hand against a system (optionally one of its
 * versions) or from a run; from a run, system and version follow from the run.
 */
export const createRiskSchema = z
  .object({
    systemId: idSchema.optional(),
    modelVersionId: idSchema.nullish(),
    runId: idSchema.nullish(),
    checkId: z.string().trim().min(1).max(80).nullish(),
    statement: riskFields.statement,
    likelihood: riskFields.likelihood,
    impact: riskFields.impact,
    /** Defaults to the person raising the risk. */
    ownerId: riskFields.ownerId.optional(),
    dueDate: riskFields.dueDate.optional(),
    status: riskFields.status.default("open"),
  })
  .refine((i) => Boolean(i.systemId || i.runId), { message: "Choose the system this risk concerns.", path: ["systemId"] })
  .refine((i) => !i.checkId || Boolean(i.runId), { message: "A check can only be linked together with the run that evaluated it.", path: ["checkId"] });
export type CreateRiskInput = z.infer<typeof createRiskSchema>;

export const updateRiskSchema = z
  .object(riskFields)
  .partial()
  .refine((input) => Object.values(input).some((v) => v !== undefined), { message: "Send at least one field to change." });
export type UpdateRiskInput = z.infer<typeof updateRiskSchema>;

/** Query-string filters; `status` may list several statuses separated by commas. */
export const listRisksFilterSchema = z.object({
  systemId: idSchema.optional(),
  versionId: idSchema.optional(),
  runId: idSchema.optional(),
  status: z
    .preprocess(
      (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v),
      z.array(riskStatusSchema),
    )
    .optional(),
});
export type ListRisksFilter = z.infer<typeof listRisksFilterSchema>;
