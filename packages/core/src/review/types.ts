import type { Role } from "../auth/roles";
import type { RequiredEvaluation } from "../governance/tier-policy";
import type { Severity } from "../risk/severity";

export type RiskTier = "low" | "medium" | "high" | "critical";

/** A check of the current plan as the checklist sees it. `kind` lets required evaluations find theirs. */
export type ChecklistCheck = { id: string; description: string; kind?: "fairness" | "safety" };

/**
 * An exception (risk acceptance) that may waive a checklist item whose key
 * equals its `gateKey`. Whether it has lapsed is decided by comparing
 * `expiresAt` with `ChecklistInput.now`, not by the stored status alone, so a
 * waiver stops counting the moment it expires, whether or not a job has run.
 */
export type ChecklistException = {
  id: string;
  gateKey: string;
  gateLabel: string;
  approverId: string;
  approverName: string;
  /** ISO timestamps. */
  expiresAt: string;
  reReviewAt: string;
  status: "active" | "expired" | "revoked";
};

/** A hold on the review that has not been cleared. */
export type ChecklistHold = { id: string; concern: string; reason: string; placedByName: string; placedAt: string };

/** Documentation fields the review needs filled in (trimmed values). */
export type ChecklistDocumentation = {
  purpose: string;
  intendedUse: string;
  prohibitedUses: string;
  ownerCount: number;
  provider: string;
  artifactUri: string;
};

/** What the checklist needs to know; assembled by the reviews service from Postgres. */
export type ChecklistInput = {
  /** The current plan version, or null when the version has no plan yet. */
  plan: { planVersionId: string; version: number } | null;
  /** Checks of the current plan version, in plan order. */
  checks: ChecklistCheck[];
  /**
   * Per check id: the outcome in the latest succeeded run on this model version
   * that used the current plan version. Absent = no such run yet.
   */
  checkResults: Record<string, { runId: string; passed: boolean; summary: string } | undefined>;
  /** Risks on this system/version that are still open or being mitigated. */
  openRisks: Array<{ id: string; statement: string; severity: Severity }>;
  requiredRoles: Role[];
  /** The latest sign-off per role (older ones are superseded). */
  signOffs: Array<{ role: Role; userId: string; userName: string; evidenceHash: string; createdAt: string }>;
  currentEvidenceHash: string;

  // Tier-derived items. Each is left out of the checklist when its input is absent.

  /** The system's tier, for wording only. */
  tier?: RiskTier;
  /** Evaluation kinds the tier policy requires ("drift_monitor" becomes the monitor item). */
  requiredEvaluations?: RequiredEvaluation[];
  /** Active monitors on this version; read only when a drift monitor is required. */
  monitors?: Array<{ id: string; name: string }>;
  documentation?: ChecklistDocumentation;
  /** Holds on the review that are still in place; present (even empty) adds the hold item. */
  activeHolds?: ChecklistHold[];
  /** Exceptions of the system that apply to this version, any status. */
  exceptions?: ChecklistException[];
  /** ISO timestamp the checklist is judged at; exceptions lapse by it. Defaults to the current time. */
  now?: string;
};

export type ChecklistStatus = "pass" | "fail" | "missing" | "stale" | "waived";

export type ChecklistItemKind = "plan" | "evaluation" | "check" | "monitor" | "risks" | "documentation" | "hold" | "signoff";

export type ChecklistItem = {
  key: string;
  kind: ChecklistItemKind;
  label: string;
  status: ChecklistStatus;
  detail: string;
  /** The run, risk, role, monitor, hold or exception this item points at, for links in the UI. */
  ref?: {
    runId?: string;
    riskIds?: string[];
    role?: Role;
    monitorIds?: string[];
    holdIds?: string[];
    /** The exception waiving this item, or the one that waived it until it expired. */
    exceptionId?: string;
    exceptionApproverId?: string;
    exceptionApproverName?: string;
    exceptionExpiresAt?: string;
    /** True when the item fails again because its exception has expired. */
    exceptionExpired?: boolean;
  };
};

export type Checklist = {
  items: ChecklistItem[];
  /** Items that are neither "pass" nor "waived" by a valid exception. */
  blockers: ChecklistItem[];
  /** Items an exception currently waives. */
  waived: ChecklistItem[];
  /** Roles whose sign-off is missing or stale. */
  awaitingSignoff: Role[];
  cleared: boolean;
};
