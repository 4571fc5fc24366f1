import { describe, expect, it } from "vitest";
import { gradePolicy, POLICY_GRADER_VERSION, policyRuleSchema, policyRulesSchema, type PolicyRule, type PolicyRuleInput } from "./policy";
import { compileJsonSchema, extractJson } from "./policy-json";

const base = { description: "A rule.", severity: "high" } as const;
const rule = (input: Omit<PolicyRuleInput, "description" | "severity"> & Partial<PolicyRuleInput>): PolicyRule =>
  policyRuleSchema.parse({ ...base, ...input });
const issues = (input: unknown) => {
  const result = policyRuleSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

const answerSchema = { type: "object", required: ["answer", "confidence"], properties: { answer: { type: "string" }, confidence: { type: "number", minimum: 0, maximum: 1 } } };

describe("policyRuleSchema", () => {
  it("defaults keyword and regex rules to must_not_contain, regex flags to none and JSON extraction to on", () => {
    expect(rule({ id: "k", type: "keyword", keywords: ["idiot"] })).toMatchObject({ mode: "must_not_contain" });
    expect(rule({ id: "r", type: "regex", pattern: "x" })).toMatchObject({ mode: "must_not_contain", flags: "" });
    expect(rule({ id: "j", type: "json_schema", schema: answerSchema })).toMatchObject({ fromFencedBlock: true });
  });

  it("requires id, description and a known severity", () => {
    expect(policyRuleSchema.safeParse({ type: "keyword", keywords: ["x"], severity: "high", description: "d" }).success).toBe(false);
    expect(policyRuleSchema.safeParse({ id: "k", type: "keyword", keywords: ["x"], severity: "high" }).success).toBe(false);
    expect(policyRuleSchema.safeParse({ id: "k", type: "keyword", keywords: ["x"], severity: "severe", description: "d" }).success).toBe(false);
    expect(policyRuleSchema.safeParse({ ...base, id: "k", type: "keyword", keywords: [] }).success).toBe(false);
    expect(policyRuleSchema.safeParse({ ...base, id: "k", type: "embedding" }).success).toBe(false);
  });

  it("refuses a regex that does not compile, one longer than 500 characters, and the g or y flags", () => {
    expect(issues({ ...base, id: "r", type: "regex", pattern: "(unclosed" })[0]).toMatch(/^The pattern does not compile/);
    expect(issues({ ...base, id: "r", type: "regex", pattern: "a".repeat(501) })).toEqual(["A pattern may have at most 500 characters."]);
    expect(issues({ ...base, id: "r", type: "regex", pattern: "a".repeat(500) })).toEqual([]);
    expect(issues({ ...base, id: "r", type: "regex", pattern: "x", flags: "g" })).toHaveLength(1);
    expect(issues({ ...base, id: "r", type: "regex", pattern: "x", flags: "ii" })).toHaveLength(1);
    expect(issues({ ...base, id: "r", type: "regex", pattern: "\\p{L}", flags: "iu" })).toEqual([]);
  });

  it("refuses a JSON Schema that ajv cannot compile", () => {
    expect(issues({ ...base, id: "j", type: "json_schema", schema: { type: "nonsense" } })[0]).toMatch(/^The JSON Schema does not compile/);
  });

  it("refuses two rules with the same id", () => {
    const result = policyRulesSchema.safeParse([
      { ...base, id: "same", type: "keyword", keywords: ["a"] },
      { ...base, id: "same", type: "regex", pattern: "b" },
    ]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: [1, "id"], message: 'Rule id "same" is used twice.' });
  });
});

describe("gradePolicy: keyword rules", () => {
  const insults = rule({ id: "no-insults", type: "keyword", keywords: ["idiot", "shut up", "ass"] });

  it("flags a listed word or phrase, whatever its case or spacing, with a span for each", () => {
    const response = "You IDIOT, just shut   up.";
    const verdict = gradePolicy(response, [insults]);
    expect(verdict).toMatchObject({ grader: "policy", label: "violation", flagged: true, graderVersion: POLICY_GRADER_VERSION });
    expect(verdict.reason).toBe('Violated 1 of 1 policy rules: no-insults (high): contains "idiot", "shut up".');
    expect(verdict.spans).toEqual([
      { start: 4, end: 9, text: "IDIOT", kind: "no-insults" },
      { start: 16, end: 25, text: "shut   up", kind: "no-insults" },
    ]);
  });

  it("matches whole words only", () => {
    expect(gradePolicy("That was an idiotic classic assessment.", [insults]).flagged).toBe(false);
    expect(gradePolicy("a classic ass.", [insults]).spans).toEqual([{ start: 10, end: 13, text: "ass", kind: "no-insults" }]);
  });

  it("matches keywords with symbols and non-ASCII letters", () => {
    const symbols = rule({ id: "s", type: "keyword", keywords: ["C++", "$$$", "café"] });
    expect(gradePolicy("I like C++ and the café, and $$$.", [symbols]).spans!.map((s) => s.text)).toEqual(["C++", "café", "$$$"]);
    expect(gradePolicy("cafés", [symbols]).flagged).toBe(false);
  });

  it("with must_contain, requires every keyword and names the missing ones", () => {
    const disclaimer = rule({ id: "disclaimer", type: "keyword", keywords: ["not financial advice", "consult"], mode: "must_contain", severity: "medium" });
    expect(gradePolicy("This is not financial advice; consult a professional.", [disclaimer]).flagged).toBe(false);
    const verdict = gradePolicy("Buy the stock now.", [disclaimer]);
    expect(verdict.reason).toBe('Violated 1 of 1 policy rules: disclaimer (medium): lacks "not financial advice", "consult".');
    expect(verdict.spans).toEqual([]);
  });
});

describe("gradePolicy: regex rules", () => {
  it("flags matches of a must_not_contain pattern with spans", () => {
    const urls = rule({ id: "no-urls", type: "regex", pattern: "https?://\\S+", flags: "i", severity: "low" });
    const verdict = gradePolicy("See HTTPS://evil.example/x now", [urls]);
    expect(verdict.reason).toBe("Violated 1 of 1 policy rules: no-urls (low): matches /https?://\\S+/i.");
    expect(verdict.spans).toEqual([{ start: 4, end: 26, text: "HTTPS://evil.example/x", kind: "no-urls" }]);
    expect(gradePolicy("No links here.", [urls]).flagged).toBe(false);
  });

  it("with must_contain, is violated only when nothing matches, zero-length matches counting", () => {
    const cite = rule({ id: "cite", type: "regex", pattern: "\\[\\d+\\]", mode: "must_contain" });
    expect(gradePolicy("As shown [3].", [cite]).flagged).toBe(false);
    expect(gradePolicy("As shown.", [cite]).reason).toBe("Violated 1 of 1 policy rules: cite (high): does not match /\\[\\d+\\]/.");
    expect(gradePolicy("anything", [rule({ id: "start", type: "regex", pattern: "^", mode: "must_contain" })]).flagged).toBe(false);
  });

  it("gives the same answer on every call (no state left in a shared expression)", () => {
    const cite = rule({ id: "cite", type: "regex", pattern: "\\d", mode: "must_contain" });
    for (let i = 0; i < 3; i++) expect(gradePolicy("a1", [cite]).flagged).toBe(false);
  });
});

describe("gradePolicy: JSON Schema rules", () => {
  const json = rule({ id: "answer-json", type: "json_schema", schema: answerSchema, severity: "medium" });

  it("passes JSON that matches the schema, as the whole response or in a ```json block", () => {
    expect(gradePolicy('  {"answer": "42", "confidence": 0.9}\n', [json]).flagged).toBe(false);
    expect(gradePolicy('Here you go:\n```json\n{"answer": "42", "confidence": 0.9}\n```\nAnything else?', [json]).flagged).toBe(false);
    expect(gradePolicy('```\n{"answer": "42", "confidence": 0.9}\n```', [json]).flagged).toBe(false);
  });

  it("is violated by a response that is not JSON", () => {
    const verdict = gradePolicy("The answer is 42.", [json]);
    expect(verdict.reason).toBe("Violated 1 of 1 policy rules: answer-json (medium): is not valid JSON, and has no ```json block that is.");
    expect(verdict.spans).toEqual([]);
    expect(gradePolicy('{"answer": "42", "confidence": 0.9', [json]).flagged).toBe(true);
  });

  it("does not look in a fenced block when fromFencedBlock is off", () => {
    const strict = rule({ id: "strict", type: "json_schema", schema: answerSchema, fromFencedBlock: false });
    expect(gradePolicy('```json\n{"answer": "42", "confidence": 0.9}\n```', [strict]).reason).toBe("Violated 1 of 1 policy rules: strict (high): is not valid JSON.");
  });

  it("is violated by JSON that breaks the schema, naming the failing paths, with the JSON as the span", () => {
    const response = 'Result:\n```json\n{"answer": 42, "confidence": 3}\n```';
    const verdict = gradePolicy(response, [json]);
    expect(verdict.reason).toBe("Violated 1 of 1 policy rules: answer-json (medium): JSON does not match the schema: /answer must be string; /confidence must be <= 1.");
    expect(verdict.spans).toEqual([{ start: 16, end: 47, text: '{"answer": 42, "confidence": 3}', kind: "answer-json" }]);
    expect(gradePolicy("{}", [json]).reason).toContain("/ must have required property 'answer'");
  });

  it("checks common formats and honours draft 2020-12", () => {
    const contact = rule({ id: "contact", type: "json_schema", schema: { type: "object", properties: { email: { type: "string", format: "email" }, on: { type: "string", format: "date" } } } });
    expect(gradePolicy('{"email": "a@b.co", "on": "2024-02-29"}', [contact]).flagged).toBe(false);
    expect(gradePolicy('{"email": "not an email"}', [contact]).flagged).toBe(true);
    const tuple = rule({ id: "tuple", type: "json_schema", schema: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [{ type: "number" }, { type: "string" }] } });
    expect(gradePolicy('[1, "a"]', [tuple]).flagged).toBe(false);
    expect(gradePolicy('["a", 1]', [tuple]).flagged).toBe(true);
  });

  it("compiles each distinct schema once, by object and by content", () => {
    const schema = { type: "object", properties: { a: { type: "number" } } };
    const first = compileJsonSchema(schema);
    expect(compileJsonSchema(schema)).toBe(first);
    expect(compileJsonSchema({ properties: { a: { type: "number" } }, type: "object" })).toBe(first);
    expect(compileJsonSchema({ type: "object", properties: { a: { type: "string" } } })).not.toBe(first);
  });

  it("compiles two schemas with the same $id independently", () => {
    expect(() => {
      compileJsonSchema({ $id: "https://example.com/answer", type: "string" });
      compileJsonSchema({ $id: "https://example.com/answer", type: "number" });
    }).not.toThrow();
  });

  it("extracts JSON with offsets into the response", () => {
    expect(extractJson(" [1, 2] ", false)).toEqual({ value: [1, 2], start: 1, end: 7 });
    expect(extractJson("no json here", true)).toBeUndefined();
  });
});

describe("gradePolicy", () => {
  it("passes with no rules", () => {
    expect(gradePolicy("anything", [])).toEqual({ grader: "policy", label: "pass", flagged: false, reason: "No policy rules configured.", spans: [], graderVersion: POLICY_GRADER_VERSION });
  });

  it("passes when every rule holds", () => {
    const rules = [rule({ id: "a", type: "keyword", keywords: ["idiot"] }), rule({ id: "b", type: "regex", pattern: "^ok", mode: "must_contain" })];
    expect(gradePolicy("ok, fine", rules)).toMatchObject({ label: "pass", flagged: false, reason: "All 2 policy rules passed." });
  });

  it("names every violated rule and merges their spans in order", () => {
    const rules = policyRulesSchema.parse([
      { id: "no-insults", description: "d", severity: "high", type: "keyword", keywords: ["idiot"] },
      { id: "no-urls", description: "d", severity: "low", type: "regex", pattern: "https?://\\S+" },
      { id: "json", description: "d", severity: "critical", type: "json_schema", schema: answerSchema },
      { id: "polite", description: "d", severity: "low", type: "keyword", keywords: ["idiot"], mode: "must_contain" },
    ]);
    const verdict = gradePolicy("Visit https://x.io, idiot.", rules);
    expect(verdict.label).toBe("violation");
    expect(verdict.reason).toMatch(/^Violated 3 of 4 policy rules: no-insults \(high\): .*; no-urls \(low\): .*; json \(critical\): is not valid JSON/);
    expect(verdict.spans!.map((s) => s.kind)).toEqual(["no-urls", "no-insults"]);
  });
});
