import type { ChecklistStatus } from "@assay/core";
import type { ReleaseDecisionOutcome, ReviewStatus } from "@assay/db";
import { Badge } from "@/components/ui";
import { CHECKLIST_STATUS_LABELS, CHECKLIST_STATUS_TONES, OUTCOME_LABELS, OUTCOME_TONES } from "./labels";

/** An open review, or the outcome of a decided one. */
export function ReviewStateBadge({ status, outcome }: { status: ReviewStatus; outcome: ReleaseDecisionOutcome | null }) {
  if (status === "open" || !outcome) return <Badge tone="info">Open</Badge>;
  return <Badge tone={OUTCOME_TONES[outcome]}>Decided: {OUTCOME_LABELS[outcome]}</Badge>;
}

export function ChecklistStatusBadge({ status }: { status: ChecklistStatus }) {
  return <Badge tone={CHECKLIST_STATUS_TONES[status]}>{CHECKLIST_STATUS_LABELS[status]}</Badge>;
}
