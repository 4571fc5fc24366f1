import type { ChecklistStatus } from "@assay/core";
import type { ReleaseDecisionOutcome, ReviewStatus } from "@assay/db";
import type { BadgeTone } from "@/components/ui";

// Type-only imports from @assay/db: this file is also used by client components.

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = { open: "Open", decided: "Decided" };

export const OUTCOMES = ["go", "go_with_conditions", "no_go"] as const satisfies readonly ReleaseDecisionOutcome[];
export const OUTCOME_LABELS: Record<ReleaseDecisionOutcome, string> = {
  go: "Go",
  go_with_conditions: "Go with conditions",
  no_go: "No-go",
};
export const OUTCOME_TONES: Record<ReleaseDecisionOutcome, BadgeTone> = { go: "good", go_with_conditions: "warn", no_go: "bad" };
export const OUTCOME_HINTS: Record<ReleaseDecisionOutcome, string> = {
  go: "Release as is. Needs every checklist item to pass.",
  go_with_conditions: "Release under the conditions written below. Needs every checklist item to pass.",
  no_go: "Do not release. Always allowed.",
};

export const CHECKLIST_STATUS_LABELS: Record<ChecklistStatus, string> = { pass: "Pass", fail: "Fail", missing: "Missing", stale: "Stale", waived: "Waived" };
export const CHECKLIST_STATUS_TONES: Record<ChecklistStatus, BadgeTone> = { pass: "good", fail: "bad", missing: "warn", stale: "warn", waived: "info" };

export const RECOMMENDATION_HINTS: Record<ReleaseDecisionOutcome, string> = {
  go: "The evidence supports releasing as is.",
  go_with_conditions: "Release only under the conditions written below.",
  no_go: "The evidence does not support a release.",
};

export const HOLD_CONCERNS = ["safety", "privacy", "other"] as const;
export type HoldConcern = (typeof HOLD_CONCERNS)[number];
export const HOLD_CONCERN_LABELS: Record<string, string> = { safety: "Safety", privacy: "Privacy", other: "Other" };
