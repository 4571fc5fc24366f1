import {
  INTAKE_QUESTIONS,
  intakeAnswersSchema,
  OVERRIDE_RATIONALE_MIN,
  proposeTier,
  type IntakeAnswers,
  type IntakeQuestionKey,
  type RiskTier,
  type TierProposal,
} from "@assay/core";

/**
 * The intake form's state: every answer as the string its radio or input
 * holds ("" while unanswered), and the optional override. Pure, so the form's
 * rules are unit-tested without a browser.
 */
export type IntakeDraft = {
  answers: Record<IntakeQuestionKey, string>;
  overrideTier: RiskTier | "";
  overrideRationale: string;
};

export type IntakeDraftErrors = Partial<Record<IntakeQuestionKey | "overrideTier" | "overrideRationale", string>>;

export const REQUIRED_QUESTIONS = INTAKE_QUESTIONS.filter((q) => q.kind !== "number").map((q) => q.key);

/** The lowest-risk answer to each question: what the preview assumes for questions not yet answered. */
const BASELINE: IntakeAnswers = {
  impactOnPeople: "none",
  autonomy: "advises_human",
  affectedUsers: "internal_staff",
  regulatedDomain: "none",
  personalData: "none",
  generativeOutput: false,
  toolAccess: "none",
  vendorModel: false,
};

export function emptyIntakeDraft(): IntakeDraft {
  const answers = Object.fromEntries(INTAKE_QUESTIONS.map((q) => [q.key, ""])) as Record<IntakeQuestionKey, string>;
  return { answers, overrideTier: "", overrideRationale: "" };
}

/** The stored intake as a draft, or an empty draft before the first submission. */
export function intakeDraftFrom(stored: { answers: IntakeAnswers; overrideTier: RiskTier | null; overrideRationale: string | null } | null): IntakeDraft {
  const draft = emptyIntakeDraft();
  if (!stored) return draft;
  for (const q of INTAKE_QUESTIONS) {
    const value = stored.answers[q.key];
    draft.answers[q.key] = value === undefined ? "" : String(value);
  }
  return { ...draft, overrideTier: stored.overrideTier ?? "", overrideRationale: stored.overrideRationale ?? "" };
}

/** The answers as the API takes them: booleans from "true"/"false", the user count as a number, blanks left out. */
function rawAnswers(draft: IntakeDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of INTAKE_QUESTIONS) {
    const value = draft.answers[q.key].trim();
    if (value === "") continue;
    if (q.kind === "boolean") out[q.key] = value === "true";
    else if (q.kind === "number") out[q.key] = /^\d+$/.test(value.replace(/[,_\s]/g, "")) ? Number(value.replace(/[,_\s]/g, "")) : Number.NaN;
    else out[q.key] = value;
  }
  return out;
}

export function unansweredQuestions(draft: IntakeDraft): IntakeQuestionKey[] {
  return REQUIRED_QUESTIONS.filter((key) => draft.answers[key].trim() === "");
}

/**
 * The proposal for the answers so far: unanswered questions count as their
 * lowest-risk answer, so the preview only ever rises as the form is filled.
 */
export function previewProposal(draft: IntakeDraft): { proposal: TierProposal; unanswered: number } {
  const raw = rawAnswers(draft);
  const merged: Record<string, unknown> = { ...BASELINE };
  for (const [key, value] of Object.entries(raw)) {
    const single = intakeAnswersSchema.shape[key as IntakeQuestionKey].safeParse(value);
    if (single.success && single.data !== undefined) merged[key] = single.data;
  }
  return { proposal: proposeTier(intakeAnswersSchema.parse(merged)), unanswered: unansweredQuestions(draft).length };
}

/**
 * Checks the draft as the server will, and builds the request body. The
 * rationale is sent only with an override (the server rejects it otherwise).
 */
export function checkIntakeDraft(draft: IntakeDraft): { body: { answers: IntakeAnswers; overrideTier?: RiskTier; overrideRationale?: string } } | { errors: IntakeDraftErrors } {
  const errors: IntakeDraftErrors = {};
  const parsed = intakeAnswersSchema.safeParse(rawAnswers(draft));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as IntakeQuestionKey | undefined;
      if (key && !errors[key]) errors[key] = issue.message;
    }
  }
  const override = draft.overrideTier || undefined;
  const rationale = draft.overrideRationale.trim();
  if (override) {
    if (parsed.success && proposeTier(parsed.data).tier === override) {
      errors.overrideTier = `The answers already propose ${override}: choose a different tier, or no override.`;
    }
    if (rationale.length < OVERRIDE_RATIONALE_MIN) {
      errors.overrideRationale = `Explain the override in at least ${OVERRIDE_RATIONALE_MIN} characters; it is recorded in the audit trail.`;
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { errors };
  return { body: override ? { answers: parsed.data, overrideTier: override, overrideRationale: rationale } : { answers: parsed.data } };
}

/** The API's validation issues (`answers.autonomy`, `overrideRationale`…) as errors per form field. */
export function intakeApiErrors(details: unknown): IntakeDraftErrors {
  const errors: IntakeDraftErrors = {};
  if (!Array.isArray(details)) return errors;
  for (const issue of details as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof issue.path !== "string" || typeof issue.message !== "string") continue;
    const parts = issue.path.split(".");
    const key = (parts[0] === "answers" ? parts[1] : parts[0]) as keyof IntakeDraftErrors | undefined;
    if (key && !errors[key]) errors[key] = issue.message;
  }
  return errors;
}
