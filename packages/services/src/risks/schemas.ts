import { impactSchema, likelihoodSchema, RISK_SCALES } from "@assay/core";
import { RiskCategory, RiskLinkKind, RiskStatus, RiskTier, Severity } from "@assay/db";
import { z } from "zod";

export const riskStatusSchema = z.enum(RiskStatus, { error: "Choose a status: open, mitigating, mitigated, accepted or closed." });
export const riskCategorySchema = z.enum(RiskCategory, {
  error: "Choose a category: fairness, safety, privacy, security, reliability, legal or other.",
});
export const riskLinkKindSchema = z.enum(RiskLinkKind, { error: "Choose what to link: a run, a finding, an incident or a review." });

/** Risks in these states still need work, so they count on dashboards and can block a release. */
export const ACTIVE_RISK_STATUSES = ["open", "mitigating"] as const satisfies readonly RiskStatus[];

const idSchema = z.string().trim().min(1);

/** A calendar date or an ISO timestamp; "" and null clear the due date. */
export const dueDateSchema = z.preprocess(
  (v) => (v === "" ? null : v),
  z
    .string()
    .trim()
    .refine((s) => !Number.isNaN(Date.parse(s)), "Enter a valid date.")
    .transform((s) => new Date(s))
    .nullable(),
);

/** A residual score, or null (or "") when not assessed yet. */
const residualScore = (schema: typeof likelihoodSchema) => z.preprocess((v) => (v === "" ? null : v), schema.nullable());

const riskFields = {
  statement: z.string().trim().min(5, "Describe the risk in a sentence.").max(4000, "Keep the statement under 4000 characters."),
  likelihood: likelihoodSchema,
  impact: impactSchema,
  ownerId: idSchema,
  dueDate: dueDateSchema,
  status: riskStatusSchema,
  category: riskCategorySchema,
  controls: z.string().trim().max(4000, "Keep the controls under 4000 characters."),
  residualLikelihood: residualScore(likelihoodSchema),
  residualImpact: residualScore(impactSchema),
};

const absent = (v: unknown) => v === null || v === undefined;
/** Residual likelihood and impact are assessed together: both or neither. */
const bothResidualOrNeither = (i: { residualLikelihood?: number | null; residualImpact?: number | null }) =>
  absent(i.residualLikelihood) === absent(i.residualImpact);
const RESIDUAL_PAIR_MESSAGE = "Give residual likelihood and residual impact together, or clear both.";

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
    category: riskFields.category.default("other"),
    controls: riskFields.controls.default(""),
    residualLikelihood: riskFields.residualLikelihood.optional(),
    residualImpact: riskFields.residualImpact.optional(),
  })
  .refine((i) => Boolean(i.systemId || i.runId), { message: "Choose the system this risk concerns.", path: ["systemId"] })
  .refine((i) => !i.checkId || Boolean(i.runId), { message: "A check can only be linked together with the run that evaluated it.", path: ["checkId"] })
  .refine(bothResidualOrNeither, { message: RESIDUAL_PAIR_MESSAGE, path: ["residualImpact"] });
export type CreateRiskInput = z.infer<typeof createRiskSchema>;

/**
 * Any subset of the fields. Residual likelihood and impact may be sent alone
 * when the other is already set; the service checks the pair after merging.
 */
export const updateRiskSchema = z
  .object(riskFields)
  .partial()
  .refine((input) => Object.values(input).some((v) => v !== undefined), { message: "Send at least one field to change." });
export type UpdateRiskInput = z.infer<typeof updateRiskSchema>;

export const RESIDUAL_PAIR_ERROR = RESIDUAL_PAIR_MESSAGE;

/** An empty query value ("?systemId=") means no filter. */
const blankAsAbsent = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A comma-separated query value, or an array, as a list. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v), z.array(item).optional());

/** A score from the query string ("3"), or a number. */
const queryScore = z.preprocess((v) => {
  const value = blankAsAbsent(v);
  return typeof value === "string" ? Number(value) : value;
}, likelihoodSchema.optional());

/** "true"/"1" or true; "false"/"0"/"" or false; anything else is refused. */
const queryFlag = z.preprocess(
  (v) => (v === "true" || v === "1" ? true : v === "false" || v === "0" || v === "" ? false : v),
  z.boolean({ error: "Use true or false." }).optional(),
);

const queryId = z.preprocess(blankAsAbsent, idSchema.optional());

/**
 * Register filters, as query-string values: `status`, `category`, `severity`
 * and `tier` may list several values separated by commas. `likelihood` and
 * `impact` select one heat-map cell on the inherent scale;
 * `residualLikelihood` and `residualImpact` one on the residual scale.
 */
export const listRisksFilterSchema = z.object({
  systemId: queryId,
  versionId: queryId,
  runId: queryId,
  status: listOf(riskStatusSchema),
  category: listOf(riskCategorySchema),
  severity: listOf(z.enum(Severity, { error: "Choose a severity: low, medium, high or critical." })),
  /** The system's risk tier. */
  tier: listOf(z.enum(RiskTier, { error: "Choose a tier: low, medium, high or critical." })),
  overdue: queryFlag,
  likelihood: queryScore,
  impact: queryScore,
  residualLikelihood: queryScore,
  residualImpact: queryScore,
});
export type ListRisksFilter = z.infer<typeof listRisksFilterSchema>;

export const riskHeatmapQuerySchema = z.object({ scale: z.enum(RISK_SCALES).default("inherent") });

export const addRiskLinkSchema = z.object({ kind: riskLinkKindSchema, targetId: idSchema });
export type AddRiskLinkInput = z.infer<typeof addRiskLinkSchema>;
