import type { FairnessAnalysis } from "../fairness/analysis";
import { describeCheck, evaluateCheck } from "../fairness/compute";
import type { AttributeResult, CheckOutcome, FairnessCheck, Interval } from "../fairness/types";
import type { PlanCheck } from "../plans/plan-checks";
import type { RiskTier } from "../review/types";
import { describeSafetyCheck, evaluateSafetyCheck, type SafetyCheck } from "../safety/checks";
import type { SafetyRunSummary } from "../safety/metrics";

/**
 * Mitigations are verified, not declared: each carries acceptance checks
 * (plan checks), and only runs on a later model version that pass them all
 * verify it. This file holds the pure part: judging a check against a run's
 * stored results, the verification record, and the rule that keeps a risk
 * from being marked mitigated while any mitigation is unverified.
 */

export const MITIGATION_TYPES = [
  "data_rebalancing",
  "reweighting",
  "threshold_change",
  "post_processing",
  "filter_guardrail",
  "prompt_change",
  "ux_change",
  "monitoring",
  "rollback",
  "other",
] as const;
export type MitigationType = (typeof MITIGATION_TYPES)[number];

export const MITIGATION_TYPE_LABELS: Record<MitigationType, string> = {
  data_rebalancing: "Data rebalancing",
  reweighting: "Reweighting",
  threshold_change: "Threshold change",
  post_processing: "Post-processing",
  filter_guardrail: "Filter / guardrail",
  prompt_change: "Prompt change",
  ux_change: "UX change",
  monitoring: "Monitoring",
  rollback: "Rollback",
  other: "Other",
};

export const MITIGATION_STATUSES = ["planned", "in_progress", "verified", "failed"] as const;
export type MitigationStatus = (typeof MITIGATION_STATUSES)[number];

export const MITIGATION_STATUS_LABELS: Record<MitigationStatus, string> = {
  planned: "Planned",
  in_progress: "In progress",
  verified: "Verified",
  failed: "Verification failed",
};

/** Statuses a person may set by hand; "verified" and "failed" come only from a verification. */
export const MANUAL_MITIGATION_STATUSES = ["planned", "in_progress"] as const satisfies readonly MitigationStatus[];

/** e.g. "False-positive rate ratio across race within [0.80, 1.25]" or "Attack success rate ≤ 2% on jailbreakbench (point estimate)". */
export function describeAcceptanceCheck(check: PlanCheck): string {
  return check.kind === "fairness" ? describeCheck(check) : describeSafetyCheck(check);
}

/** What one run says about one check. */
export type CheckMeasurement = {
  /** The figure judged: the worst group's ratio or difference, or the safety metric's point estimate; null when undefined. */
  value: number | null;
  passed: boolean;
  summary: string;
  /** The 95% interval of `value`, when the run's results hold one. */
  interval: Interval | null;
  /** What the interval is, e.g. "bootstrap 95% interval (1000 resamples)". */
  intervalNote: string | null;
};

/** The worst group's ratio or difference, per the band's type (as runs store a check's value). */
export function fairnessOutcomeValue(outcome: CheckOutcome): number | null {
  if (!outcome.worst) return null;
  return outcome.band.type === "ratio" ? outcome.worst.ratio : outcome.worst.difference;
}

/**
 * Re-judges a fairness check against a run's stored attribute results, with
 * the system's risk tier selecting a tier band. The interval is the run's own
 * bootstrap interval of the worst group against the reference, available
 * when the run's analysis compared against the same reference group.
 */
export function measureFairnessCheck(
  check: FairnessCheck,
  result: { attributes: readonly AttributeResult[]; analysis?: FairnessAnalysis | null },
  riskTier?: RiskTier,
): CheckMeasurement {
  const outcome = evaluateCheck(check, result.attributes, riskTier);
  const value = fairnessOutcomeValue(outcome);
  let interval: Interval | null = null;
  let intervalNote: string | null = null;
  const analysis = result.analysis;
  const analysed = analysis?.attributes.find((a) => a.attribute === check.attribute);
  if (analysis && analysed && outcome.worst && analysed.summary.referenceGroup === outcome.referenceGroup) {
    interval = analysed.bootstrap.vsReference[check.metric]?.[outcome.worst.group]?.[outcome.band.type] ?? null;
    if (interval) {
      const level = Math.round(analysis.confidence * 100);
      intervalNote = `Bootstrap ${level}% interval of ${outcome.worst.group}'s ${outcome.band.type} against ${outcome.referenceGroup} (${analysis.resamples} resamples)`;
    }
  }
  return { value, passed: outcome.passed, summary: outcome.summary, interval, intervalNote };
}

/** Judges a safety check against a run's stored summary; the interval is the metric's Wilson 95% interval. */
export function measureSafetyCheck(check: SafetyCheck, summary: SafetyRunSummary): CheckMeasurement {
  const outcome = evaluateSafetyCheck(check, summary);
  const interval = outcome.details.estimate?.ci ?? null;
  return {
    value: outcome.value,
    passed: outcome.passed,
    summary: outcome.summary,
    interval,
    intervalNote: interval ? "Wilson 95% interval" : null,
  };
}

export type VersionRef = { id: string; label: string };

/** One side (before or after) of a check's verification: the run it was read from and what it showed. */
export type VerificationSide = CheckMeasurement & {
  runId: string;
  runKind: "fairness" | "safety";
  version: VersionRef;
  /** ISO time the run finished. */
  finishedAt: string | null;
};

export type CheckVerification = {
  checkId: string;
  kind: PlanCheck["kind"];
  description: string;
  /** Whether the later version's run passed the check. */
  passed: boolean;
  /** Why the check failed without a measurement, e.g. "No run on v2 evaluated this check." */
  problem: string | null;
  /** The baseline version's latest run that evaluated the check; null when there is none. */
  before: VerificationSide | null;
  after: VerificationSide | null;
};

/** What a mitigation stores once verification was attempted. */
export type MitigationVerification = {
  version: VersionRef;
  baseline: VersionRef | null;
  /** ISO time of the verification. */
  verifiedAt: string;
  checks: CheckVerification[];
};

/** A check's verification from its before and after measurements; no run after means failed, and says so. */
export function checkVerification(input: {
  check: PlanCheck;
  version: VersionRef;
  before: VerificationSide | null;
  after: VerificationSide | null;
}): CheckVerification {
  const { check, version, before, after } = input;
  return {
    checkId: check.id,
    kind: check.kind,
    description: describeAcceptanceCheck(check),
    passed: after?.passed ?? false,
    problem: after ? null : `No run on ${version.label} evaluated this check.`,
    before,
    after,
  };
}

/** Verified only when there is at least one check and the later version passed every one. */
export function verificationStatus(checks: readonly Pick<CheckVerification, "passed">[]): "verified" | "failed" {
  return checks.length > 0 && checks.every((c) => c.passed) ? "verified" : "failed";
}

export type MitigationGateInput = { id: string; description: string; status: MitigationStatus };

export type MitigatedGate = {
  allowed: boolean;
  /** Mitigations keeping the risk from "mitigated": never verified, or failed their verification. */
  missing: MitigationGateInput[];
  failing: MitigationGateInput[];
  /** Why not, naming the mitigations; null when allowed. */
  message: string | null;
};

const short = (text: string, max = 60) => {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/**
 * Whether a risk may be marked mitigated: it needs at least one mitigation,
 * and every one of them verified. The message names those in the way.
 */
export function mitigatedGate(mitigations: readonly MitigationGateInput[]): MitigatedGate {
  if (mitigations.length === 0) {
    return {
      allowed: false,
      missing: [],
      failing: [],
      message: "A risk can only be marked mitigated once it has a mitigation verified by a run on a later model version; it has none.",
    };
  }
  const failing = mitigations.filter((m) => m.status === "failed");
  const missing = mitigations.filter((m) => m.status !== "verified" && m.status !== "failed");
  if (failing.length === 0 && missing.length === 0) return { allowed: true, missing, failing, message: null };
  const parts = [
    ...missing.map((m) => `“${short(m.description)}” has no verification yet`),
    ...failing.map((m) => `“${short(m.description)}” failed its verification`),
  ];
  return {
    allowed: false,
    missing,
    failing,
    message: `The risk cannot be marked mitigated until every mitigation is verified: ${parts.join("; ")}.`,
  };
}
