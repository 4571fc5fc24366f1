import { MITIGATION_STATUS_LABELS, MITIGATION_TYPE_LABELS, MITIGATION_TYPES, type MitigationStatus } from "@assay/core";
import type { BadgeTone } from "@/components/ui";

export { MITIGATION_STATUS_LABELS, MITIGATION_TYPE_LABELS, MITIGATION_TYPES };

export const MITIGATION_STATUS_TONES: Record<MitigationStatus, BadgeTone> = {
  planned: "neutral",
  in_progress: "info",
  verified: "good",
  failed: "bad",
};
