import { z } from "zod";
import type { Severity } from "../risk/severity";

/**
 * Incident levels: Sev-1 (worst) to Sev-4, and near misses (caught before
 * they reached anyone). An organisation's admins word the definitions; the
 * levels themselves are fixed, so metrics compare across organisations.
 */
export const INCIDENT_LEVELS = ["sev1", "sev2", "sev3", "sev4", "near_miss"] as const;
export type IncidentLevel = (typeof INCIDENT_LEVELS)[number];

export const INCIDENT_LEVEL_LABELS: Record<IncidentLevel, string> = {
  sev1: "Sev-1",
  sev2: "Sev-2",
  sev3: "Sev-3",
  sev4: "Sev-4",
  near_miss: "Near miss",
};

export type IncidentLevelDefinitions = Record<IncidentLevel, string>;

/** What each level means until an admin words it otherwise (OrgSetting "incident.levels"). */
export const DEFAULT_INCIDENT_LEVEL_DEFINITIONS: IncidentLevelDefinitions = {
  sev1: "Severe harm to people or legal exposure; stop the system.",
  sev2: "Material harm to users or the business, or many users affected; contain within hours.",
  sev3: "Limited harm to a few users, with a workaround; fix within days.",
  sev4: "Minor issue with no lasting harm; fix in the normal course of work.",
  near_miss: "Caught before it reached anyone.",
};

/** The OrgSetting key the definitions are stored under. */
export const INCIDENT_LEVELS_SETTING_KEY = "incident.levels";

const definitionSchema = (level: IncidentLevel) =>
  z
    .string({ error: `Write a definition for ${INCIDENT_LEVEL_LABELS[level]}.` })
    .trim()
    .min(5, `Write a definition for ${INCIDENT_LEVEL_LABELS[level]} (at least 5 characters).`)
    .max(500, `Keep the definition of ${INCIDENT_LEVEL_LABELS[level]} under 500 characters.`);

/** Every level needs a definition; unknown keys are refused so a typo is not silently dropped. */
export const incidentLevelDefinitionsSchema = z.strictObject(
  {
    sev1: definitionSchema("sev1"),
    sev2: definitionSchema("sev2"),
    sev3: definitionSchema("sev3"),
    sev4: definitionSchema("sev4"),
    near_miss: definitionSchema("near_miss"),
  },
  { error: "Send a definition for each level: sev1, sev2, sev3, sev4 and near_miss." },
);

/** Reads a stored setting; anything malformed (or missing) falls back to the defaults. */
export function incidentLevelDefinitionsFrom(stored: unknown): { definitions: IncidentLevelDefinitions; customised: boolean } {
  const parsed = incidentLevelDefinitionsSchema.safeParse(stored);
  return parsed.success ? { definitions: parsed.data, customised: true } : { definitions: { ...DEFAULT_INCIDENT_LEVEL_DEFINITIONS }, customised: false };
}

const SEVERITY_OF_LEVEL: Record<IncidentLevel, Severity> = { sev1: "critical", sev2: "high", sev3: "medium", sev4: "low", near_miss: "low" };
const LEVEL_OF_SEVERITY: Record<Severity, IncidentLevel> = { critical: "sev1", high: "sev2", medium: "sev3", low: "sev4" };

/** The alert-style severity an incident level corresponds to (used for webhooks and sorting). */
export function severityForLevel(level: IncidentLevel): Severity {
  return SEVERITY_OF_LEVEL[level];
}

/** The level an alert's severity opens an incident at; low is Sev-4 (a near miss is a person's call). */
export function levelForSeverity(severity: Severity): IncidentLevel {
  return LEVEL_OF_SEVERITY[severity];
}

/**
 * The level to keep when only the severity changes: the current level if it
 * already corresponds (a near miss stays one at low), else the severity's own.
 */
export function levelAfterSeverityChange(current: IncidentLevel | null, severity: Severity): IncidentLevel {
  if (current && severityForLevel(current) === severity) return current;
  return levelForSeverity(severity);
}

/** Sev-1 first, near misses last. */
export function compareLevels(a: IncidentLevel | null, b: IncidentLevel | null): number {
  const rank = (l: IncidentLevel | null) => (l === null ? INCIDENT_LEVELS.length : INCIDENT_LEVELS.indexOf(l));
  return rank(a) - rank(b);
}

export const INCIDENT_SOURCES = ["alert", "user_report", "red_team", "internal_testing"] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];
export const INCIDENT_SOURCE_LABELS: Record<IncidentSource, string> = {
  alert: "Monitoring alert",
  user_report: "User report",
  red_team: "Red team",
  internal_testing: "Internal testing",
};

export const ROOT_CAUSES = [
  "data_shift",
  "labelling",
  "prompt_template_regression",
  "model_version_mismatch",
  "prompt_injection",
  "policy_misconfiguration",
  "other",
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];
export const ROOT_CAUSE_LABELS: Record<RootCause, string> = {
  data_shift: "Data shift",
  labelling: "Labelling",
  prompt_template_regression: "Prompt/template regression",
  model_version_mismatch: "Model version mismatch",
  prompt_injection: "Prompt injection",
  policy_misconfiguration: "Policy misconfiguration",
  other: "Other",
};
