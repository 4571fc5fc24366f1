import type { RiskTier } from "@assay/core";
import { Badge } from "@/components/ui";
import { RISK_TIER_LABELS, RISK_TIER_TONES } from "./labels";

export function TierBadge({ tier }: { tier: RiskTier }) {
  return <Badge tone={RISK_TIER_TONES[tier]}>{RISK_TIER_LABELS[tier]} risk</Badge>;
}
