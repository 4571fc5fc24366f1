import type { Checklist } from "./types";

export const DECISION_OUTCOMES = ["go", "go_with_conditions", "no_go"] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const DECISION_LABELS: Record<DecisionOutcome, string> = {
  go: "Go",
  go_with_conditions: "Go with conditions",
  no_go: "No-go",
};

export type DecisionVerdict = { ok: true } | { ok: false; reason: string };

/**
 * The decision rule of a release review. Stopping a release is always
 * allowed; releasing, with or without conditions, needs a cleared checklist,
 * and conditions must be written down to be enforceable.
 */
export function assertDecisionAllowed(outcome: DecisionOutcome, checklist: Checklist, conditions: string): DecisionVerdict {
  if (outcome === "no_go") return { ok: true };
  if (!checklist.cleared) {
    const labels = checklist.blockers.map((b) => b.label);
    // A checklist that is not cleared always has blockers; the fallback guards hand-built input.
    const list = labels.length > 0 ? labels.join("; ") : "the checklist is not cleared";
    return { ok: false, reason: `"${DECISION_LABELS[outcome]}" needs every checklist item to pass. Still blocking: ${list}.` };
  }
  if (outcome === "go_with_conditions" && conditions.trim() === "") {
    return { ok: false, reason: `"${DECISION_LABELS.go_with_conditions}" needs the conditions written down.` };
  }
  return { ok: true };
}
