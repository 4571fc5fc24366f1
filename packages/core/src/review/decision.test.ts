import { describe, expect, it } from "vitest";
import { buildReviewChecklist } from "./checklist";
import { assertDecisionAllowed, DECISION_LABELS, DECISION_OUTCOMES } from "./decision";
import type { ChecklistInput } from "./types";

const HASH = "c".repeat(64);

function checklist(overrides: Partial<ChecklistInput> = {}) {
  return buildReviewChecklist({
    plan: { planVersionId: "pv1", version: 1 },
    checks: [{ id: "fpr-race", description: "False-positive rate ratio across race within [0.80, 1.25]" }],
    checkResults: { "fpr-race": { runId: "run1", passed: true, summary: "Within the band." } },
    openRisks: [],
    requiredRoles: ["scientist"],
    signOffs: [{ role: "scientist", userId: "u1", userName: "Sam", evidenceHash: HASH, createdAt: "2025-03-01T10:00:00.000Z" }],
    currentEvidenceHash: HASH,
    ...overrides,
  });
}

const blocked = () =>
  checklist({
    checkResults: { "fpr-race": { runId: "run1", passed: false, summary: "Outside the band." } },
    signOffs: [],
  });

describe("assertDecisionAllowed", () => {
  it("always allows a no-go", () => {
    expect(assertDecisionAllowed("no_go", blocked(), "")).toEqual({ ok: true });
    expect(assertDecisionAllowed("no_go", checklist(), "")).toEqual({ ok: true });
  });

  it("allows go and go with conditions on a cleared checklist", () => {
    expect(assertDecisionAllowed("go", checklist(), "")).toEqual({ ok: true });
    expect(assertDecisionAllowed("go_with_conditions", checklist(), "Monitor FPR monthly.")).toEqual({ ok: true });
  });

  it("refuses go while anything blocks, naming the blockers", () => {
    expect(assertDecisionAllowed("go", blocked(), "")).toEqual({
      ok: false,
      reason: '"Go" needs every checklist item to pass. Still blocking: False-positive rate ratio across race within [0.80, 1.25]; Sign-off: Scientist.',
    });
  });

  it("refuses go with conditions while anything blocks, even with conditions written", () => {
    const verdict = assertDecisionAllowed("go_with_conditions", checklist({ plan: null, checks: [], checkResults: {} }), "Monitor monthly.");
    expect(verdict).toEqual({ ok: false, reason: '"Go with conditions" needs every checklist item to pass. Still blocking: Evaluation plan.' });
  });

  it("refuses go with conditions without conditions", () => {
    for (const conditions of ["", "   \n"]) {
      expect(assertDecisionAllowed("go_with_conditions", checklist(), conditions)).toEqual({
        ok: false,
        reason: '"Go with conditions" needs the conditions written down.',
      });
    }
  });

  it("treats a stale sign-off as blocking", () => {
    const stale = checklist({ currentEvidenceHash: "d".repeat(64) });
    expect(stale.items.find((i) => i.kind === "signoff")?.status).toBe("stale");
    expect(assertDecisionAllowed("go", stale, "")).toMatchObject({ ok: false, reason: expect.stringContaining("Sign-off: Scientist") });
  });

  it("labels every outcome", () => {
    expect(DECISION_OUTCOMES.map((o) => DECISION_LABELS[o])).toEqual(["Go", "Go with conditions", "No-go"]);
  });
});
