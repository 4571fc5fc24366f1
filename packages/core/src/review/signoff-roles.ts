import type { Role } from "../auth/roles";
import type { RiskTier } from "./types";

/** Which roles must sign a release review, by the system's risk tier. */
export const DEFAULT_REQUIRED_SIGNOFFS: Record<RiskTier, Role[]> = {
  low: ["scientist", "product_owner"],
  medium: ["scientist", "product_owner"],
  high: ["scientist", "product_owner", "approver"],
  critical: ["scientist", "product_owner", "approver"],
};

export function requiredSignoffRoles(tier: RiskTier): Role[] {
  return [...DEFAULT_REQUIRED_SIGNOFFS[tier]];
}
