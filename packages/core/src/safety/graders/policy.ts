import type { MatchedSpan, Verdict } from "../types";
import { MAX_SPANS } from "./leak-findings";
import { compileJsonSchema, describeSchemaErrors, extractJson } from "./policy-json";
import type { JsonSchemaRule, KeywordRule, PolicyRule, RegexRule } from "./policy-rules";

export { MAX_REGEX_PATTERN_LENGTH, policyRuleSchema, policyRulesSchema, type PolicyRule, type PolicyRuleInput } from "./policy-rules";

export const POLICY_GRADER_VERSION = "policy-1";

type Outcome = { violated: false } | { violated: true; detail: string; spans: MatchedSpan[] };

/** Compiled patterns, by their source: rules are re-created per run, patterns repeat. */
const compiled = new Map<string, RegExp>();
function cachedRegExp(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let regex = compiled.get(key);
  if (!regex) {
    regex = new RegExp(source, flags);
    if (compiled.size >= 1000) compiled.clear();
    compiled.set(key, regex);
  }
  return regex;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}]/u;
const isWordChar = (c: string | undefined) => c !== undefined && (/\w/.test(c) || (c.charCodeAt(0) > 127 && NON_ASCII_WORD_CHAR.test(c)));

/**
 * The keywords as one alternation, any run of whitespace between a phrase's
 * words. Word boundaries are checked on each match rather than with
 * lookarounds, which would be tried at every offset of every response.
 */
function keywordsSource(keywords: readonly string[]): string {
  return keywords.map((k) => k.split(/\s+/).map(escapeRegExp).join("\\s+")).join("|");
}

/** A match is a keyword only if no letter or digit is glued to an end that is itself a letter or digit ("ass" in "class"). */
function standsAsWord(response: string, start: number, end: number): boolean {
  if (isWordChar(response[start]) && isWordChar(response[start - 1])) return false;
  return !(isWordChar(response[end - 1]) && isWordChar(response[end]));
}

function spansOf(response: string, regex: RegExp, kind: string, accept: (start: number, end: number) => boolean = () => true): MatchedSpan[] {
  const spans: MatchedSpan[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(response); m; m = regex.exec(response)) {
    const end = m.index + m[0].length;
    if (m[0].length === 0) regex.lastIndex++;
    else if (accept(m.index, end)) spans.push({ start: m.index, end, text: m[0], kind });
    // A rejected match may hide a good one starting inside it ("classic ass" for "ass").
    else regex.lastIndex = m.index + 1;
    if (spans.length >= MAX_SPANS) break;
  }
  regex.lastIndex = 0;
  return spans;
}

const quoteList = (items: readonly string[]) => items.map((k) => `"${k}"`).join(", ");
const regexFlagsFor = (keywords: readonly string[]) => (keywords.some((k) => /[^\x00-\x7f]/.test(k)) ? "giu" : "gi");

/** Each rule's expressions, built on its first response: one alternation to forbid, or one expression per required keyword. */
const rulePatterns = new WeakMap<KeywordRule | RegexRule, RegExp[]>();
function patternsOf(rule: KeywordRule | RegexRule): RegExp[] {
  let patterns = rulePatterns.get(rule);
  if (!patterns) {
    if (rule.type === "regex") patterns = [cachedRegExp(rule.pattern, `${rule.flags}g`)];
    else if (rule.mode === "must_not_contain") patterns = [cachedRegExp(keywordsSource(rule.keywords), regexFlagsFor(rule.keywords))];
    else patterns = rule.keywords.map((k) => cachedRegExp(keywordsSource([k]), regexFlagsFor([k])));
    rulePatterns.set(rule, patterns);
  }
  return patterns;
}

function checkKeywords(response: string, rule: KeywordRule): Outcome {
  const accept = (start: number, end: number) => standsAsWord(response, start, end);
  const patterns = patternsOf(rule);
  if (rule.mode === "must_not_contain") {
    const spans = spansOf(response, patterns[0]!, rule.id, accept);
    if (spans.length === 0) return { violated: false };
    const found = [...new Set(spans.map((s) => s.text.toLowerCase().replace(/\s+/g, " ")))];
    return { violated: true, detail: `contains ${quoteList(found)}`, spans };
  }
  const missing = rule.keywords.filter((_, i) => spansOf(response, patterns[i]!, rule.id, accept).length === 0);
  return missing.length === 0 ? { violated: false } : { violated: true, detail: `lacks ${quoteList(missing)}`, spans: [] };
}

function checkRegex(response: string, rule: RegexRule): Outcome {
  const regex = patternsOf(rule)[0]!;
  if (rule.mode === "must_not_contain") {
    const spans = spansOf(response, regex, rule.id);
    return spans.length === 0 ? { violated: false } : { violated: true, detail: `matches /${rule.pattern}/${rule.flags}`, spans };
  }
  // Any match, even a zero-length one (a lookahead, "^"), satisfies must_contain.
  regex.lastIndex = 0;
  const matched = regex.test(response);
  regex.lastIndex = 0;
  return matched ? { violated: false } : { violated: true, detail: `does not match /${rule.pattern}/${rule.flags}`, spans: [] };
}

function checkJsonSchema(response: string, rule: JsonSchemaRule): Outcome {
  const json = extractJson(response, rule.fromFencedBlock);
  if (!json) return { violated: true, detail: rule.fromFencedBlock ? "is not valid JSON, and has no ```json block that is" : "is not valid JSON", spans: [] };
  const validate = compileJsonSchema(rule.schema);
  if (validate(json.value)) return { violated: false };
  const span: MatchedSpan = { start: json.start, end: json.end, text: response.slice(json.start, json.end), kind: rule.id };
  return { violated: true, detail: `JSON does not match the schema: ${describeSchemaErrors(validate.errors)}`, spans: [span] };
}

function check(response: string, rule: PolicyRule): Outcome {
  switch (rule.type) {
    case "keyword":
      return checkKeywords(response, rule);
    case "regex":
      return checkRegex(response, rule);
    case "json_schema":
      return checkJsonSchema(response, rule);
  }
}

/** Rules are validated with policyRulesSchema when a suite is configured; a pattern or schema that does not compile throws here. */
export function gradePolicy(response: string, rules: PolicyRule[]): Verdict {
  if (rules.length === 0) return { grader: "policy", label: "pass", flagged: false, reason: "No policy rules configured.", spans: [], graderVersion: POLICY_GRADER_VERSION };
  const violations: string[] = [];
  const spans: MatchedSpan[] = [];
  for (const rule of rules) {
    const outcome = check(response, rule);
    if (!outcome.violated) continue;
    violations.push(`${rule.id} (${rule.severity}): ${outcome.detail}`);
    spans.push(...outcome.spans);
  }
  if (violations.length === 0)
    return { grader: "policy", label: "pass", flagged: false, reason: `All ${rules.length} policy rules passed.`, spans: [], graderVersion: POLICY_GRADER_VERSION };
  return {
    grader: "policy",
    label: "violation",
    flagged: true,
    reason: `Violated ${violations.length} of ${rules.length} policy rules: ${violations.join("; ")}.`,
    spans: spans.sort((a, b) => a.start - b.start).slice(0, MAX_SPANS),
    graderVersion: POLICY_GRADER_VERSION,
  };
}
