import { z } from "zod";

const idSchema = z.string().trim().min(1);

/** A calendar date ("2026-06-01", midnight UTC) or an ISO timestamp. */
const dateSchema = (what: string) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .min(1, `Enter the ${what}.`)
    .refine((s) => !Number.isNaN(Date.parse(s)), `Enter the ${what} as a valid date.`)
    .transform((s) => new Date(s));

export const EXCEPTION_SCOPES = ["version", "system"] as const;

export const createExceptionSchema = z.object({
  /** The review whose checklist item is waived; the system and version follow from it. */
  reviewId: idSchema,
  /** The key of a failing or missing checklist item of that review, e.g. "check:jailbreak-asr" or "risks". */
  gateKey: z.string().trim().min(1, "Choose the checklist item to waive.").max(200),
  /** "version" (default): this version only; "system": every version of the system. */
  scope: z.enum(EXCEPTION_SCOPES, { error: "Choose a scope: this version or the whole system." }).default("version"),
  rationale: z.string().trim().min(10, "Explain why the gate can be waived in at least 10 characters.").max(8000),
  compensatingControls: z.string().trim().min(10, "Describe the compensating controls in at least 10 characters.").max(8000),
  residualRisk: z.string().trim().min(10, "Describe the residual risk in at least 10 characters.").max(8000),
  expiresAt: dateSchema("expiry date"),
  reReviewAt: dateSchema("re-review date"),
  /** The scientist or product owner who asked for the exception, when it was not the approver's own idea. */
  requestedById: idSchema.optional(),
});
export type CreateExceptionInput = z.infer<typeof createExceptionSchema>;

export const revokeExceptionSchema = z.object({
  reason: z.string().trim().min(10, "Explain why the exception is revoked in at least 10 characters.").max(4000),
});
export type RevokeExceptionInput = z.infer<typeof revokeExceptionSchema>;

export const EXCEPTION_FILTERS = ["active", "expiring", "expired", "revoked", "all"] as const;
export type ExceptionFilter = (typeof EXCEPTION_FILTERS)[number];

export const listExceptionsFilterSchema = z.object({
  status: z.enum(EXCEPTION_FILTERS, { error: "Filter by active, expiring, expired, revoked or all." }).default("all"),
  systemId: idSchema.optional(),
  versionId: idSchema.optional(),
});
export type ListExceptionsFilter = z.infer<typeof listExceptionsFilterSchema>;
