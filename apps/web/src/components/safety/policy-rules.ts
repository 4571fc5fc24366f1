import type { PolicyRule, Severity } from "@assay/core";

/**
 * Form state of the policy-rules editor and its checks, mirroring
 * policyRuleSchema (packages/core/src/safety/graders/policy.ts). The server
 * validates again (and compiles JSON schemas); these checks point at the field
 * to fix before a version is written.
 */

export const POLICY_RULE_TYPES = ["keyword", "regex", "json_schema"] as const;
export type PolicyRuleType = (typeof POLICY_RULE_TYPES)[number];
export const POLICY_RULE_TYPE_LABELS: Record<PolicyRuleType, string> = { keyword: "Keywords", regex: "Regular expression", json_schema: "JSON schema" };

export const POLICY_MODES = ["must_not_contain", "must_contain"] as const;
export type PolicyMode = (typeof POLICY_MODES)[number];
export const POLICY_MODE_LABELS: Record<PolicyMode, string> = { must_not_contain: "Must not contain", must_contain: "Must contain" };

export const MAX_RULES = 100;
export const MAX_PATTERN_LENGTH = 500;
const MAX_KEYWORDS = 500;

export type RuleDraft = {
  type: PolicyRuleType;
  id: string;
  description: string;
  severity: Severity;
  mode: PolicyMode;
  /** One keyword or phrase per line. */
  keywords: string;
  pattern: string;
  flags: string;
  /** The JSON schema as typed. */
  schema: string;
  fromFencedBlock: boolean;
};

export type RuleDraftErrors = Partial<Record<keyof RuleDraft, string>>;

/** The next free "rule-N" id. */
export function nextRuleId(rules: ReadonlyArray<{ id: string }>): string {
  const taken = new Set(rules.map((r) => r.id));
  let n = rules.length + 1;
  while (taken.has(`rule-${n}`)) n += 1;
  return `rule-${n}`;
}

export function emptyDraft(type: PolicyRuleType, rules: ReadonlyArray<{ id: string }>): RuleDraft {
  return {
    type,
    id: nextRuleId(rules),
    description: "",
    severity: "medium",
    mode: "must_not_contain",
    keywords: "",
    pattern: "",
    flags: "i",
    schema: '{\n  "type": "object",\n  "properties": {},\n  "required": []\n}',
    fromFencedBlock: true,
  };
}

export function ruleToDraft(rule: PolicyRule): RuleDraft {
  const base = { ...emptyDraft(rule.type, []), id: rule.id, description: rule.description, severity: rule.severity };
  switch (rule.type) {
    case "keyword":
      return { ...base, mode: rule.mode, keywords: rule.keywords.join("\n") };
    case "regex":
      return { ...base, mode: rule.mode, pattern: rule.pattern, flags: rule.flags };
    case "json_schema":
      return { ...base, schema: JSON.stringify(rule.schema, null, 2), fromFencedBlock: rule.fromFencedBlock };
  }
}

const FLAGS = /^(?!.*(.).*\1)[imsu]*$/;

/** The rule a draft describes, or what is wrong with it. `otherIds` are the ids of the suite's other rules. */
export function draftToRule(draft: RuleDraft, otherIds: readonly string[]): { rule: PolicyRule } | { errors: RuleDraftErrors } {
  const errors: RuleDraftErrors = {};
  const id = draft.id.trim();
  const description = draft.description.trim();
  if (!id) errors.id = "Give the rule an id.";
  else if (id.length > 100) errors.id = "The id has at most 100 characters.";
  else if (otherIds.includes(id)) errors.id = `Another rule already has the id “${id}”.`;
  if (!description) errors.description = "Describe what the rule checks.";
  else if (description.length > 500) errors.description = "The description has at most 500 characters.";
  const base = { id, description, severity: draft.severity };

  let rule: PolicyRule | null = null;
  if (draft.type === "keyword") {
    const keywords = [...new Set(draft.keywords.split(/\r?\n/).map((k) => k.trim()).filter(Boolean))];
    if (keywords.length === 0) errors.keywords = "Enter at least one keyword or phrase, one per line.";
    else if (keywords.length > MAX_KEYWORDS) errors.keywords = `At most ${MAX_KEYWORDS} keywords.`;
    else if (keywords.some((k) => k.length > 200)) errors.keywords = "A keyword has at most 200 characters.";
    rule = { ...base, type: "keyword", keywords, mode: draft.mode };
  } else if (draft.type === "regex") {
    const flags = draft.flags.trim();
    if (!draft.pattern) errors.pattern = "Enter a pattern.";
    else if (draft.pattern.length > MAX_PATTERN_LENGTH) errors.pattern = `A pattern has at most ${MAX_PATTERN_LENGTH} characters.`;
    if (!FLAGS.test(flags)) errors.flags = "Flags are some of i, m, s and u, each at most once.";
    else if (draft.pattern && !errors.pattern) {
      try {
        new RegExp(draft.pattern, flags);
      } catch (error) {
        errors.pattern = `The pattern does not compile: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    rule = { ...base, type: "regex", pattern: draft.pattern, flags, mode: draft.mode };
  } else {
    let schema: unknown;
    try {
      schema = JSON.parse(draft.schema);
    } catch (error) {
      errors.schema = `The schema is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (!errors.schema && (typeof schema !== "object" || schema === null || Array.isArray(schema))) errors.schema = "The schema must be a JSON object, e.g. {\"type\": \"object\"}.";
    if (!errors.schema) rule = { ...base, type: "json_schema", schema: schema as Record<string, unknown>, fromFencedBlock: draft.fromFencedBlock };
  }
  if (Object.keys(errors).length > 0 || !rule) return { errors };
  return { rule };
}

/** One line saying what a rule checks. */
export function describeRule(rule: PolicyRule): string {
  switch (rule.type) {
    case "keyword": {
      const shown = rule.keywords.slice(0, 5).map((k) => `“${k}”`).join(", ");
      const more = rule.keywords.length > 5 ? ` and ${rule.keywords.length - 5} more` : "";
      return `${POLICY_MODE_LABELS[rule.mode]} ${rule.mode === "must_contain" ? "every one of" : "any of"} ${shown}${more}`;
    }
    case "regex":
      return `${POLICY_MODE_LABELS[rule.mode]} a match of /${rule.pattern}/${rule.flags}`;
    case "json_schema": {
      const keys = Object.keys(rule.schema).length;
      return `Must be JSON matching a schema (${keys} top-level ${keys === 1 ? "keyword" : "keywords"})${rule.fromFencedBlock ? ", a ```json block accepted" : ""}`;
    }
  }
}

/** Whether two rule lists are the same, so Save is offered only for a change. */
export function sameRules(a: readonly PolicyRule[], b: readonly PolicyRule[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The validation issues of a 400 from POST …/versions, naming the rule:
 * paths look like "policyRules.2.pattern".
 */
export function policyErrorLines(details: unknown, rules: readonly PolicyRule[]): string[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d): string[] => {
    if (!d || typeof d !== "object") return [];
    const { path, message } = d as { path?: unknown; message?: unknown };
    if (typeof message !== "string") return [];
    const parts = typeof path === "string" ? path.split(".") : [];
    if (parts[0] !== "policyRules" || parts[1] === undefined || !/^\d+$/.test(parts[1])) return [message];
    const index = Number(parts[1]);
    const rule = rules[index];
    const field = parts.slice(2).join(".");
    return [`Rule ${index + 1}${rule ? ` (“${rule.id}”)` : ""}${field ? `, ${field}` : ""}: ${message}`];
  });
}
