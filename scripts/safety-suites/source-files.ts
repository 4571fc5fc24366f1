import { parse } from "csv-parse/sync";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

// Reading the shared reference data. Only the converter may do this: the
// product ships the converted suites and never reads /work/shared.
//
// zod is not resolvable from scripts/ (it is a dependency of the packages,
// not of the workspace root), so source records are checked field by field
// here; every item built from them is then validated with suiteItemSchema.

export const SHARED_SAFETY_DIR = process.env.ASSAY_SHARED_SAFETY_DIR ?? "/work/shared/data/safety";

export const sharedPath = (relative: string) => path.join(SHARED_SAFETY_DIR, relative);

export const sha256Of = (relative: string) => createHash("sha256").update(readFileSync(sharedPath(relative))).digest("hex");

export type SourceRecord = { where: string; get: (field: string) => string; getOptional: (field: string) => string };

function sourceRecord(value: unknown, where: string): SourceRecord {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`${where}: expected an object`);
  const fields = new Map(Object.entries(value));
  const getOptional = (field: string) => {
    const cell = fields.get(field);
    if (cell === undefined || cell === null) return "";
    if (typeof cell === "string") return cell;
    if (typeof cell === "number") return String(cell);
    throw new Error(`${where}: field "${field}" is not text`);
  };
  const get = (field: string) => {
    const cell = getOptional(field);
    if (cell.trim() === "") throw new Error(`${where}: field "${field}" is missing or empty`);
    return cell;
  };
  return { where, get, getOptional };
}

/** Records of a CSV with a header row. */
export function readCsv(relative: string): SourceRecord[] {
  const records: unknown[] = parse(readFileSync(sharedPath(relative), "utf8"), { columns: true, skip_empty_lines: true, bom: true });
  return records.map((record, index) => sourceRecord(record, `${relative} data row ${index + 1}`));
}

export function readJsonl(relative: string): SourceRecord[] {
  return readFileSync(sharedPath(relative), "utf8")
    .split("\n")
    .flatMap((line, index) => (line.trim() === "" ? [] : [sourceRecord(JSON.parse(line), `${relative} line ${index + 1}`)]));
}

/** A JSON object mapping each attack category to its attack strings, in file order. */
export function readAttackCategories(relative: string): Array<{ category: string; attacks: string[] }> {
  const value: unknown = JSON.parse(readFileSync(sharedPath(relative), "utf8"));
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`${relative}: expected an object of attack lists`);
  return Object.entries(value).map(([category, attacks]) => {
    if (!Array.isArray(attacks) || attacks.length === 0 || !attacks.every((a) => typeof a === "string" && a.trim() !== ""))
      throw new Error(`${relative}: "${category}" is not a list of attack strings`);
    return { category, attacks: attacks.filter((a): a is string => typeof a === "string") };
  });
}
