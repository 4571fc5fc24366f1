import type { Role } from "../auth/roles";
import type { Severity } from "../risk/severity";

export type RiskTier = "low" | "medium" | "high" | "critical";

/** What the checklist needs to know; assembled by the reviews service from Postgres. */
export type ChecklistInput = {
  /** The current plan version, or null when the version has no plan yet. */
  plan: { planVersionId: string; version: number } | null;
  /** Checks of the current plan version, in plan order. */
  checks: Array<{ id: string; description: string }>;
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
};

export type ChecklistStatus = "pass" | "fail" | "missing" | "stale";

export type ChecklistItem = {
  key: string;
  kind: "plan" | "check" | "risks" | "signoff";
  label: string;
  status: ChecklistStatus;
  detail: string;
  /** The run, risk or role this item points at, for links in the UI. */
  ref?: { runId?: string; riskIds?: string[]; role?: Role };
};

export type Checklist = {
  items: ChecklistItem[];
  /** Items that are not "pass". */
  blockers: ChecklistItem[];
  /** Roles whose sign-off is missing or stale. */
  awaitingSignoff: Role[];
  cleared: boolean;
};
