import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMPAS_CSV_PATH, COMPAS_REFERENCE_PATH, DATASET_SHA256 } from "./index";

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("@assay/datasets", () => {
  it("points at the COMPAS file, byte-identical to the copy recorded in SOURCES.md", () => {
    expect(sha256(COMPAS_CSV_PATH)).toBe(DATASET_SHA256.compasCsv);
    const header = readFileSync(COMPAS_CSV_PATH, "utf8").split("\r\n", 1)[0]!.split(",");
    expect(header).toHaveLength(53);
    expect(header).toEqual(expect.arrayContaining(["race", "score_text", "two_year_recid"]));
  });

  it("points at the COMPAS reference figures, byte-identical to the copy recorded in SOURCES.md", () => {
    expect(sha256(COMPAS_REFERENCE_PATH)).toBe(DATASET_SHA256.compasReference);
    const reference = JSON.parse(readFileSync(COMPAS_REFERENCE_PATH, "utf8")) as { unfiltered_7214: { n_rows: number } };
    expect(reference.unfiltered_7214.n_rows).toBe(7214);
  });

  it("records the same digests in SOURCES.md", () => {
    const sources = readFileSync(new URL("../SOURCES.md", import.meta.url), "utf8");
    expect(sources).toContain(DATASET_SHA256.compasCsv);
    expect(sources).toContain(DATASET_SHA256.compasReference);
  });
});
