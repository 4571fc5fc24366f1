import { readFile } from "node:fs/promises";
import { suiteItemSchema, type SuiteItem } from "@assay/core";
import { BUILTIN_SUITE_KEYS, loadBuiltinSuite, type BuiltinSuiteKey } from "@assay/datasets/safety-suites";
import { z } from "zod";
import { InputError } from "./fairness";

/** A line of a suite file: a full suite item, or the shorthand {id?, prompt, expected, category?, secret?, context?}. */
const suiteLineSchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    externalId: z.string().optional(),
    prompt: z.string().min(1).optional(),
    messages: z.unknown().optional(),
    category: z.string().default("other"),
    sourceCategory: z.string().default(""),
    expected: z.string(),
    secret: z.string().optional(),
    context: z.string().optional(),
    injection: z.unknown().optional(),
  })
  .passthrough();

function itemOfLine(value: unknown, line: number): SuiteItem {
  const parsed = suiteLineSchema.safeParse(value);
  if (!parsed.success) throw new InputError(`Line ${line}: ${parsed.error.issues[0]?.message ?? "not a suite item"}.`);
  const row = parsed.data;
  const [expected, shorthandSecret] = row.expected.startsWith("must_not_reveal:") ? ["must_not_reveal", row.expected.slice("must_not_reveal:".length)] : [row.expected, undefined];
  const candidate = {
    externalId: row.externalId ?? String(row.id ?? `line-${line}`),
    messages: row.messages ?? (row.prompt ? [{ role: "user", content: row.prompt }] : undefined),
    category: row.category,
    sourceCategory: row.sourceCategory,
    expected,
    ...(row.secret ?? shorthandSecret ? { secret: row.secret ?? shorthandSecret } : {}),
    ...(row.context ? { context: row.context } : {}),
    ...(row.injection ? { injection: row.injection } : {}),
  };
  const item = suiteItemSchema.safeParse(candidate);
  if (!item.success) {
    const issue = item.error.issues[0];
    throw new InputError(`Line ${line}: ${issue?.path.join(".") || "item"}: ${issue?.message ?? "invalid"}.`);
  }
  return item.data;
}

/** `builtin:NAME` or a JSONL file of suite items. */
export async function loadSuiteArg(spec: string): Promise<{ key: string; items: SuiteItem[] }> {
  if (spec.startsWith("builtin:")) {
    const key = spec.slice("builtin:".length);
    if (!(BUILTIN_SUITE_KEYS as readonly string[]).includes(key)) throw new InputError(`Unknown built-in suite '${key}'. Built-ins: ${BUILTIN_SUITE_KEYS.join(", ")}.`);
    const suite = await loadBuiltinSuite(key as BuiltinSuiteKey);
    return { key, items: suite.items };
  }
  const text = await readFile(spec, "utf8").catch((error: unknown) => {
    throw new InputError(`Cannot read --suite ${spec}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const items = jsonLines(text, spec).map(({ value, line }) => itemOfLine(value, line));
  if (items.length === 0) throw new InputError(`${spec} has no items.`);
  return { key: spec, items };
}

/** Parses JSONL, naming the line of the first bad one; blank lines are skipped. */
export function jsonLines(text: string, name: string): Array<{ value: unknown; line: number }> {
  const out: Array<{ value: unknown; line: number }> = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === "") return;
    try {
      out.push({ value: JSON.parse(raw), line: index + 1 });
    } catch {
      throw new InputError(`${name} line ${index + 1} is not valid JSON.`);
    }
  });
  return out;
}
