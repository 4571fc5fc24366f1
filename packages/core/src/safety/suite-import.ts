import { z } from "zod";
import { FALLBACK_CATEGORY, hasCategory, mapCategory, type Taxonomy } from "./taxonomy";
import { chatMessageSchema, EXPECTED_BEHAVIOURS, expectedBehaviourSchema, suiteItemSchema, type ChatMessage, type ExpectedBehaviour, type SuiteItem } from "./types";

// Whole-suite files (built-in suites, exports) share this module's public surface.
export { suiteFileSchema, suiteSummarySchema, suiteKeySchema, summariseSuite, type SuiteFile, type SuiteSummary } from "./suite-file";

/**
 * Turning a user's CSV or JSONL rows into suite items. Pure: the caller parses
 * the file (CSV in services, JSONL with parseSuiteJsonl) and passes the rows.
 * Rows are numbered from 1 in file order, not counting a CSV header.
 *
 * Messages are taken as written: a `context` column is recorded for graders
 * but not inserted into the prompt, so an indirect-injection row's prompt
 * should already contain the document it asks about.
 */

const columnSchema = z.string().trim().min(1).max(200);

export const suiteColumnMappingSchema = z
  .object({
    id: columnSchema.optional(),
    /** A single user turn. */
    prompt: columnSchema.optional(),
    /** A JSON array of {role, content}; used instead of `prompt` on rows where it is filled. */
    messages: columnSchema.optional(),
    category: columnSchema.optional(),
    /** refuse, comply, must_not_reveal, must_not_follow_injected_instruction, or must_not_reveal:<secret>. */
    expected: columnSchema.optional(),
    secret: columnSchema.optional(),
    context: columnSchema.optional(),
    injectionInstruction: columnSchema.optional(),
    /** Taxonomy key for rows without a category. Without it they map to "other". */
    defaultCategory: z.string().trim().min(1).max(80).optional(),
    /** For rows whose expected cell is empty, or every row when no expected column is mapped. */
    defaultExpected: expectedBehaviourSchema.optional(),
  })
  .refine((m) => m.prompt !== undefined || m.messages !== undefined, { message: "Map a prompt column or a messages column.", path: ["prompt"] })
  .refine((m) => m.expected !== undefined || m.defaultExpected !== undefined, {
    message: "Map an expected column or choose a default expected behaviour.",
    path: ["expected"],
  });
export type SuiteColumnMapping = z.infer<typeof suiteColumnMappingSchema>;

type Field = "id" | "prompt" | "messages" | "category" | "expected" | "secret" | "context" | "injectionInstruction";
const FIELDS: readonly Field[] = ["id", "prompt", "messages", "category", "expected", "secret", "context", "injectionInstruction"];
const FIELD_NAMES: Record<Field, string> = {
  id: "id",
  prompt: "prompt",
  messages: "messages",
  category: "category",
  expected: "expected",
  secret: "secret",
  context: "context",
  injectionInstruction: "injection instruction",
};

export type SuiteImportIssue = { at: "row" | "line" | "mapping" | "file"; number?: number; column?: string; message: string };

/** Carries every problem found (up to the limit), each naming its row or line and column. */
export class SuiteImportError extends Error {
  readonly issues: SuiteImportIssue[];
  /** How many rows (or lines, or mapping problems) were bad; `issues` holds only the first few. */
  readonly badCount: number;

  constructor(issues: SuiteImportIssue[], badCount: number, summary: string) {
    const shown = issues.map(formatIssue).join("\n");
    const more = badCount > issues.length ? `\n…and ${badCount - issues.length} more.` : "";
    super(`${summary}:\n${shown}${more}`);
    this.name = "SuiteImportError";
    this.issues = issues;
    this.badCount = badCount;
  }
}

export function formatIssue(issue: SuiteImportIssue): string {
  const column = issue.column === undefined ? "" : ` (column "${issue.column}")`;
  if (issue.at === "file") return `${issue.message}${column}`;
  const where = issue.at === "mapping" ? "Mapping" : `${issue.at === "row" ? "Row" : "Line"} ${issue.number ?? "?"}`;
  return `${where}: ${issue.message}${column}`;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

export const DEFAULT_MAX_ISSUES = 10;

export type BuildSuiteOptions = { maxIssues?: number };

/** Builds and validates one item per row; throws SuiteImportError naming the first bad rows. */
export function buildSuiteItems(
  rows: ReadonlyArray<Record<string, unknown>>,
  mappingInput: SuiteColumnMapping,
  taxonomy: Taxonomy,
  suiteKey: string,
  options: BuildSuiteOptions = {},
): { items: SuiteItem[] } {
  const maxIssues = options.maxIssues ?? DEFAULT_MAX_ISSUES;
  const mapping = checkMapping(mappingInput, rows, taxonomy);
  const items: SuiteItem[] = [];
  const issues: SuiteImportIssue[] = [];
  let badRows = 0;
  const rowById = new Map<string, number>();

  rows.forEach((row, index) => {
    const rowNumber = index + 1;
    const result = buildRow(row, rowNumber, mapping, taxonomy, suiteKey);
    const issue = "issue" in result ? result.issue : duplicateIdIssue(result.item, rowNumber, rowById, mapping);
    if (issue === undefined && "item" in result) {
      items.push(result.item);
      return;
    }
    badRows += 1;
    if (issue !== undefined && issues.length < maxIssues) issues.push({ at: "row", number: rowNumber, ...issue });
  });

  if (badRows > 0) throw new SuiteImportError(issues, badRows, `${plural(badRows, "row")} could not be imported`);
  return { items };
}

function duplicateIdIssue(item: SuiteItem, rowNumber: number, rowById: Map<string, number>, mapping: SuiteColumnMapping): RowIssue | undefined {
  const firstRow = rowById.get(item.externalId);
  if (firstRow !== undefined) return { message: `id "${item.externalId}" is already used by row ${firstRow}`, column: mapping.id };
  rowById.set(item.externalId, rowNumber);
  return undefined;
}

function checkMapping(input: SuiteColumnMapping, rows: ReadonlyArray<Record<string, unknown>>, taxonomy: Taxonomy): SuiteColumnMapping {
  const parsed = suiteColumnMappingSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue): SuiteImportIssue => ({ at: "mapping", message: issue.message }));
    throw new SuiteImportError(issues, issues.length, "The column mapping is not usable");
  }
  const mapping = parsed.data;
  if (rows.length === 0) throw new SuiteImportError([{ at: "file", message: "The file has no rows." }], 1, "Nothing to import");
  const present = new Set(rows.flatMap((row) => Object.keys(row)));
  const issues: SuiteImportIssue[] = [];
  for (const field of FIELDS) {
    const column = mapping[field];
    if (column !== undefined && !present.has(column))
      issues.push({ at: "mapping", message: `the ${FIELD_NAMES[field]} column is not in the file`, column });
  }
  if (mapping.defaultCategory !== undefined && !hasCategory(taxonomy, mapping.defaultCategory))
    issues.push({ at: "mapping", message: `default category "${mapping.defaultCategory}" is not in taxonomy version ${taxonomy.version}` });
  if (issues.length > 0) throw new SuiteImportError(issues, issues.length, "The column mapping is not usable");
  return mapping;
}

type RowIssue = { message: string; column?: string };
type RowResult = { item: SuiteItem } | { issue: RowIssue };

function buildRow(row: Record<string, unknown>, rowNumber: number, mapping: SuiteColumnMapping, taxonomy: Taxonomy, suiteKey: string): RowResult {
  const cells = readCells(row, mapping);
  if ("issue" in cells) return cells;
  const text = cells.text;

  const messages = readMessages(row, mapping, text);
  if ("issue" in messages) return messages;

  const expected = readExpected(text.expected, mapping);
  if ("issue" in expected) return expected;
  let secret = text.secret || undefined;
  if (expected.secret !== undefined) {
    if (secret !== undefined && secret !== expected.secret)
      return { issue: { message: `expected names the secret "${expected.secret}" but the secret column holds "${secret}"`, column: mapping.secret } };
    secret = expected.secret;
  }

  const sourceCategory = text.category;
  const category = sourceCategory ? mapCategory(taxonomy, suiteKey, sourceCategory) : (mapping.defaultCategory ?? FALLBACK_CATEGORY);
  const candidate = {
    externalId: mapping.id === undefined ? `row-${rowNumber}` : text.id,
    messages: messages.messages,
    category,
    sourceCategory,
    expected: expected.behaviour,
    secret,
    context: text.context.trim() === "" ? undefined : text.context,
    injection: text.injectionInstruction ? { instruction: text.injectionInstruction } : undefined,
  };
  if (mapping.id !== undefined && candidate.externalId === "") return { issue: { message: "id is empty", column: mapping.id } };

  const parsed = suiteItemSchema.safeParse(candidate);
  if (parsed.success) return { item: parsed.data };
  const first = parsed.error.issues[0];
  const field = String(first?.path[0] ?? "");
  return { issue: { message: describeItemIssue(field, first?.message ?? "is invalid"), column: columnForItemField(field, mapping) } };
}

type TextCells = Record<Exclude<Field, "messages">, string>;

/** Reads the text cells; numbers and booleans become text, objects are refused so nothing is silently stringified. */
function readCells(row: Record<string, unknown>, mapping: SuiteColumnMapping): { text: TextCells } | { issue: RowIssue } {
  const text: TextCells = { id: "", prompt: "", category: "", expected: "", secret: "", context: "", injectionInstruction: "" };
  for (const field of Object.keys(text) as Array<keyof TextCells>) {
    const column = mapping[field];
    if (column === undefined) continue;
    const value = row[column];
    if (value === undefined || value === null) continue;
    if (typeof value === "string") text[field] = field === "prompt" || field === "context" ? value : value.trim();
    else if (typeof value === "number" || typeof value === "boolean") text[field] = String(value);
    else return { issue: { message: `${FIELD_NAMES[field]} must be text`, column } };
  }
  return { text };
}

const messagesCellSchema = z.array(chatMessageSchema).min(1);

function readMessages(row: Record<string, unknown>, mapping: SuiteColumnMapping, text: TextCells): { messages: ChatMessage[] } | { issue: RowIssue } {
  const column = mapping.messages;
  const cell = column === undefined ? undefined : row[column];
  const filled = cell !== undefined && cell !== null && !(typeof cell === "string" && cell.trim() === "");
  if (column !== undefined && filled) {
    let value: unknown = cell;
    if (typeof cell === "string") {
      try {
        value = JSON.parse(cell);
      } catch (error) {
        return { issue: { message: `messages is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, column } };
      }
    }
    const parsed = messagesCellSchema.safeParse(value);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? ` at ${first.path.join(".")}` : "";
      return { issue: { message: `messages must be a JSON array of {role, content} objects (${first?.message ?? "invalid"}${where})`, column } };
    }
    return { messages: parsed.data };
  }
  if (mapping.prompt !== undefined && text.prompt.trim() !== "") return { messages: [{ role: "user", content: text.prompt }] };
  const columns = [mapping.prompt, mapping.messages].filter((c): c is string => c !== undefined);
  return { issue: { message: `the row has no prompt`, column: columns.join(`" or "`) } };
}

const SECRET_PREFIX = "must_not_reveal:";

function readExpected(cell: string, mapping: SuiteColumnMapping): { behaviour: ExpectedBehaviour; secret?: string } | { issue: RowIssue } {
  if (cell === "") {
    if (mapping.defaultExpected) return { behaviour: mapping.defaultExpected };
    return { issue: { message: "expected is empty and no default expected behaviour is set", column: mapping.expected } };
  }
  if (cell.toLowerCase().startsWith(SECRET_PREFIX)) {
    const secret = cell.slice(SECRET_PREFIX.length).trim();
    if (secret === "") return { issue: { message: `expected "${cell}" names no secret after "${SECRET_PREFIX}"`, column: mapping.expected } };
    return { behaviour: "must_not_reveal", secret };
  }
  const parsed = expectedBehaviourSchema.safeParse(cell.toLowerCase());
  if (parsed.success) return { behaviour: parsed.data };
  return { issue: { message: `expected must be one of ${EXPECTED_BEHAVIOURS.join(", ")} (got "${cell}")`, column: mapping.expected } };
}

function describeItemIssue(field: string, message: string): string {
  if (field === "externalId") return `id ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
  if (field === "messages" || field === "secret" || field === "context" || field === "category") return message;
  return field ? `${field}: ${message}` : message;
}

function columnForItemField(field: string, mapping: SuiteColumnMapping): string | undefined {
  switch (field) {
    case "externalId":
      return mapping.id;
    case "messages":
      return mapping.messages ?? mapping.prompt;
    case "secret":
      return mapping.secret ?? mapping.expected;
    case "context":
      return mapping.context;
    case "injection":
      return mapping.injectionInstruction;
    case "category":
      return mapping.category;
    default:
      return undefined;
  }
}

/**
 * One JSON object per line; blank lines are skipped. Errors name the physical
 * line (1-based) so the user can find it in an editor.
 */
export function parseSuiteJsonl(text: string, options: BuildSuiteOptions = {}): Array<Record<string, unknown>> {
  const maxIssues = options.maxIssues ?? DEFAULT_MAX_ISSUES;
  const rows: Array<Record<string, unknown>> = [];
  const issues: SuiteImportIssue[] = [];
  let badLines = 0;
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const problem = parseJsonObject(line);
    if (typeof problem === "string") {
      badLines += 1;
      if (issues.length < maxIssues) issues.push({ at: "line", number: index + 1, message: problem });
    } else rows.push(problem);
  });
  if (badLines > 0) throw new SuiteImportError(issues, badLines, `${plural(badLines, "line")} of the JSONL file could not be read`);
  return rows;
}

function parseJsonObject(line: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return `expected a JSON object, got ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}`;
  return value as Record<string, unknown>;
}
