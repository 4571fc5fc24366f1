import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";

/** File formats Assay reads, always through DuckDB's columnar readers, never row by row in JavaScript. */
export type TabularFormat = "csv" | "parquet";

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * The read_csv call for a stored file, bound to the `$path` parameter. The
 * columns come from the header as we parsed it, so DuckDB's dialect sniffer
 * cannot pick another header row or delimiter, and a malformed line fails
 * with its line number instead of being skipped or padded.
 */
export function csvRelation(columns: readonly string[]): string {
  const struct = `{${columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(", ")}}`;
  return `read_csv($path, header = true, auto_detect = false, columns = ${struct}, delim = ',', quote = '"', escape = '"', skip = 0, strict_mode = true)`;
}

/**
 * Parquet carries its own schema; every mapped column is read as text so that
 * values compare the same way they do in a CSV (a positive value of "1"
 * matches an integer column holding 1).
 */
export function parquetRelation(columns: readonly string[]): string {
  return `(SELECT ${columns.map((c) => `CAST(${quoteIdent(c)} AS VARCHAR) AS ${quoteIdent(c)}`).join(", ")} FROM read_parquet($path))`;
}

export function relationFor(format: TabularFormat, columns: readonly string[]): string {
  switch (format) {
    case "csv":
      return csvRelation(columns);
    case "parquet":
      return parquetRelation(columns);
  }
}

/**
 * A fresh in-memory DuckDB per operation: DuckDB invalidates a database after
 * an internal error, and a private instance keeps that to one upload or run.
 */
export async function withDuckDb<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(":memory:");
  try {
    const connection = await instance.connect();
    try {
      return await work(connection);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

export type Row = Record<string, string | number | boolean | null>;

/** Rows of a query as plain objects, BIGINT counts as numbers. */
export async function queryRows(connection: DuckDBConnection, sql: string, params: Record<string, DuckDBValue> = {}): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRowObjectsJS().map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : (v as string | number | boolean | null)])),
  );
}

/** Parquet by extension, CSV otherwise. */
export function formatOfPath(path: string): TabularFormat {
  return /\.parquet$/i.test(path) ? "parquet" : "csv";
}

/**
 * Column names of a local file, for callers that have not inspected it at
 * upload (the CLI, benchmarks). Uploads use the stricter header check in the
 * services instead.
 */
export async function describeColumns(path: string, format: TabularFormat): Promise<string[]> {
  const source = format === "parquet" ? "read_parquet($path)" : "read_csv($path, header = true, all_varchar = true)";
  const rows = await withDuckDb((db) => queryRows(db, `DESCRIBE SELECT * FROM ${source}`, { path }));
  return rows.map((r) => String(r.column_name));
}

/** SQL that is true for an empty value: NULL, or only spaces, tabs and line breaks (as the core's `groupLabel`). */
export const isBlankSql = (quotedColumn: string) => `(${quotedColumn} IS NULL OR trim(${quotedColumn}, ' \t\r\n') = '')`;
