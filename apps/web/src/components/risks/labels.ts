import { IMPACT_LABELS, LIKELIHOOD_LABELS, type Severity } from "@assay/core";
import type { RiskCategory, RiskLinkKind, RiskStatus } from "@assay/db";
import type { BadgeTone } from "@/components/ui";

// Type-only imports from @assay/db: this file is also used by client components.

export const RISK_STATUSES = ["open", "mitigating", "mitigated", "accepted", "closed"] as const satisfies readonly RiskStatus[];
export const RISK_STATUS_LABELS: Record<RiskStatus, string> = {
  open: "Open",
  mitigating: "Mitigating",
  mitigated: "Mitigated",
  accepted: "Accepted",
  closed: "Closed",
};
export const RISK_STATUS_TONES: Record<RiskStatus, BadgeTone> = {
  open: "warn",
  mitigating: "info",
  mitigated: "good",
  accepted: "neutral",
  closed: "neutral",
};

export const RISK_CATEGORIES = ["fairness", "safety", "privacy", "security", "reliability", "legal", "other"] as const satisfies readonly RiskCategory[];
export const RISK_CATEGORY_LABELS: Record<RiskCategory, string> = {
  fairness: "Fairness",
  safety: "Safety",
  privacy: "Privacy",
  security: "Security",
  reliability: "Reliability",
  legal: "Legal",
  other: "Other",
};

export const RISK_LINK_KINDS = ["run", "finding", "incident", "review"] as const satisfies readonly RiskLinkKind[];
export const RISK_LINK_KIND_LABELS: Record<RiskLinkKind, string> = { run: "Run", finding: "Red-team finding", incident: "Incident", review: "Release review" };

export const SEVERITIES = ["low", "medium", "high", "critical"] as const satisfies readonly Severity[];
export const SEVERITY_LABELS: Record<Severity, string> = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };
export const SEVERITY_TONES: Record<Severity, BadgeTone> = { low: "neutral", medium: "info", high: "warn", critical: "bad" };

export const SCORES = [1, 2, 3, 4, 5] as const;
export const likelihoodLabel = (n: number) => `${n} · ${LIKELIHOOD_LABELS[n - 1] ?? ""}`;
export const impactLabel = (n: number) => `${n} · ${IMPACT_LABELS[n - 1] ?? ""}`;

/** A date as the yyyy-mm-dd value of an <input type="date">, in UTC like the rest of the UI. */
export function dateInputValue(value: Date | string | null | undefined): string {
  return value ? new Date(value).toISOString().slice(0, 10) : "";
}
