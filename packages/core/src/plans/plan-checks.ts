import { z } from "zod";
import { fairnessCheckSchema, type FairnessCheck } from "../fairness/types";
import { safetyCheckSchema, type SafetyCheck } from "../safety/checks";

/**
 * One check of an evaluation plan: a fairness band on a group metric, or a
 * ceiling on a safety metric of a suite. Each kind of run evaluates the
 * checks of its kind; the release review reads them all the same way.
 */
export const planCheckSchema = z.discriminatedUnion("kind", [fairnessCheckSchema, safetyCheckSchema]);
export type PlanCheck = z.infer<typeof planCheckSchema>;

export const planChecksSchema = z
  .array(planCheckSchema)
  .min(1, "A plan needs at least one check.")
  .refine((checks) => new Set(checks.map((c) => c.id)).size === checks.length, { message: "Check ids must be unique." });

export const isFairnessCheck = (check: PlanCheck): check is FairnessCheck => check.kind === "fairness";
export const isSafetyCheck = (check: PlanCheck): check is SafetyCheck => check.kind === "safety";

export const fairnessChecksOf = (checks: readonly PlanCheck[]): FairnessCheck[] => checks.filter(isFairnessCheck);
export const safetyChecksOf = (checks: readonly PlanCheck[]): SafetyCheck[] => checks.filter(isSafetyCheck);
