import { describeColumns, isBlankSql, queryRows, quoteIdent, relationFor, withDuckDb, type TabularFormat } from "@assay/tabular";
import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { DatasetColumn, DatasetMapping } from "./schemas";
import { normalizeHeader } from "@assay/core";

/**
 * Reading predictions files with DuckDB. Files are parsed by DuckDB's
 * columnar CSV reader, never row by row in JavaScript; JavaScript only reads
 * the header line so that every read uses the same, explicit column list.
 */


/** A sensitive attribute with more distinct values than this is almost surely an identifier, not a group. */
export const MAX_GROUPS_PER_ATTRIBUTE = 100;
/** A header line longer than this means the file is not a CSV (or has no line breaks). */
export const MAX_HEADER_BYTES = 1024 * 1024;
/** Values shown when a column is not binary. */
const SHOWN_VALUES = 5;
/** Rows sampled for each column's example values. */
const SAMPLE_ROWS = 5;

/** A problem with an uploaded file, tied to a column or a line where possible. */
export type FileProblem = { message: string; column?: string; line?: number; row?: number };

/** Thrown for files that cannot be accepted or evaluated; the message is meant for the user. */
export class DataFileError extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(problems.map((p) => p.message).join(" "));
    this.name = "DataFileError";
  }
}

const fileError = (problem: FileProblem) => new DataFileError([problem]);


/** DuckDB's Parquet errors: the file is binary, so there is no line to name. */
export function describeParquetError(error: unknown): FileProblem {
  const text = (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
  return { message: `The Parquet file could not be read: ${text.replace(/^[A-Za-z ]+Error: /, "")}` };
}

/** DuckDB's CSV errors, rephrased for the person who uploaded the file. */
export function describeCsvError(error: unknown): FileProblem | null {
  if (!(error instanceof Error)) return null;
  const text = error.message;
  const lineMatch = /CSV Error on Line: (\d+)/.exec(text);
  const line = lineMatch ? Number(lineMatch[1]) : undefined;
  const at = line === undefined ? "" : ` (line ${line})`;
  if (/invalid unicode|not utf-8 encoded/i.test(text)) return { message: `The file is not valid UTF-8${at}.`, line };
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(text);
  if (columns && line !== undefined) {
    return { message: `Line ${line} has ${columns[2]} values but the header has ${columns[1]} columns.`, line };
  }
  if (/unterminated quote/i.test(text) && line !== undefined) {
    return { message: `Line ${line} opens a quoted value that is never closed.`, line };
  }
  if (/maximum line size/i.test(text)) return { message: `A line${at} is longer than the longest line DuckDB reads (2 MB).`, line };
  if (line !== undefined) {
    const detail = text
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l && !/^(Invalid Input Error|CSV Error on Line|Original Line|Possible fixes|Possible Solution|\*)/.test(l));
    return { message: `Line ${line} could not be read as CSV${detail ? `: ${detail}` : ""}.`, line };
  }
  if (/^(Invalid Input Error|Conversion Error)/.test(text)) {
    return { message: `The file could not be read as CSV: ${text.split("\n")[0]!.replace(/^[A-Za-z ]+Error: /, "")}` };
  }
  return null;
}

/**
 * Checks UTF-8 validity chunk by chunk while a file streams in, carrying an
 * incomplete trailing sequence over to the next chunk. DuckDB also detects
 * invalid UTF-8, but only in the columns a query reads, and in DuckDB 1.5 an
 * invalid byte far into a large file can end in an internal error instead of
 * a line number; so every byte is checked here, once, on the way to disk.
 */
export class Utf8Validator {
  private carry: Buffer = Buffer.alloc(0);
  private consumed = 0;
  /** Byte offset of the first invalid byte, or null while the file is valid. */
  invalidAt: number | null = null;

  push(chunk: Buffer): void {
    if (this.invalidAt !== null) return;
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completePrefixLength(data);
    const head = data.subarray(0, cut);
    if (!isUtf8(head)) {
      this.invalidAt = this.consumed + firstInvalidUtf8Offset(head);
      return;
    }
    this.consumed += cut;
    this.carry = Buffer.from(data.subarray(cut));
  }

  /** A sequence cut off by the end of the file is invalid too. */
  end(): number | null {
    if (this.invalidAt === null && this.carry.length > 0) this.invalidAt = this.consumed + firstInvalidUtf8Offset(this.carry);
    return this.invalidAt;
  }
}

/** Length of the prefix that does not end inside a multi-byte sequence. */
function completePrefixLength(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = buf[n - back]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0x80) return n;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return length > back ? n - back : n;
  }
  return n;
}

/** Offset of the first byte that breaks RFC 3629 (overlongs, surrogates and truncation included). */
export function firstInvalidUtf8Offset(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let continuation: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) continuation = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      continuation = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      continuation = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= continuation; k++) {
      const c = buf[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += continuation + 1;
  }
  return buf.length;
}

/** 1-based line number of a byte offset, counting line feeds before it. */
export async function lineOfOffset(filePath: string, offset: number): Promise<number> {
  if (offset <= 0) return 1;
  let lines = 1;
  for await (const chunk of createReadStream(filePath, { end: offset - 1 }) as AsyncIterable<Buffer>) {
    let at = chunk.indexOf(0x0a);
    while (at !== -1) {
      lines += 1;
      at = chunk.indexOf(0x0a, at + 1);
    }
  }
  return lines;
}

/** Parquet files start (and end) with these magic bytes. */
export const isParquetHead = (head: Buffer) => head.subarray(0, 4).toString("latin1") === "PAR1";

/** Formats we refuse with a clear message rather than misreading them as text. */
export function describeUnsupportedFormat(head: Buffer): string | null {
  if (head[0] === 0x1f && head[1] === 0x8b) return "This file is gzip-compressed; upload the uncompressed CSV.";
  if (head.subarray(0, 4).toString("latin1") === "PK\u0003\u0004") return "This is a ZIP archive (or an Excel workbook); upload the data as CSV.";
  return null;
}

export type CsvHeader = {
  /** Column names as Assay uses them: trimmed, blanks named columnN, repeats suffixed _1, _2, ... */
  columns: string[];
  /** False when the file ends right after the header line. */
  hasDataLines: boolean;
};

/** Parses the first record of a CSV file (RFC 4180 quoting, comma-separated). */
export async function readCsvHeader(filePath: string): Promise<CsvHeader> {
  const handle = await open(filePath, "r");
  let buf: Buffer;
  let fileSize: number;
  try {
    fileSize = (await handle.stat()).size;
    buf = Buffer.alloc(Math.min(fileSize, MAX_HEADER_BYTES + 4));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    buf = buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const text = buf.subarray(bom).toString("utf8");

  const fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let i = 0;
  let end = -1;
  while (i < text.length) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') inQuotes = false;
      else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      end = ch === "\r" && text[i + 1] === "\n" ? i + 2 : i + 1;
      break;
    } else field += ch;
    i += 1;
  }
  if (end === -1 && fileSize > MAX_HEADER_BYTES) {
    throw fileError({ message: "The first line is longer than 1 MiB, so it cannot be a CSV header. Check that the file is comma-separated text.", line: 1 });
  }
  if (inQuotes) throw fileError({ message: "The header line opens a quoted column name that is never closed.", line: 1 });
  fields.push(field);
  const rest = end === -1 ? "" : text.slice(end);
  return { columns: normalizeHeader(fields), hasDataLines: rest.trim().length > 0 };
}

export type CsvInspection = {
  rowCount: number;
  columns: DatasetColumn[];
  /** The label column's distinct values (one or two). */
  labelValues: string[];
};

const listValues = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");

/**
 * Validates a CSV against its column mapping and returns what the dataset
 * records. One DuckDB pass gathers every figure the checks need; further
 * queries only run to explain a problem. All problems found are reported
 * together, each naming its column or line.
 */
export async function inspectTable(filePath: string, format: TabularFormat, mapping: DatasetMapping): Promise<CsvInspection> {
  const header =
    format === "csv"
      ? await readCsvHeader(filePath)
      : { columns: await describeColumns(filePath, format).catch((error: unknown) => { throw fileError(describeParquetError(error)); }), hasDataLines: true };
  const missing = [mapping.labelColumn, ...(mapping.predictionColumn ? [mapping.predictionColumn] : []), ...mapping.sensitiveColumns, ...(mapping.scoreColumn ? [mapping.scoreColumn] : [])].filter((c) => !header.columns.includes(c));
  if (missing.length > 0) {
    const available = header.columns.join(", ");
    throw new DataFileError([...new Set(missing)].map((column) => ({ column, message: `Column '${column}' not found. Columns in the file: ${available}.` })));
  }
  if (!header.hasDataLines) throw fileError({ message: "The file has a header but no data rows.", line: 2 });

  const relation = relationFor(format, header.columns);
  const params = { path: filePath };
  const label = quoteIdent(mapping.labelColumn);
  const predictionColumn = mapping.predictionColumn;
  const blank = isBlankSql;
  // The same cast and range test as aggregateScoreHistograms, so that a file
  // accepted here can never fail the run's own check.
  const badScore = (column: string) => {
    const s = `TRY_CAST(${quoteIdent(column)} AS DOUBLE)`;
    return `(${s} IS NULL OR NOT (${s} >= 0 AND ${s} <= 1) OR isnan(${s}))`;
  };

  return withDuckDb(async (db) => {
    const run = async <T>(work: () => Promise<T>): Promise<T> => {
      try {
        return await work();
      } catch (error) {
        const problem = format === "csv" ? describeCsvError(error) : describeParquetError(error);
        if (problem) throw fileError(problem);
        throw error;
      }
    };

    const sensitiveSelects = mapping.sensitiveColumns.map((c, i) => `count(DISTINCT ${quoteIdent(c)}) AS s${i}_distinct`);
    // Without a prediction column the predictions come from the score, whose check below covers them.
    const prediction = predictionColumn ? quoteIdent(predictionColumn) : null;
    const predictionSelects = prediction
      ? `, count(DISTINCT ${prediction}) AS prediction_distinct, min(${prediction}) AS prediction_min, max(${prediction}) AS prediction_max,
           count(*) FILTER (WHERE ${blank(prediction)}) AS prediction_blank`
      : "";
    if (mapping.scoreColumn) sensitiveSelects.push(`count(*) FILTER (WHERE ${badScore(mapping.scoreColumn)}) AS score_bad`);
    const [stats] = await run(() =>
      queryRows(
        db,
        `SELECT count(*) AS row_count,
           count(DISTINCT ${label}) AS label_distinct, min(${label}) AS label_min, max(${label}) AS label_max,
           count(*) FILTER (WHERE ${blank(label)}) AS label_blank
           ${predictionSelects}
           ${sensitiveSelects.length > 0 ? "," + sensitiveSelects.join(", ") : ""}
         FROM ${relation}`,
        params,
      ),
    );
    const rowCount = Number(stats?.row_count ?? 0);
    if (rowCount === 0) throw fileError({ message: "The file has a header but no data rows.", line: 2 });

    const problems: FileProblem[] = [];
    /** `condition` gets the column's name within the query (`v`) and returns a SQL predicate. */
    const firstRowWhere = async (column: string, condition: (v: string) => string) => {
      // Single-threaded so row_number() follows the order of the file.
      await db.run("SET threads = 1");
      const [row] = await run(() =>
        queryRows(db, `SELECT n, v FROM (SELECT row_number() OVER () AS n, ${quoteIdent(column)} AS v FROM ${relation}) WHERE ${condition("v")} ORDER BY n LIMIT 1`, params),
      );
      return { row: Number(row?.n ?? 0), value: row?.v === null || row?.v === undefined ? null : String(row.v) };
    };
    const firstBlankRow = async (column: string) => (await firstRowWhere(column, blank)).row;
    const topValues = async (column: string) =>
      (
        await run(() =>
          queryRows(
            db,
            `SELECT v, count(*) AS n FROM (SELECT ${quoteIdent(column)} AS v FROM ${relation}) WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT ${SHOWN_VALUES}`,
            params,
          ),
        )
      ).map((r) => String(r.v));

    const binaryValues = async (role: "label" | "prediction", column: string): Promise<string[] | null> => {
      const blanks = Number(stats?.[`${role}_blank`] ?? 0);
      if (blanks > 0) {
        const row = await firstBlankRow(column);
        problems.push({
          column,
          row,
          message: `Column '${column}' (the ${role}) is empty in ${blanks.toLocaleString("en-US")} ${blanks === 1 ? "row" : "rows"}, the first being data row ${row}; every row needs a ${role}.`,
        });
        return null;
      }
      const distinct = Number(stats?.[`${role}_distinct`] ?? 0);
      if (distinct > 2) {
        const shown = await topValues(column);
        const more = distinct - shown.length;
        problems.push({
          column,
          message:
            `Column '${column}' (the ${role}) must be binary but has ${distinct.toLocaleString("en-US")} distinct values: ` +
            `${listValues(shown)}${more > 0 ? ` and ${more.toLocaleString("en-US")} more` : ""}.`,
        });
        return null;
      }
      return [...new Set([String(stats?.[`${role}_min`]), String(stats?.[`${role}_max`])])];
    };

    const labelValues = await binaryValues("label", mapping.labelColumn);
    const predictionValues = predictionColumn ? await binaryValues("prediction", predictionColumn) : null;
    if (labelValues && !labelValues.includes(mapping.positiveValue)) {
      problems.push({
        column: mapping.labelColumn,
        message: `The positive value '${mapping.positiveValue}' does not occur in the label column '${mapping.labelColumn}', whose values are ${listValues(labelValues)}.`,
      });
    } else if (labelValues && predictionValues && predictionColumn) {
      const all = [...new Set([...labelValues, ...predictionValues])];
      if (all.length > 2) {
        problems.push({
          column: predictionColumn,
          message:
            `The prediction column '${predictionColumn}' has values ${listValues(predictionValues)} and the label column '${mapping.labelColumn}' has ${listValues(labelValues)}; ` +
            "both must use the same two values, so that the positive value means the same in each.",
        });
      }
    }
    mapping.sensitiveColumns.forEach((column, i) => {
      const distinct = Number(stats?.[`s${i}_distinct`] ?? 0);
      if (distinct > MAX_GROUPS_PER_ATTRIBUTE) {
        problems.push({
          column,
          message: `Column '${column}' has ${distinct.toLocaleString("en-US")} distinct values; a sensitive attribute may have at most ${MAX_GROUPS_PER_ATTRIBUTE} groups. Is it an identifier?`,
        });
      }
    });
    const scoreColumn = mapping.scoreColumn;
    const badScores = Number(stats?.score_bad ?? 0);
    if (scoreColumn && badScores > 0) {
      const first = await firstRowWhere(scoreColumn, badScore);
      const shown = first.value === null || first.value.trim() === "" ? "empty" : `'${first.value}'`;
      problems.push({
        column: scoreColumn,
        row: first.row,
        message:
          `Column '${scoreColumn}' (the score) must be a number between 0 and 1 in every row, but ${badScores.toLocaleString("en-US")} ${badScores === 1 ? "row is" : "rows are"} not, ` +
          `the first being data row ${first.row} (${shown}).`,
      });
    }
    if (problems.length > 0) throw new DataFileError(problems);

    const sample = await run(() => queryRows(db, `SELECT * FROM ${relation} LIMIT ${SAMPLE_ROWS}`, params));
    const columns: DatasetColumn[] = header.columns.map((name) => ({
      name,
      sampleValues: [...new Set(sample.map((r) => r[name]).filter((v): v is string => typeof v === "string" && v !== ""))],
    }));
    return { rowCount, columns, labelValues: labelValues ?? [] };
  });
}
