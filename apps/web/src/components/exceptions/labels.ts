import type { ExceptionState } from "@assay/core";
import type { BadgeTone } from "@/components/ui";

export const EXCEPTION_STATE_LABELS: Record<ExceptionState, string> = { active: "Active", expiring: "Expiring soon", expired: "Expired", revoked: "Revoked" };
export const EXCEPTION_STATE_TONES: Record<ExceptionState, BadgeTone> = { active: "good", expiring: "warn", expired: "bad", revoked: "neutral" };
