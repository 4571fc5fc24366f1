import { policyRulesSchema, type PolicyRule } from "@assay/core";
import { describe, expect, it } from "vitest";
import { describeRule, draftToRule, emptyDraft, nextRuleId, policyErrorLines, ruleToDraft, sameRules, type RuleDraft } from "./policy-rules";

const rules: PolicyRule[] = [
  { id: "no-competitors", description: "Never name a competitor", severity: "medium", type: "keyword", keywords: ["Acme", "Globex Corp"], mode: "must_not_contain" },
  { id: "no-card", description: "No card numbers", severity: "high", type: "regex", pattern: "\\b\\d{16}\\b", flags: "", mode: "must_not_contain" },
  { id: "json", description: "Answers are JSON", severity: "low", type: "json_schema", schema: { type: "object", required: ["answer"] }, fromFencedBlock: false },
];

const draft = (over: Partial<RuleDraft>): RuleDraft => ({ ...emptyDraft("keyword", []), description: "Checks something", ...over });

describe("drafts", () => {
  it("round-trip every rule type, and the result passes the core schema", () => {
    for (const rule of rules) {
      const result = draftToRule(ruleToDraft(rule), []);
      expect(result).toEqual({ rule });
    }
    expect(policyRulesSchema.safeParse(rules).success).toBe(true);
  });

  it("suggest a free id", () => {
    expect(nextRuleId([])).toBe("rule-1");
    expect(nextRuleId([{ id: "rule-2" }, { id: "x" }])).toBe("rule-3");
    expect(nextRuleId([{ id: "rule-1" }])).toBe("rule-2");
    expect(emptyDraft("regex", [{ id: "a" }]).id).toBe("rule-2");
  });
});

describe("draftToRule", () => {
  it("reads keywords one per line, trimmed and without repeats", () => {
    const result = draftToRule(draft({ keywords: " Acme \n\nacme\nAcme\nGlobex  ", mode: "must_contain" }), []);
    expect(result).toEqual({ rule: { id: "rule-1", description: "Checks something", severity: "medium", type: "keyword", keywords: ["Acme", "acme", "Globex"], mode: "must_contain" } });
  });

  it("names the fields to fix", () => {
    expect(draftToRule(draft({ id: " ", description: "", keywords: "\n" }), [])).toEqual({
      errors: { id: "Give the rule an id.", description: "Describe what the rule checks.", keywords: "Enter at least one keyword or phrase, one per line." },
    });
    expect(draftToRule(draft({ id: "dup", keywords: "x" }), ["dup"])).toEqual({ errors: { id: "Another rule already has the id “dup”." } });
  });

  it("compiles regular expressions and checks their flags", () => {
    const bad = draftToRule(draft({ type: "regex", pattern: "(unclosed" }), []);
    expect("errors" in bad && bad.errors.pattern).toMatch(/^The pattern does not compile/);
    expect(draftToRule(draft({ type: "regex", pattern: "a", flags: "gi" }), [])).toEqual({ errors: { flags: "Flags are some of i, m, s and u, each at most once." } });
    expect(draftToRule(draft({ type: "regex", pattern: "a", flags: "ii" }), [])).toHaveProperty("errors.flags");
    expect(draftToRule(draft({ type: "regex", pattern: "x".repeat(501) }), [])).toHaveProperty("errors.pattern", "A pattern has at most 500 characters.");
  });

  it("parses the JSON schema and wants an object", () => {
    expect(draftToRule(draft({ type: "json_schema", schema: "{oops" }), [])).toHaveProperty("errors.schema");
    expect(draftToRule(draft({ type: "json_schema", schema: "[1]" }), [])).toHaveProperty("errors.schema", 'The schema must be a JSON object, e.g. {"type": "object"}.');
    expect(draftToRule(draft({ type: "json_schema", schema: '{"type":"object"}' }), [])).toHaveProperty("rule.schema", { type: "object" });
  });
});

describe("describeRule", () => {
  it("says what each rule checks", () => {
    expect(describeRule(rules[0]!)).toBe("Must not contain any of “Acme”, “Globex Corp”");
    expect(describeRule(rules[1]!)).toBe("Must not contain a match of /\\b\\d{16}\\b/");
    expect(describeRule(rules[2]!)).toBe("Must be JSON matching a schema (2 top-level keywords)");
  });
});

describe("sameRules and policyErrorLines", () => {
  it("compare lists and name the rule of a server issue", () => {
    expect(sameRules(rules, [...rules])).toBe(true);
    expect(sameRules(rules, rules.slice(1))).toBe(false);
    expect(
      policyErrorLines(
        [
          { path: "policyRules.1.pattern", message: "The pattern does not compile" },
          { path: "policyRules.9", message: "Bad" },
          { path: "note", message: "Too long" },
        ],
        rules,
      ),
    ).toEqual(["Rule 2 (“no-card”), pattern: The pattern does not compile", "Rule 10: Bad", "Too long"]);
    expect(policyErrorLines({ problems: [] }, rules)).toEqual([]);
  });
});
