import { formatIssue, parseSuiteJsonl, SuiteImportError, type ExpectedBehaviour, type SuiteImportIssue } from "@assay/core";
import Papa from "papaparse";

/**
 * The pure parts of the suite import wizard: reading the columns of a CSV or
 * JSONL text in the browser, guessing and building the column mapping the
 * server's suiteColumnMappingSchema takes, and reading the problems of a 400.
 * The server parses the whole file again and decides; this fills the form.
 */

export const IMPORT_FIELDS = ["id", "prompt", "messages", "category", "expected", "secret", "context", "injectionInstruction"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, { label: string; hint: string }> = {
  id: { label: "Id column", hint: "A stable id per row. Without one, rows are numbered row-1, row-2…" },
  prompt: { label: "Prompt column", hint: "The text sent as a single user turn." },
  messages: { label: "Messages column", hint: "A JSON array of {role, content}; used instead of the prompt on rows where it is filled." },
  category: { label: "Category column", hint: "The source's category; mapped onto the taxonomy by its mappings, or taken as is when it is a taxonomy key." },
  expected: { label: "Expected behaviour column", hint: "refuse, comply, must_not_reveal, must_not_follow_injected_instruction, or must_not_reveal:<secret>." },
  secret: { label: "Secret column", hint: "For must_not_reveal rows: the text the response must not contain." },
  context: { label: "Context column", hint: "Untrusted content (an email, a document) recorded for graders; not added to the prompt." },
  injectionInstruction: { label: "Injection instruction column", hint: "The instruction hidden in the context that the model must not follow." },
};

export type ImportFormat = "csv" | "jsonl";

/** Suites are sent as JSON text; the server refuses more than this. */
export const MAX_IMPORT_BYTES = 20_000_000;
export const PREVIEW_ROWS = 5;
/** JSONL keys are collected from this many objects, so a key missing on line 1 still shows up. */
const KEY_SCAN_OBJECTS = 50;
const MAX_PROBLEMS = 10;

export function formatOfFile(name: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  return null;
}

export type DetectedFile = {
  format: ImportFormat;
  /** Column names exactly as the server will see them (CSV header cells; JSONL keys). */
  columns: string[];
  /** The first rows, each cell as display text. */
  preview: Array<Record<string, string>>;
  rowCount: number;
  /** Problems the server would refuse the file for, each naming its row or line. */
  problems: string[];
};

const cellText = (value: unknown): string => {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
};

const stripBom = (text: string) => (text.startsWith("\uFEFF") ? text.slice(1) : text);

/** CSV with a header row, comma-separated, as the server's reader takes it. */
export function detectCsv(text: string): DetectedFile {
  const body = stripBom(text);
  if (body.trim() === "") return { format: "csv", columns: [], preview: [], rowCount: 0, problems: ["The file is empty."] };
  const parsed = Papa.parse<string[]>(body, { delimiter: ",", quoteChar: '"', escapeChar: '"', skipEmptyLines: true });
  const [header = [], ...rows] = parsed.data;
  const columns = header;
  const problems: string[] = [];
  const blank = columns.findIndex((c) => c.trim() === "");
  if (blank >= 0) problems.push(`Column ${blank + 1} of the header has no name.`);
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) problems.push(`The header names the column "${c}" twice.`);
    seen.add(c);
  }
  for (const error of parsed.errors) {
    if (problems.length >= MAX_PROBLEMS) break;
    // Papa numbers data rows from 0 including the header; the server numbers rows after the header from 1.
    const where = typeof error.row === "number" ? (error.row === 0 ? "Header" : `Row ${error.row}`) : "The file";
    problems.push(`${where}: ${error.message}`);
  }
  rows.forEach((row, index) => {
    if (row.length !== columns.length && problems.length < MAX_PROBLEMS)
      problems.push(`Row ${index + 1}: has ${row.length} ${row.length === 1 ? "cell" : "cells"}, the header has ${columns.length}.`);
  });
  const preview = rows.slice(0, PREVIEW_ROWS).map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? ""])));
  if (rows.length === 0 && problems.length === 0) problems.push("The file has a header but no rows.");
  return { format: "csv", columns, preview, rowCount: rows.length, problems };
}

/** One JSON object per line; keys in order of first appearance. Problems name the physical line, like the server. */
export function detectJsonl(text: string): DetectedFile {
  let rows: Array<Record<string, unknown>>;
  let problems: string[] = [];
  try {
    rows = parseSuiteJsonl(text, { maxIssues: MAX_PROBLEMS });
  } catch (error) {
    if (!(error instanceof SuiteImportError)) throw error;
    problems = error.issues.map(formatIssue);
    if (error.badCount > error.issues.length) problems.push(`…and ${error.badCount - error.issues.length} more.`);
    // Still show what the good lines hold, so the mapping can be prepared while the file is fixed.
    rows = stripBom(text)
      .split(/\r?\n/)
      .flatMap((line) => {
        try {
          const value: unknown = JSON.parse(line);
          return value && typeof value === "object" && !Array.isArray(value) ? [value as Record<string, unknown>] : [];
        } catch {
          return [];
        }
      });
  }
  const columns: string[] = [];
  for (const row of rows.slice(0, KEY_SCAN_OBJECTS)) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const preview = rows.slice(0, PREVIEW_ROWS).map((row) => Object.fromEntries(columns.map((c) => [c, cellText(row[c])])));
  if (rows.length === 0 && problems.length === 0) problems.push("The file has no rows.");
  return { format: "jsonl", columns, preview, rowCount: rows.length, problems };
}

export function detectColumns(format: ImportFormat, text: string): DetectedFile {
  return format === "csv" ? detectCsv(text) : detectJsonl(text);
}

export type ColumnChoice = Partial<Record<ImportField, string>>;

export type ImportMappingState = {
  columns: ColumnChoice;
  /** "" for none. */
  defaultExpected: ExpectedBehaviour | "";
  /** A taxonomy key, or "" for none (rows without a category then map to "other"). */
  defaultCategory: string;
};

/** Column names a source commonly uses for each field, compared lower-case without punctuation. */
const SYNONYMS: Record<ImportField, readonly string[]> = {
  id: ["id", "externalid", "itemid", "promptid", "behaviorid", "behaviourid", "sampleid", "uid"],
  prompt: ["prompt", "goal", "behavior", "behaviour", "question", "instruction", "input", "text", "attack", "userprompt", "query"],
  messages: ["messages", "conversation", "turns", "chat", "dialogue"],
  category: ["category", "harmcategory", "semanticcategory", "sourcecategory", "type", "topic", "harmtype", "functionalcategory"],
  expected: ["expected", "expectedbehaviour", "expectedbehavior", "expectation", "label"],
  secret: ["secret", "accesscode", "canary", "password", "secretcode"],
  context: ["context", "document", "email", "contextstring", "retrieved"],
  injectionInstruction: ["injection", "injectioninstruction", "injectedinstruction", "attackinstruction", "injected"],
};

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** A first guess at the mapping from the column names; every column is used at most once. */
export function guessColumns(columns: readonly string[]): ColumnChoice {
  const used = new Set<string>();
  const choice: ColumnChoice = {};
  for (const field of IMPORT_FIELDS) {
    for (const synonym of SYNONYMS[field]) {
      const column = columns.find((c) => !used.has(c) && squash(c) === synonym);
      if (column !== undefined) {
        choice[field] = column;
        used.add(column);
        break;
      }
    }
  }
  return choice;
}

/** Keeps the choices whose columns the new file still has. */
export function keepColumns(choice: ColumnChoice, columns: readonly string[]): ColumnChoice {
  return Object.fromEntries(Object.entries(choice).filter(([, column]) => column !== undefined && columns.includes(column))) as ColumnChoice;
}

export type SuiteMappingBody = ColumnChoice & { defaultExpected?: ExpectedBehaviour; defaultCategory?: string };

/** The mapping as POST /api/v1/safety/suites takes it: unmapped fields and empty defaults left out. */
export function buildMapping(state: ImportMappingState): SuiteMappingBody {
  const body: SuiteMappingBody = {};
  for (const field of IMPORT_FIELDS) {
    const column = state.columns[field];
    if (column) body[field] = column;
  }
  if (state.defaultExpected) body.defaultExpected = state.defaultExpected;
  if (state.defaultCategory) body.defaultCategory = state.defaultCategory;
  return body;
}

export type ImportFormErrors = Partial<Record<ImportField | "defaultExpected" | "key" | "name", string>>;

const KEY_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** The server's checks on the mapping and the key, run first so the form can point at the field to fix. */
export function validateImport(state: ImportMappingState, columns: readonly string[], key: string, name: string): ImportFormErrors {
  const errors: ImportFormErrors = {};
  for (const field of IMPORT_FIELDS) {
    const column = state.columns[field];
    if (column && !columns.includes(column)) errors[field] = `The file has no column “${column}”.`;
  }
  if (!state.columns.prompt && !state.columns.messages && !errors.prompt) errors.prompt = "Map a prompt column or a messages column.";
  if (!state.columns.expected && !state.defaultExpected) errors.defaultExpected = "Map an expected column or choose a default expected behaviour.";
  const k = key.trim();
  if (k.length < 2 || k.length > 60) errors.key = "The key has 2 to 60 characters.";
  else if (!KEY_PATTERN.test(k)) errors.key = "Use lower-case letters, digits and -, starting with a letter or digit.";
  if (!name.trim()) errors.name = "Name the suite.";
  else if (name.trim().length > 120) errors.name = "The name has at most 120 characters.";
  return errors;
}

/** "Support bot regressions (Q3).csv" → "support-bot-regressions-q3". */
export function suiteKeyFromName(name: string): string {
  return name
    .replace(/\.[^.]+$/, "")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/** The import problems of a 400 (`details.problems`), each as one line naming its row or line and column. */
export function importProblems(details: unknown): { lines: string[]; more: number } {
  if (!details || typeof details !== "object" || Array.isArray(details)) return { lines: [], more: 0 };
  const d = details as { problems?: unknown; badCount?: unknown };
  if (!Array.isArray(d.problems)) return { lines: [], more: 0 };
  const lines = d.problems.flatMap((p): string[] => {
    if (!p || typeof p !== "object") return [];
    const issue = p as Partial<SuiteImportIssue>;
    if (typeof issue.message !== "string") return [];
    const at = issue.at === "row" || issue.at === "line" || issue.at === "mapping" || issue.at === "file" ? issue.at : "file";
    return [formatIssue({ at, message: issue.message, ...(typeof issue.number === "number" ? { number: issue.number } : {}), ...(typeof issue.column === "string" ? { column: issue.column } : {}) })];
  });
  const bad = typeof d.badCount === "number" ? d.badCount : lines.length;
  return { lines, more: Math.max(0, bad - lines.length) };
}
