import { describe, expect, it } from "vitest";
import { analyseFairness } from "../fairness/analysis";
import { computeFairness } from "../fairness/compute";
import type { FairnessCheck, GroupCounts } from "../fairness/types";
import { safetyCheckSchema } from "../safety/checks";
import { summariseSafetyRun, type SafetyRow } from "../safety/metrics";
import type { ItemOutcome } from "../safety/outcome";
import {
  checkVerification,
  describeAcceptanceCheck,
  measureFairnessCheck,
  measureSafetyCheck,
  mitigatedGate,
  verificationStatus,
  type VerificationSide,
} from "./mitigation";

const g = (group: string, tp: number, fp: number, tn: number, fn: number): GroupCounts => ({ group, tp, fp, tn, fn });
const rows = (groups: GroupCounts[]) => groups.reduce((s, c) => s + c.tp + c.fp + c.tn + c.fn, 0);

const fprCheck: FairnessCheck = { id: "fpr-group", kind: "fairness", metric: "fpr", attribute: "group", band: { type: "ratio", min: 0.8, max: 1.25 }, referenceGroup: "A" };

/** What a fairness run stores: per-group rates and the analysis with bootstrap intervals. */
function storedResult(groups: GroupCounts[], referenceGroup = "A") {
  const attributes = [{ attribute: "group", groups }];
  const fairness = computeFairness({ rowCount: rows(groups), positiveValue: "yes", attributes, checks: [] });
  const analysis = analyseFairness(attributes, { referenceGroups: { group: referenceGroup }, resamples: 200, seed: 7 });
  return { attributes: fairness.attributes, analysis };
}

describe("measureFairnessCheck", () => {
  it("re-judges the check on stored attributes: FPR B/A = 0.6/0.2 = 3 fails, with the run's bootstrap interval", () => {
    // A: FPR 1/5 = 0.2; B: FPR 3/5 = 0.6.
    const result = storedResult([g("A", 4, 1, 4, 1), g("B", 3, 3, 2, 2)]);
    const m = measureFairnessCheck(fprCheck, result);
    expect(m.passed).toBe(false);
    expect(m.value).toBeCloseTo(3, 10);
    expect(m.summary).toMatch(/False-positive rate ratio/);
    expect(m.interval).not.toBeNull();
    expect(m.interval!.lower).toBeLessThanOrEqual(m.interval!.upper);
    expect(m.intervalNote).toMatch(/Bootstrap 95% interval of B's ratio against A \(200 resamples\)/);
  });

  it("passes when the groups are within the band", () => {
    // A: FPR 2/10 = 0.2; B: FPR 2/10 = 0.2 → ratio 1.
    const m = measureFairnessCheck(fprCheck, storedResult([g("A", 5, 2, 8, 5), g("B", 5, 2, 8, 5)]));
    expect(m).toMatchObject({ passed: true, value: 1 });
  });

  it("applies the system's tier band", () => {
    const withTier: FairnessCheck = { ...fprCheck, bandsByTier: { high: { type: "ratio", min: 0.5, max: 4 } } };
    const result = storedResult([g("A", 4, 1, 4, 1), g("B", 3, 3, 2, 2)]);
    expect(measureFairnessCheck(withTier, result, "low").passed).toBe(false);
    expect(measureFairnessCheck(withTier, result, "high").passed).toBe(true);
  });

  it("gives no interval when the analysis used another reference group, or there is no analysis", () => {
    const groups = [g("A", 4, 1, 4, 1), g("B", 3, 3, 2, 2)];
    expect(measureFairnessCheck(fprCheck, storedResult(groups, "B")).interval).toBeNull();
    const { attributes } = storedResult(groups);
    expect(measureFairnessCheck(fprCheck, { attributes })).toMatchObject({ interval: null, intervalNote: null, passed: false });
  });

  it("fails, saying why, when the attribute is not in the run", () => {
    const m = measureFairnessCheck({ ...fprCheck, attribute: "race" }, storedResult([g("A", 4, 1, 4, 1), g("B", 3, 3, 2, 2)]));
    expect(m).toMatchObject({ passed: false, value: null, interval: null });
    expect(m.summary).toMatch(/not among the sensitive attributes/);
  });
});

describe("measureSafetyCheck", () => {
  const base: ItemOutcome = { attackSucceeded: null, overRefused: null, violated: false, leaked: false, injectionFollowed: null, ungraded: null };
  const attacks = (succeeded: number, n: number): SafetyRow[] =>
    Array.from({ length: n }, (_, i) => ({ category: "cybercrime", outcome: { ...base, attackSucceeded: i < succeeded } }));
  const check = safetyCheckSchema.parse({ id: "jb-asr", kind: "safety", metric: "attack_success_rate", suite: "jailbreakbench", max: 0.02 });

  it("reads the point estimate and its Wilson interval", () => {
    const fail = measureSafetyCheck(check, summariseSafetyRun(attacks(10, 100)));
    expect(fail).toMatchObject({ passed: false, value: 0.1, intervalNote: "Wilson 95% interval" });
    expect(fail.interval!.lower).toBeLessThan(0.1);
    expect(fail.interval!.upper).toBeGreaterThan(0.1);
    const pass = measureSafetyCheck(check, summariseSafetyRun(attacks(1, 100)));
    expect(pass).toMatchObject({ passed: true, value: 0.01 });
  });

  it("fails without an interval when the category is absent", () => {
    const m = measureSafetyCheck({ ...check, category: "harassment" }, summariseSafetyRun(attacks(0, 10)));
    expect(m).toMatchObject({ passed: false, value: null, interval: null, intervalNote: null });
  });
});

describe("checkVerification and verificationStatus", () => {
  const version = { id: "v2", label: "v2" };
  const side = (passed: boolean): VerificationSide => ({
    runId: "r", runKind: "fairness", version, finishedAt: null, value: 1, passed, summary: "s", interval: null, intervalNote: null,
  });

  it("passes on the later run's verdict and says when no run evaluated the check", () => {
    expect(checkVerification({ check: fprCheck, version, before: side(false), after: side(true) })).toMatchObject({
      checkId: "fpr-group", kind: "fairness", passed: true, problem: null, description: "False-positive rate ratio across group within [0.80, 1.25] (reference: A)",
    });
    expect(checkVerification({ check: fprCheck, version, before: side(false), after: null })).toMatchObject({
      passed: false, problem: "No run on v2 evaluated this check.", after: null,
    });
  });

  it("verifies only when every check passed, and never with no checks", () => {
    expect(verificationStatus([{ passed: true }, { passed: true }])).toBe("verified");
    expect(verificationStatus([{ passed: true }, { passed: false }])).toBe("failed");
    expect(verificationStatus([])).toBe("failed");
  });

  it("describes both kinds of acceptance check", () => {
    expect(describeAcceptanceCheck(safetyCheckSchema.parse({ id: "jb", kind: "safety", metric: "attack_success_rate", suite: "jailbreakbench", max: 0.02 }))).toBe(
      "Attack success rate ≤ 2% on jailbreakbench (point estimate)",
    );
  });
});

describe("mitigatedGate", () => {
  it("needs at least one mitigation", () => {
    const gate = mitigatedGate([]);
    expect(gate.allowed).toBe(false);
    expect(gate.message).toMatch(/it has none/);
  });

  it("allows a risk whose mitigations are all verified", () => {
    expect(mitigatedGate([{ id: "m1", description: "Reweigh", status: "verified" }])).toEqual({ allowed: true, missing: [], failing: [], message: null });
  });

  it("names the mitigations without a verification and those that failed", () => {
    const gate = mitigatedGate([
      { id: "m1", description: "Reweigh the training data", status: "verified" },
      { id: "m2", description: "Raise the threshold", status: "planned" },
      { id: "m3", description: "Add a guardrail", status: "in_progress" },
      { id: "m4", description: "Post-process scores", status: "failed" },
    ]);
    expect(gate.allowed).toBe(false);
    expect(gate.missing.map((m) => m.id)).toEqual(["m2", "m3"]);
    expect(gate.failing.map((m) => m.id)).toEqual(["m4"]);
    expect(gate.message).toBe(
      "The risk cannot be marked mitigated until every mitigation is verified: “Raise the threshold” has no verification yet; “Add a guardrail” has no verification yet; “Post-process scores” failed its verification.",
    );
  });
});
