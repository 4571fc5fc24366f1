import { describe, expect, it } from "vitest";
import { buildReviewChecklist, exceptionLapsed, isWaivable } from "./checklist";
import type { ChecklistException, ChecklistInput } from "./types";

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

  it("adds nothing for tier-derived items when their input is absent, and an empty waived list", () => {
    const checklist = buildReviewChecklist(input());
    expect(checklist.items.map((i) => i.kind)).toEqual(["plan", "check", "check", "risks", "signoff", "signoff"]);
    expect(checklist.waived).toEqual([]);
  });
});

const NOW = "2026-03-10T12:00:00.000Z";

/** A critical-tier review: fairness and safety checks, a monitor, documentation and holds. */
function tiered(overrides: Partial<ChecklistInput> = {}): ChecklistInput {
  return input({
    tier: "critical",
    requiredEvaluations: ["fairness", "safety", "drift_monitor"],
    checks: [
      { id: "fpr-race", kind: "fairness", description: "False-positive rate ratio across race within [0.80, 1.25]" },
      { id: "jailbreak-asr", kind: "safety", description: "Attack success rate on jailbreakbench at most 2%" },
    ],
    checkResults: {
      "fpr-race": { runId: "run-f", passed: true, summary: "Within the band." },
      "jailbreak-asr": { runId: "run-s", passed: true, summary: "1.0% at most 2%." },
    },
    monitors: [{ id: "m1", name: "Weekly drift" }],
    documentation: { purpose: "Scores.", intendedUse: "Support.", prohibitedUses: "Sentencing.", ownerCount: 1, provider: "in-house", artifactUri: "s3://m/v1" },
    activeHolds: [],
    exceptions: [],
    now: NOW,
    ...overrides,
  });
}

const exception = (overrides: Partial<ChecklistException> = {}): ChecklistException => ({
  id: "exc1",
  gateKey: "check:jailbreak-asr",
  gateLabel: "Attack success rate on jailbreakbench at most 2%",
  approverId: "u9",
  approverName: "Ada Approver",
  expiresAt: "2026-04-01T00:00:00.000Z",
  reReviewAt: "2026-03-25T00:00:00.000Z",
  status: "active",
  ...overrides,
});

describe("buildReviewChecklist from a tier policy", () => {
  it("orders the tier-derived items and clears when each passes", () => {
    const checklist = buildReviewChecklist(tiered());
    expect(checklist.items.map((i) => [i.key, i.kind, i.status])).toEqual([
      ["plan", "plan", "pass"],
      ["evaluation:fairness", "evaluation", "pass"],
      ["evaluation:safety", "evaluation", "pass"],
      ["check:fpr-race", "check", "pass"],
      ["check:jailbreak-asr", "check", "pass"],
      ["monitor", "monitor", "pass"],
      ["risks", "risks", "pass"],
      ["documentation", "documentation", "pass"],
      ["hold", "hold", "pass"],
      ["signoff:scientist", "signoff", "pass"],
      ["signoff:product_owner", "signoff", "pass"],
    ]);
    expect(checklist.cleared).toBe(true);
    expect(checklist.items.find((i) => i.key === "monitor")).toMatchObject({ detail: "1 active monitor: Weekly drift.", ref: { monitorIds: ["m1"] } });
    expect(checklist.items.find((i) => i.key === "evaluation:safety")?.detail).toBe("The safety check passes.");
  });

  it("marks a required evaluation missing when the plan has no check of its kind, and failing when one of them fails", () => {
    const checklist = buildReviewChecklist(
      tiered({
        checks: [{ id: "fpr-race", kind: "fairness", description: "FPR ratio" }, { id: "fnr-race", kind: "fairness", description: "FNR ratio" }],
        checkResults: { "fpr-race": { runId: "run-f", passed: false, summary: "Outside." } },
        monitors: [],
      }),
    );
    const byKey = Object.fromEntries(checklist.items.map((i) => [i.key, i]));
    expect(byKey["evaluation:fairness"]).toMatchObject({ status: "fail", detail: "1 of 2 fairness checks fails on the latest run.", ref: { runId: "run-f" } });
    expect(byKey["evaluation:safety"]).toMatchObject({ status: "missing", detail: "The plan has no safety check; the critical tier requires at least one." });
    expect(byKey["monitor"]).toMatchObject({ status: "missing", detail: "No active monitor watches this version; the critical tier requires one." });
    expect(checklist.blockers.map((b) => b.key)).toEqual(["evaluation:fairness", "evaluation:safety", "check:fpr-race", "check:fnr-race", "monitor"]);

    const notRun = buildReviewChecklist(tiered({ checkResults: { "fpr-race": { runId: "run-f", passed: true, summary: "In." } } }));
    expect(notRun.items.find((i) => i.key === "evaluation:safety")).toMatchObject({ status: "missing", detail: "The safety check has no run on the current plan version." });
  });

  it("lists the documentation that is not recorded", () => {
    const checklist = buildReviewChecklist(
      tiered({ documentation: { purpose: "Scores.", intendedUse: " ", prohibitedUses: "", ownerCount: 0, provider: "in-house", artifactUri: "" } }),
    );
    expect(checklist.items.find((i) => i.kind === "documentation")).toMatchObject({
      status: "missing",
      detail: "Not recorded: intended use, prohibited uses, owners, version artifact.",
    });
  });

  it("fails while a hold is in place, and a hold cannot be waived", () => {
    const hold = { id: "h1", concern: "privacy", reason: "Training data includes raw emails.", placedByName: "Sam Scientist", placedAt: "2026-03-09T08:00:00.000Z" };
    const checklist = buildReviewChecklist(tiered({ activeHolds: [hold], exceptions: [exception({ gateKey: "hold" })] }));
    const item = checklist.items.find((i) => i.kind === "hold")!;
    expect(item).toMatchObject({
      status: "fail",
      detail: "On hold for a privacy concern raised by Sam Scientist on 2026-03-09: Training data includes raw emails. Only an approver can clear it.",
      ref: { holdIds: ["h1"] },
    });
    expect(checklist.cleared).toBe(false);
    expect(isWaivable(item)).toBe(false);
    expect(isWaivable({ kind: "signoff" })).toBe(false);
    expect(isWaivable({ kind: "check" })).toBe(true);
  });
});

describe("exceptions on the checklist", () => {
  const failingSafety = (overrides: Partial<ChecklistInput> = {}) =>
    tiered({
      checkResults: {
        "fpr-race": { runId: "run-f", passed: true, summary: "Within the band." },
        "jailbreak-asr": { runId: "run-s", passed: false, summary: "4.1% above 2%." },
      },
      ...overrides,
    });

  it("waives a failing gate with an active, unexpired exception on its key, naming it, its approver and its expiry", () => {
    const checklist = buildReviewChecklist(failingSafety({ exceptions: [exception()] }));
    const item = checklist.items.find((i) => i.key === "check:jailbreak-asr")!;
    expect(item).toMatchObject({
      status: "waived",
      ref: { runId: "run-s", exceptionId: "exc1", exceptionApproverId: "u9", exceptionApproverName: "Ada Approver", exceptionExpiresAt: "2026-04-01T00:00:00.000Z", exceptionExpired: false },
    });
    expect(item.detail).toBe("Waived by exception exc1, approved by Ada Approver, until 2026-04-01 (re-review by 2026-03-25). Without it: 4.1% above 2%.");
    // The safety evaluation item has its own key and is not waived by the check's exception.
    expect(checklist.blockers.map((b) => b.key)).toEqual(["evaluation:safety"]);
    expect(checklist.waived.map((w) => w.key)).toEqual(["check:jailbreak-asr"]);

    const both = buildReviewChecklist(failingSafety({ exceptions: [exception(), exception({ id: "exc2", gateKey: "evaluation:safety" })] }));
    expect(both.cleared).toBe(true);
    expect(both.blockers).toEqual([]);
  });

  it("fails the gate again once the exception's date has passed, whatever its stored status", () => {
    for (const status of ["active", "expired"] as const) {
      const checklist = buildReviewChecklist(failingSafety({ exceptions: [exception({ status, expiresAt: "2026-03-10T11:59:59.000Z" })] }));
      const item = checklist.items.find((i) => i.key === "check:jailbreak-asr")!;
      expect(item.status).toBe("fail");
      expect(item.detail).toBe("Exception exc1, approved by Ada Approver, expired on 2026-03-10; the gate applies again. 4.1% above 2%.");
      expect(item.ref).toMatchObject({ exceptionId: "exc1", exceptionExpired: true });
      expect(checklist.blockers.map((b) => b.key)).toContain("check:jailbreak-asr");
    }
    // Judged at an earlier moment, the same exception still waives.
    const earlier = buildReviewChecklist(failingSafety({ exceptions: [exception({ expiresAt: "2026-03-10T11:59:59.000Z" })], now: "2026-03-10T11:00:00.000Z" }));
    expect(earlier.items.find((i) => i.key === "check:jailbreak-asr")?.status).toBe("waived");
  });

  it("ignores revoked exceptions and exceptions on passing items, and prefers the valid exception lasting longest", () => {
    const revoked = buildReviewChecklist(failingSafety({ exceptions: [exception({ status: "revoked" })] }));
    expect(revoked.items.find((i) => i.key === "check:jailbreak-asr")).toMatchObject({ status: "fail", detail: "4.1% above 2%." });

    const passing = buildReviewChecklist(tiered({ exceptions: [exception()] }));
    expect(passing.items.find((i) => i.key === "check:jailbreak-asr")?.status).toBe("pass");
    expect(passing.waived).toEqual([]);

    const several = buildReviewChecklist(
      failingSafety({
        exceptions: [
          exception({ id: "old", expiresAt: "2026-03-01T00:00:00.000Z" }),
          exception({ id: "short", expiresAt: "2026-03-20T00:00:00.000Z" }),
          exception({ id: "long", expiresAt: "2026-05-01T00:00:00.000Z" }),
        ],
      }),
    );
    expect(several.items.find((i) => i.key === "check:jailbreak-asr")?.ref?.exceptionId).toBe("long");
  });

  it("waives the risks item and a missing monitor, but never a sign-off", () => {
    const checklist = buildReviewChecklist(
      tiered({
        monitors: [],
        openRisks: [{ id: "r1", statement: "Leakage", severity: "critical" }],
        signOffs: [],
        exceptions: [exception({ gateKey: "risks" }), exception({ id: "exc-m", gateKey: "monitor" }), exception({ id: "exc-s", gateKey: "signoff:scientist" })],
      }),
    );
    const byKey = Object.fromEntries(checklist.items.map((i) => [i.key, i]));
    expect(byKey["risks"]).toMatchObject({ status: "waived", ref: { riskIds: ["r1"], exceptionId: "exc1" } });
    expect(byKey["monitor"]).toMatchObject({ status: "waived", ref: { exceptionId: "exc-m" } });
    expect(byKey["signoff:scientist"]).toMatchObject({ status: "missing" });
    expect(checklist.blockers.map((b) => b.key)).toEqual(["signoff:scientist", "signoff:product_owner"]);
  });

  it("exceptionLapsed compares the expiry with the given time", () => {
    expect(exceptionLapsed({ status: "active", expiresAt: "2026-03-10T12:00:00.000Z" }, NOW)).toBe(true);
    expect(exceptionLapsed({ status: "active", expiresAt: "2026-03-10T12:00:00.001Z" }, NOW)).toBe(false);
    expect(exceptionLapsed({ status: "expired", expiresAt: "2030-01-01T00:00:00.000Z" }, new Date(NOW))).toBe(true);
  });
});
