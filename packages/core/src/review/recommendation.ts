import { DECISION_LABELS, type DecisionOutcome } from "./decision";

/** A scientist recommends one of the outcomes the product owner may decide. */
export type RecommendationOutcome = DecisionOutcome;

export type RecommendationVerdict = { ok: true } | { ok: false; reason: string };

/** "Go with conditions" is only a recommendation when the conditions are written down. */
export function assertRecommendationAllowed(outcome: RecommendationOutcome, conditions: string): RecommendationVerdict {
  if (outcome === "go_with_conditions" && conditions.trim() === "") {
    return { ok: false, reason: `Recommending "${DECISION_LABELS.go_with_conditions}" needs the conditions written down.` };
  }
  return { ok: true };
}

/**
 * Dissent between the recommendation and the decision, in words, or null when
 * they agree (or either is missing).
 */
export function decisionDissent(
  recommendation: { outcome: RecommendationOutcome; by: string } | null,
  decision: { outcome: DecisionOutcome; by: string } | null,
): string | null {
  if (!recommendation || !decision || recommendation.outcome === decision.outcome) return null;
  return `${recommendation.by} recommended "${DECISION_LABELS[recommendation.outcome]}"; ${decision.by} decided "${DECISION_LABELS[decision.outcome]}".`;
}
