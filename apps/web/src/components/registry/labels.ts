import type { RiskTier } from "@assay/core";
import type { LifecycleStage, ModelType } from "@assay/db";
import type { BadgeTone } from "@/components/ui";

// Type-only imports from @assay/db: this file is also used by client components.

export const RISK_TIERS = ["low", "medium", "high", "critical"] as const satisfies readonly RiskTier[];
export const RISK_TIER_LABELS: Record<RiskTier, string> = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };
export const RISK_TIER_TONES: Record<RiskTier, BadgeTone> = { low: "neutral", medium: "info", high: "warn", critical: "bad" };
export const RISK_TIER_HINTS: Record<RiskTier, string> = {
  low: "Low: reviews need a scientist and a product owner.",
  medium: "Medium: reviews need a scientist and a product owner.",
  high: "High: reviews also need an approver's sign-off.",
  critical: "Critical: reviews also need an approver's sign-off.",
};

export const LIFECYCLE_STAGES = ["ideation", "prototype", "pilot", "production", "retired"] as const satisfies readonly LifecycleStage[];
export const LIFECYCLE_LABELS: Record<LifecycleStage, string> = {
  ideation: "Ideation",
  prototype: "Prototype",
  pilot: "Pilot",
  production: "Production",
  retired: "Retired",
};

export const MODEL_TYPES = ["classifier", "llm", "other"] as const satisfies readonly ModelType[];
export const MODEL_TYPE_LABELS: Record<ModelType, string> = { classifier: "Classifier", llm: "LLM", other: "Other" };
