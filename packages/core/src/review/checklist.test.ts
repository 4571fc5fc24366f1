import { describe, expect, it } from "vitest";
import { buildReviewChecklist } from "./checklist";
import type { ChecklistInput } from "./types";

const HASH = "a".repeat(64);
const OLD_HASH = "b".repeat(64);

function input(overrides: Partial<ChecklistInput> = {}): ChecklistInput {
  return {
    plan: { planVersionId: "pv1", version: 2 },
    checks: [
      { id: "fpr-race", description: "False-positive rate ratio across race within [0.80, 1.25]" },
      { id: "fnr-race", description: "False-negative rate ratio across race within [0.80, 1.25]" },
    ],
    checkResults: {
      "fpr-race": { runId: "run1", passed: true, summary: "False-positive rate ratio vs a: all 2 compared groups are within [0.80, 1.25]." },
      "fnr-race": { runId: "run1", passed: true, summary: "False-negative rate ratio vs a: the compared group is within [0.80, 1.25]." },
    },
    openRisks: [],
    requiredRoles: ["scientist", "product_owner"],
    signOffs: [
      { role: "scientist", userId: "u1", userName: "Sam Scientist", evidenceHash: HASH, createdAt: "2025-03-01T10:00:00.000Z" },
      { role: "product_owner", userId: "u2", userName: "Pat Owner", evidenceHash: HASH, createdAt: "2025-03-02T10:00:00.000Z" },
    ],
    currentEvidenceHash: HASH,
    ...overrides,
  };
}

describe("buildReviewChecklist", () => {
  it("clears when the plan, every check, the risks and every sign-off pass", () => {
    const checklist = buildReviewChecklist(input());
    expect(checklist.items.map((i) => [i.key, i.kind, i.status])).toEqual([
      ["plan", "plan", "pass"],
      ["check:fpr-race", "check", "pass"],
      ["check:fnr-race", "check", "pass"],
      ["risks", "risks", "pass"],
      ["signoff:scientist", "signoff", "pass"],
      ["signoff:product_owner", "signoff", "pass"],
    ]);
    expect(checklist).toMatchObject({ blockers: [], awaitingSignoff: [], cleared: true });
    expect(checklist.items[0]).toMatchObject({ label: "Evaluation plan", detail: "Plan version 2 is current." });
    expect(checklist.items[1]).toMatchObject({
      label: "False-positive rate ratio across race within [0.80, 1.25]",
      detail: "False-positive rate ratio vs a: all 2 compared groups are within [0.80, 1.25].",
      ref: { runId: "run1" },
    });
    expect(checklist.items[4]).toMatchObject({ label: "Sign-off: Scientist", detail: "Signed by Sam Scientist on 2025-03-01.", ref: { role: "scientist" } });
  });

  it("reports a missing plan, and no check items, when the version has no plan", () => {
    const checklist = buildReviewChecklist(input({ plan: null, checks: [], checkResults: {} }));
    expect(checklist.items[0]).toMatchObject({ key: "plan", status: "missing", detail: "No evaluation plan for this version" });
    expect(checklist.items.map((i) => i.kind)).toEqual(["plan", "risks", "signoff", "signoff"]);
    expect(checklist.blockers.map((b) => b.key)).toEqual(["plan"]);
    expect(checklist.cleared).toBe(false);
  });

  it("fails a check whose latest run did not pass, and marks a check without a run as missing", () => {
    const checklist = buildReviewChecklist(
      input({
        checkResults: {
          "fpr-race": { runId: "run2", passed: false, summary: "False-positive rate ratio vs Caucasian: worst African-American 1.91 outside [0.80, 1.25]." },
        },
      }),
    );
    const [fpr, fnr] = checklist.items.filter((i) => i.kind === "check");
    expect(fpr).toMatchObject({ status: "fail", ref: { runId: "run2" }, detail: "False-positive rate ratio vs Caucasian: worst African-American 1.91 outside [0.80, 1.25]." });
    expect(fnr).toMatchObject({ status: "missing", detail: "No passing run on the current plan version" });
    expect(fnr!.ref).toBeUndefined();
    expect(checklist.blockers.map((b) => b.key)).toEqual(["check:fpr-race", "check:fnr-race"]);
    expect(checklist.awaitingSignoff).toEqual([]);
    expect(checklist.cleared).toBe(false);
  });

  it("fails on open high or critical risks, listing them most severe first, and ignores lower ones", () => {
    const checklist = buildReviewChecklist(
      input({
        openRisks: [
          { id: "r-low", statement: "Minor UI wording", severity: "low" },
          { id: "r-high", statement: "FPR disparity for African-American defendants", severity: "high" },
          { id: "r-medium", statement: "Stale documentation", severity: "medium" },
          { id: "r-crit", statement: "Label leakage", severity: "critical" },
        ],
      }),
    );
    const risks = checklist.items.find((i) => i.kind === "risks")!;
    expect(risks).toMatchObject({
      status: "fail",
      label: "No open high or critical risk",
      detail: "2 open high or critical risks (1 critical, 1 high).",
      ref: { riskIds: ["r-crit", "r-high"] },
    });
    expect(checklist.blockers).toEqual([risks]);

    const lowOnly = buildReviewChecklist(input({ openRisks: [{ id: "r-low", statement: "Minor", severity: "low" }] }));
    expect(lowOnly.items.find((i) => i.kind === "risks")).toMatchObject({ status: "pass", detail: "1 open risk, none high or critical." });
    expect(lowOnly.cleared).toBe(true);
    expect(buildReviewChecklist(input()).items.find((i) => i.kind === "risks")?.detail).toBe("No open risks.");
  });

  it("marks a sign-off given before the evidence changed as stale, and a missing one as missing", () => {
    const checklist = buildReviewChecklist(
      input({
        requiredRoles: ["scientist", "product_owner", "approver"],
        signOffs: [{ role: "scientist", userId: "u1", userName: "Sam Scientist", evidenceHash: OLD_HASH, createdAt: "2025-03-01T10:00:00.000Z" }],
      }),
    );
    const signoffs = checklist.items.filter((i) => i.kind === "signoff");
    expect(signoffs.map((i) => [i.ref?.role, i.status, i.detail])).toEqual([
      ["scientist", "stale", "Signed by Sam Scientist before the evidence changed; needs signing again."],
      ["product_owner", "missing", "Awaiting sign-off by the product owner."],
      ["approver", "missing", "Awaiting sign-off by the approver."],
    ]);
    expect(checklist.awaitingSignoff).toEqual(["scientist", "product_owner", "approver"]);
    expect(checklist.blockers.map((b) => `${b.kind}:${b.status}`)).toEqual(["signoff:stale", "signoff:missing", "signoff:missing"]);
    expect(checklist.cleared).toBe(false);
  });

  it("ignores sign-offs of roles that are not required, and uses the newest one per role", () => {
    const checklist = buildReviewChecklist(
      input({
        signOffs: [
          { role: "scientist", userId: "u1", userName: "Sam Scientist", evidenceHash: HASH, createdAt: "2025-03-03T10:00:00.000Z" },
          { role: "scientist", userId: "u3", userName: "Old Signer", evidenceHash: OLD_HASH, createdAt: "2025-03-01T10:00:00.000Z" },
          { role: "product_owner", userId: "u2", userName: "Pat Owner", evidenceHash: HASH, createdAt: "2025-03-02T10:00:00.000Z" },
          { role: "approver", userId: "u4", userName: "Ada Approver", evidenceHash: OLD_HASH, createdAt: "2025-03-02T10:00:00.000Z" },
        ],
      }),
    );
    expect(checklist.items.filter((i) => i.kind === "signoff").map((i) => [i.ref?.role, i.status])).toEqual([
      ["scientist", "pass"],
      ["product_owner", "pass"],
    ]);
    expect(checklist.cleared).toBe(true);
  });

  it("lists blockers in checklist order, and each required role once", () => {
    const checklist = buildReviewChecklist(
      input({
        plan: null,
        checks: [],
        checkResults: {},
        openRisks: [{ id: "r1", statement: "s", severity: "critical" }],
        requiredRoles: ["approver", "approver"],
        signOffs: [],
      }),
    );
    expect(checklist.blockers.map((b) => b.key)).toEqual(["plan", "risks", "signoff:approver"]);
    expect(checklist.awaitingSignoff).toEqual(["approver"]);
  });
});
