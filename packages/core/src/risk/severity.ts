import { z } from "zod";

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const likelihoodSchema = z.number().int().min(1).max(5);
export const impactSchema = z.number().int().min(1).max(5);

export const LIKELIHOOD_LABELS = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"] as const;
export const IMPACT_LABELS = ["Negligible", "Minor", "Moderate", "Major", "Severe"] as const;

/**
 * The default 5×5 matrix, rows = likelihood 1..5, columns = impact 1..5.
 * It is the conventional ISO 31000-style layout: severity grows with both
 * factors, and a severe impact is never rated below high unless it is rare.
 */
export const DEFAULT_SEVERITY_MATRIX: readonly (readonly Severity[])[] = [
  ["low", "low", "low", "medium", "high"],
  ["low", "low", "medium", "high", "high"],
  ["low", "medium", "medium", "high", "critical"],
  ["medium", "medium", "high", "critical", "critical"],
  ["medium", "high", "high", "critical", "critical"],
];

export function severityFor(likelihood: number, impact: number, matrix = DEFAULT_SEVERITY_MATRIX): Severity {
  const l = likelihoodSchema.parse(likelihood);
  const i = impactSchema.parse(impact);
  return matrix[l - 1]![i - 1]!;
}

export function isBlockingSeverity(severity: Severity): boolean {
  return severity === "high" || severity === "critical";
}
