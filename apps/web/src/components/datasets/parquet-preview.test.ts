import { queryRows, withDuckDb } from "@assay/tabular";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isParquetHead, readParquetPreview } from "./parquet-preview";

describe("readParquetPreview", () => {
  it("reads the columns and first rows from the file's footer and first pages", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "assay-pq-"));
    try {
      const file = path.join(dir, "p.parquet");
      await withDuckDb((db) =>
        queryRows(db, `COPY (SELECT i AS id, i % 2 AS label, ['F','M'][1 + i % 2] AS sex, i / 10 AS score FROM range(100) t(i)) TO '${file}' (FORMAT parquet)`),
      );
      const bytes = readFileSync(file);
      expect(isParquetHead(new Uint8Array(bytes))).toBe(true);
      const preview = await readParquetPreview(new Blob([bytes]));
      expect(preview.columns).toEqual(["id", "label", "sex", "score"]);
      expect(preview.rows).toHaveLength(5);
      expect(preview.rows[1]).toEqual(["1", "1", "M", "0.1"]);
      expect(preview.hasRows).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("says so when the footer is not Parquet", async () => {
    await expect(readParquetPreview(new Blob([new TextEncoder().encode("PAR1 not really")]))).rejects.toThrow(/could not be read/);
  });
});
