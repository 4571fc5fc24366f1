import type { Severity } from "@assay/core";
import type { RiskStatus } from "@assay/db";
import { Badge } from "@/components/ui";
import { RISK_STATUS_LABELS, RISK_STATUS_TONES, SEVERITY_LABELS, SEVERITY_TONES } from "./labels";

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONES[severity]}>{SEVERITY_LABELS[severity]}</Badge>;
}

export function RiskStatusBadge({ status }: { status: RiskStatus }) {
  return <Badge tone={RISK_STATUS_TONES[status]}>{RISK_STATUS_LABELS[status]}</Badge>;
}

export function OverdueBadge() {
  return <Badge tone="bad">Overdue</Badge>;
}
