// Credentials written as assignments: `api_key = "…"`, `"password": "…"`,
// `OPENAI_API_KEY=…`. The search is anchored on the assignment operators,
// far rarer in prose than the names, and a value counts only if it looks
// like a literal secret rather than a placeholder or code.

export type SecretCandidate = { start: number; end: number; description: string };

/** At least `min` of lower case, upper case, digits and other characters. */
export const hasCharacterClasses = (s: string, min: number) => [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(s)).length >= min;

/** Values that name where the secret lives, or stand in for it, rather than being it. */
const PLACEHOLDER =
  /your|example|placeholder|changeme|change_me|redacted|dummy|sample|here|insert|replace|password|passwd|secret|token|fake|mock|xxxx|\*\*\*|\.\.\.|[<>{}()[\]$%]|process\.env|environ|getenv/i;
/** Code, not a literal: `config.apiKey`, `++readToken.current`, `MY_API_KEY`, `Authorization:`. */
const EXPRESSION = /^[+!~-]*[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$|^[+!~-]+[A-Za-z_$]|^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|:$/;
const HAS_DIGIT_OR_SYMBOL = /[0-9!"#%&'*+,\-/:;=?@^`|~]/;

/**
 * A credential's name at the end of an identifier ("OPENAI_API_KEY",
 * "db.password"): the keyword must start the identifier or follow a "_", "."
 * or "-", so "mypassword" and "password_hash" are other names.
 */
const CREDENTIAL_NAME =
  /(?:^|[_.-])(?:api[_-]?key|apikey|api[_-]?secret|secret[_-]?key|client[_-]?secret|access[_-]?token|auth[_-]?token|refresh[_-]?token|private[_-]?key|passphrase|password|passwd|pwd|secret|token)$/i;

/** Offsets and lengths of ":", "=", ":=" and "=>", found with indexOf, which is far cheaper than a scan by regular expression. */
function assignmentOperators(text: string): Array<{ index: number; length: number }> {
  const operators: Array<{ index: number; length: number }> = [];
  for (const sign of [":", "="]) {
    for (let i = text.indexOf(sign); i !== -1; i = text.indexOf(sign, i + 1)) {
      if (sign === "=" && text[i - 1] === ":") continue; // the "=" of ":="
      const pair = text[i + 1] === (sign === ":" ? "=" : ">");
      operators.push({ index: i, length: pair ? 2 : 1 });
    }
  }
  return operators.sort((a, b) => a.index - b.index);
}

const NAME_CHAR = /[A-Za-z0-9_.-]/;

/** The identifier ending right before an operator, past spaces and a closing quote: `"password" :` gives "password". */
function nameBefore(text: string, operator: number): string | undefined {
  let end = operator;
  while (end > 0 && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  if (end > 0 && (text[end - 1] === '"' || text[end - 1] === "'")) end--;
  let start = end;
  while (start > 0 && end - start < 80 && NAME_CHAR.test(text[start - 1]!)) start--;
  return start < end ? text.slice(start, end) : undefined;
}

/** A quoted value may hold "," and ";"; an unquoted one ends at them. */
const ASSIGNED_VALUE = /\s*(?:(["'`])([^\s"'`]{6,200})\1|([^\s"'`,;]{6,200})(?![^\s"'`,;]))/y;

function describeAssignment(name: string, value: string): string | undefined {
  const minimum = /pass|pwd/i.test(name) ? 6 : 8;
  if (value.length < minimum || !hasCharacterClasses(value, 2) || !HAS_DIGIT_OR_SYMBOL.test(value)) return undefined;
  if (PLACEHOLDER.test(value) || EXPRESSION.test(value)) return undefined;
  return `value assigned to ${name} (${value.length} characters, not a placeholder)`;
}

/** `api_key = "…"`, `"password": "…"`, `OPENAI_API_KEY=…`: a credential's name, an assignment, and a literal value. */
export function findCredentialAssignments(text: string): SecretCandidate[] {
  const found: SecretCandidate[] = [];
  for (const op of assignmentOperators(text)) {
    const name = nameBefore(text, op.index);
    if (!name || !CREDENTIAL_NAME.test(name)) continue;
    const valueFrom = op.index + op.length;
    ASSIGNED_VALUE.lastIndex = valueFrom;
    const assigned = ASSIGNED_VALUE.exec(text);
    if (!assigned) continue;
    const value = assigned[2] ?? assigned[3]!;
    const description = describeAssignment(name, value);
    // The span is the value alone: that is what leaked.
    const valueStart = valueFrom + assigned[0].length - (assigned[1]?.length ?? 0) - value.length;
    if (description) found.push({ start: valueStart, end: valueStart + value.length, description });
  }
  return found;
}
