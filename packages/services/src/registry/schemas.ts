import { LifecycleStage, ModelType, RiskTier } from "@assay/db";
import { z } from "zod";

export const riskTierSchema = z.enum(RiskTier, { error: "Choose a risk tier: low, medium, high or critical." });
export const lifecycleStageSchema = z.enum(LifecycleStage, { error: "Choose a lifecycle stage." });
export const modelTypeSchema = z.enum(ModelType, { error: "Choose a model type: classifier, llm or other." });

const ownerIdsSchema = z
  .array(z.string().trim().min(1))
  .min(1, "Choose at least one owner.")
  .max(50)
  .transform((ids) => [...new Set(ids)]);

// No defaults here: the update schema is built from these fields with
// .partial(), and a default would silently overwrite fields a PATCH omits.
const systemFields = {
  name: z.string().trim().min(1, "Enter a name.").max(120, "Keep the name under 120 characters."),
  purpose: z.string().trim().min(1, "Describe the system's purpose.").max(4000),
  intendedUse: z.string().trim().min(1, "Describe the intended use.").max(4000),
  prohibitedUses: z.string().trim().max(4000),
  ownerIds: ownerIdsSchema,
  riskTier: riskTierSchema,
  lifecycleStage: lifecycleStageSchema,
};

export const createSystemSchema = z.object({ ...systemFields, prohibitedUses: systemFields.prohibitedUses.default("") });
export type CreateSystemInput = z.infer<typeof createSystemSchema>;

export const updateSystemSchema = z
  .object(systemFields)
  .partial()
  .refine((input) => Object.values(input).some((v) => v !== undefined), { message: "Send at least one field to change." });
export type UpdateSystemInput = z.infer<typeof updateSystemSchema>;

export const createModelVersionSchema = z.object({
  label: z
    .string()
    .trim()
    .min(1, "Enter a version label.")
    .max(80, "Keep the label under 80 characters."),
  modelType: modelTypeSchema,
  provider: z.string().trim().min(1, "Name the provider (e.g. in-house, or the vendor).").max(200),
  artifactUri: z.string().trim().max(2000).default(""),
  commitSha: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^([0-9a-f]{7,64})?$/, "A commit is 7 to 64 hexadecimal characters.")
    .default(""),
});
export type CreateModelVersionInput = z.infer<typeof createModelVersionSchema>;
