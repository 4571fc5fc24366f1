import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer } from "hyparquet";
import { CsvPreviewError, PREVIEW_ROWS, type CsvPreview } from "./csv-preview";

/** A Blob read on demand: hyparquet fetches the footer and the first row group's pages only. */
function blobBuffer(file: Blob): AsyncBuffer {
  return { byteLength: file.size, slice: (start, end) => file.slice(start, end).arrayBuffer() };
}

const show = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  return typeof value === "object" ? JSON.stringify(value) : String(value);
};

/**
 * Column names and the first rows of a Parquet file, read in the browser
 * without loading the file: the footer holds the schema and row count.
 */
export async function readParquetPreview(file: Blob): Promise<CsvPreview> {
  const buffer = blobBuffer(file);
  let metadata;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    throw new CsvPreviewError(`The Parquet file could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  const rowCount = Number(metadata.num_rows);
  const objects = rowCount === 0 ? [] : await parquetReadObjects({ file: buffer, metadata, rowStart: 0, rowEnd: Math.min(PREVIEW_ROWS, rowCount) });
  return {
    columns,
    rows: objects.map((row) => columns.map((c) => show(row[c]))),
    hasRows: rowCount > 0,
  };
}

export const isParquetHead = (head: Uint8Array) => String.fromCharCode(...head.subarray(0, 4)) === "PAR1";
