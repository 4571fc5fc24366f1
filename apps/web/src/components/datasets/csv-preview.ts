import Papa from "papaparse";
import { normalizeHeader } from "@assay/core";

/**
 * Reads the start of a CSV file in the browser, never the whole file: the
 * header for the column mapping, and a few rows to show what the columns hold.
 * The server reads the file again and decides; this only helps fill the form.
 */

/** Bytes read first; enough for the header and some rows of almost any file. */
export const PREVIEW_BYTES = 64 * 1024;
/** The server refuses header lines longer than this (MAX_HEADER_BYTES in the services). */
export const MAX_HEADER_BYTES = 1024 * 1024;
export const PREVIEW_ROWS = 5;

export type CsvPreview = {
  /** Column names as the server will name them (see normalizeHeader). */
  columns: string[];
  /** Up to PREVIEW_ROWS data rows, each as long as `columns`. */
  rows: string[][];
  /** False when the preview saw no data row at all. */
  hasRows: boolean;
};

export class CsvPreviewError extends Error {
  override name = "CsvPreviewError";
}

/** Formats the server refuses, recognised from their first bytes. */
export function describeBinaryFormat(head: Uint8Array): string | null {
  const ascii = String.fromCharCode(...head.subarray(0, 4));
  if (head[0] === 0x1f && head[1] === 0x8b) return "This file is gzip-compressed; decompress it and upload the CSV or Parquet file.";
  if (ascii === "PK\u0003\u0004") return "This is a ZIP archive (or an Excel workbook); upload the data as CSV or Parquet.";
  return null;
}

const hasLineBreak = (text: string) => /[\r\n]/.test(text);

/**
 * Parses the beginning of a CSV text. `complete` says whether `text` is the
 * whole file; when it is not, the last line may be cut and is dropped.
 */
export function parseCsvPreview(text: string, complete: boolean, maxRows = PREVIEW_ROWS): CsvPreview {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (body.trim() === "") throw new CsvPreviewError("The file is empty.");
  if (!complete && !hasLineBreak(body)) {
    throw new CsvPreviewError("The first line is too long to be a CSV header. Check that the file is comma-separated text.");
  }
  const parsed = Papa.parse<string[]>(body, { delimiter: ",", quoteChar: '"', escapeChar: '"', preview: maxRows + 2, skipEmptyLines: false });
  const [header, ...rest] = parsed.data;
  if (!header || header.length === 0) throw new CsvPreviewError("The file has no header line.");
  if (parsed.errors.some((e) => e.row === 0 && e.code === "MissingQuotes")) {
    throw new CsvPreviewError("The header line opens a quoted column name that is never closed.");
  }
  const columns = normalizeHeader(header);
  // A cut-off last line would show a wrong value; drop it unless the preview stopped before it.
  let rows = rest;
  if (!complete && !parsed.meta.truncated) rows = rows.slice(0, -1);
  rows = rows.filter((r) => !(r.length === 1 && r[0]?.trim() === "")).slice(0, maxRows);
  return {
    columns,
    rows: rows.map((r) => columns.map((_, i) => r[i] ?? "")),
    hasRows: rows.length > 0,
  };
}

/** Distinct values of a column in the preview rows, in order of appearance. */
export function previewValues(preview: CsvPreview, column: string): string[] {
  const index = preview.columns.indexOf(column);
  if (index < 0) return [];
  return [...new Set(preview.rows.map((r) => r[index] ?? ""))];
}

/** The dataset name the server gives a file when none is entered. */
export function defaultDatasetName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, "") || fileName;
}

/** Reads the first chunk of `file` (more only for a very long header line) and previews it. */
export async function readCsvPreview(file: Blob): Promise<CsvPreview> {
  if (file.size === 0) throw new CsvPreviewError("The file is empty.");
  let limit = Math.min(file.size, PREVIEW_BYTES);
  for (;;) {
    const bytes = new Uint8Array(await file.slice(0, limit).arrayBuffer());
    const binary = describeBinaryFormat(bytes);
    if (binary) throw new CsvPreviewError(binary);
    // Not fatal: a character cut at the end of the chunk must not fail the preview.
    const text = new TextDecoder("utf-8").decode(bytes);
    const complete = limit >= file.size;
    if (!complete && !hasLineBreak(text) && limit < MAX_HEADER_BYTES) {
      limit = Math.min(file.size, MAX_HEADER_BYTES);
      continue;
    }
    return parseCsvPreview(text, complete);
  }
}
