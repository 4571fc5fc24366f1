import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import Ajv2019 from "ajv/dist/2019";
import Ajv2020 from "ajv/dist/2020";
import { canonicalJson } from "../../evidence/canonical";

// JSON Schema checks for the json_schema policy rule: compiling schemas
// (once per schema) and finding the JSON in a response.

export type JsonSchemaObject = Record<string, unknown>;

/**
 * ajv ships no formats (they live in ajv-formats); these cover what response
 * schemas ask for. Other formats are accepted without a check.
 */
const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/,
  time: /^(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/,
  "date-time": /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[Tt ](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uri: /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
};

/** The draft the schema declares picks the ajv build; undeclared means draft-07, ajv's default. */
function ajvFor(schema: JsonSchemaObject): Ajv {
  const declared = typeof schema.$schema === "string" ? schema.$schema : "";
  // A fresh instance per schema: two schemas with the same $id would otherwise collide.
  const options = { allErrors: true, strict: false, logger: false as const, formats: FORMATS };
  if (declared.includes("2020-12")) return new Ajv2020(options);
  if (declared.includes("2019-09")) return new Ajv2019(options);
  return new Ajv(options);
}

const byObject = new WeakMap<JsonSchemaObject, ValidateFunction>();
const byCanonicalJson = new Map<string, ValidateFunction>();
const MAX_CACHED_SCHEMAS = 256;

/** The compiled validator, compiled at most once per distinct schema. Throws if the schema is invalid. */
export function compileJsonSchema(schema: JsonSchemaObject): ValidateFunction {
  const known = byObject.get(schema);
  if (known) return known;
  const key = canonicalJson(schema);
  let validate = byCanonicalJson.get(key);
  if (!validate) {
    validate = ajvFor(schema).compile(schema);
    if (byCanonicalJson.size >= MAX_CACHED_SCHEMAS) byCanonicalJson.delete(byCanonicalJson.keys().next().value!);
    byCanonicalJson.set(key, validate);
  }
  byObject.set(schema, validate);
  return validate;
}

export function describeSchemaErrors(errors: readonly ErrorObject[] | null | undefined, limit = 3): string {
  if (!errors?.length) return "does not match the schema";
  const listed = errors.slice(0, limit).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
  return errors.length > limit ? `${listed.join("; ")} (and ${errors.length - limit} more)` : listed.join("; ");
}

export type ExtractedJson = { value: unknown; start: number; end: number };

const JSON_FENCE = /```[ \t]*json[ \t]*\r?\n([\s\S]*?)```/i;
const ANY_FENCE = /```[ \t]*\r?\n([\s\S]*?)```/;

const isJsonWhitespace = (c: string | undefined) => c === " " || c === "\n" || c === "\r" || c === "\t";

/**
 * Whether text[start, end) can be a JSON text at all, judged by its first
 * and last characters. Prose fails here; a failed JSON.parse throws, which
 * costs far more than this check.
 */
function mayBeJson(text: string, start: number, end: number): boolean {
  const first = text[start]!;
  const last = text[end - 1]!;
  if (first === "{") return last === "}";
  if (first === "[") return last === "]";
  if (first === '"') return last === '"' && end - start >= 2;
  if (first === "-" || (first >= "0" && first <= "9")) return last >= "0" && last <= "9";
  if (end - start > 5) return false;
  const literal = text.slice(start, end);
  return literal === "true" || literal === "false" || literal === "null";
}

function parseAt(text: string, start: number, end: number): ExtractedJson | undefined {
  let trimmedStart = start;
  let trimmedEnd = end;
  while (trimmedStart < trimmedEnd && isJsonWhitespace(text[trimmedStart])) trimmedStart++;
  while (trimmedEnd > trimmedStart && isJsonWhitespace(text[trimmedEnd - 1])) trimmedEnd--;
  if (trimmedEnd <= trimmedStart || !mayBeJson(text, trimmedStart, trimmedEnd)) return undefined;
  try {
    return { value: JSON.parse(text.slice(trimmedStart, trimmedEnd)), start: trimmedStart, end: trimmedEnd };
  } catch {
    return undefined;
  }
}

/** The response as JSON, or the first ```json fenced block (else the first bare ``` block) when `fromFence`. */
export function extractJson(response: string, fromFence: boolean): ExtractedJson | undefined {
  const whole = parseAt(response, 0, response.length);
  if (whole || !fromFence || !response.includes("```")) return whole;
  const fence = JSON_FENCE.exec(response) ?? ANY_FENCE.exec(response);
  if (!fence) return undefined;
  const contentStart = fence.index + fence[0].indexOf("\n") + 1;
  return parseAt(response, contentStart, contentStart + fence[1]!.length);
}
