import { Badge } from "@/components/ui";
import { CORRECTIVE_ACTION_STATE_LABELS, CORRECTIVE_ACTION_STATE_TONES, INCIDENT_LEVEL_LABELS, LEVEL_TONES, type CorrectiveActionState, type IncidentLevel } from "./format";

// Each badge names its state in words; the tone only repeats it.

/** Sev-1 … Sev-4 or near miss; incidents from before levels read "Unclassified". */
export function IncidentLevelBadge({ level }: { level: IncidentLevel | null }) {
  if (!level) return <Badge tone="neutral">Unclassified</Badge>;
  return <Badge tone={LEVEL_TONES[level]}>{INCIDENT_LEVEL_LABELS[level]}</Badge>;
}

export function RecurrenceBadge() {
  return <Badge tone="warn">Recurring</Badge>;
}

export function CorrectiveActionStateBadge({ state }: { state: CorrectiveActionState }) {
  return <Badge tone={CORRECTIVE_ACTION_STATE_TONES[state]}>{CORRECTIVE_ACTION_STATE_LABELS[state]}</Badge>;
}
