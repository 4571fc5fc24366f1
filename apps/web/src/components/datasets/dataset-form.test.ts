import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/client-api";
import { normalizeHeader } from "@assay/core";
import { CsvPreviewError, defaultDatasetName, describeBinaryFormat, parseCsvPreview, previewValues, readCsvPreview } from "./csv-preview";
import { carryOver, EMPTY_MAPPING, mappingBody, toggleSensitive, validateMapping, withPredictionSource, withRoleColumn, type Mapping } from "./mapping";
import { uploadErrorView } from "./upload-errors";

describe("CSV preview", () => {
  it("names columns like the server: trimmed, blanks numbered, repeats suffixed", () => {
    expect(normalizeHeader([" id ", "", "race", "race", "race"])).toEqual(["id", "column1", "race", "race_1", "race_2"]);
  });

  it("reads the header and a few rows, with quoting, CRLF and a byte-order mark", () => {
    const text = '\uFEFFid,"two, words",label\r\n1,"a ""q""",1\r\n2,b,0\r\n';
    const preview = parseCsvPreview(text, true);
    expect(preview.columns).toEqual(["id", "two, words", "label"]);
    expect(preview.rows).toEqual([["1", 'a "q"', "1"], ["2", "b", "0"]]);
    expect(preview.hasRows).toBe(true);
    expect(previewValues(preview, "label")).toEqual(["1", "0"]);
    expect(previewValues(preview, "missing")).toEqual([]);
  });

  it("drops a line cut off at the end of a partial read", () => {
    const preview = parseCsvPreview("a,b\n1,2\n3,4\n5,", false);
    expect(preview.rows).toEqual([["1", "2"], ["3", "4"]]);
  });

  it("keeps at most five rows, padding short ones", () => {
    const text = ["a,b", ...Array.from({ length: 9 }, (_, i) => `${i}`)].join("\n");
    const preview = parseCsvPreview(text, true);
    expect(preview.rows).toHaveLength(5);
    expect(preview.rows[0]).toEqual(["0", ""]);
  });

  it("refuses empty files, header-only files have no rows, and an unterminated long header is refused", () => {
    expect(() => parseCsvPreview("  \n", true)).toThrow(CsvPreviewError);
    expect(parseCsvPreview("a,b\n", true).hasRows).toBe(false);
    expect(() => parseCsvPreview("a,b,c", false)).toThrow(/too long/);
    expect(() => parseCsvPreview('"a,b\n1,2', true)).toThrow(/never closed/);
  });

  it("recognises binary formats from their first bytes", () => {
    // Parquet is accepted: the browser reads its footer instead (parquet-preview.ts).
    expect(describeBinaryFormat(new TextEncoder().encode("PAR1xxxx"))).toBeNull();
    expect(describeBinaryFormat(new Uint8Array([0x1f, 0x8b, 8, 0]))).toMatch(/gzip/);
    expect(describeBinaryFormat(new TextEncoder().encode("PK\u0003\u0004"))).toMatch(/ZIP/);
    expect(describeBinaryFormat(new TextEncoder().encode("a,b\n"))).toBeNull();
  });

  it("reads only the start of a large file", async () => {
    const header = "score,label,race\n";
    const row = "0.5,1,A\n";
    const blob = new Blob([header + row.repeat(50_000)]);
    const preview = await readCsvPreview(blob);
    expect(preview.columns).toEqual(["score", "label", "race"]);
    expect(preview.rows).toHaveLength(5);
    await expect(readCsvPreview(new Blob([]))).rejects.toThrow(/empty/);
  });

  it("names a dataset after its file", () => {
    expect(defaultDatasetName("compas.scores.csv")).toBe("compas.scores");
    expect(defaultDatasetName(".csv")).toBe(".csv");
  });
});

describe("column mapping", () => {
  const columns = ["id", "label", "pred", "race", "sex"];
  const full: Mapping = { labelColumn: "label", predictionColumn: "pred", positiveValue: "1", sensitiveColumns: ["race"] };

  it("accepts a complete mapping and names each missing piece", () => {
    expect(validateMapping(full, columns)).toEqual({});
    const errors = validateMapping(EMPTY_MAPPING, columns);
    expect(Object.keys(errors).sort()).toEqual(["labelColumn", "predictionColumn", "sensitiveColumns"]);
    expect(validateMapping({ ...full, predictionColumn: "label" }, columns).predictionColumn).toMatch(/different/);
    expect(validateMapping({ ...full, positiveValue: "" }, columns).positiveValue).toBeDefined();
    expect(validateMapping({ ...full, sensitiveColumns: Array.from({ length: 21 }, (_, i) => `c${i}`) }, columns).sensitiveColumns).toMatch(/at most 20/);
  });

  it("unmarks a column as sensitive when it becomes the label or prediction", () => {
    const m = withRoleColumn({ ...full, sensitiveColumns: ["race", "sex"] }, "labelColumn", "sex");
    expect(m.labelColumn).toBe("sex");
    expect(m.sensitiveColumns).toEqual(["race"]);
  });

  it("keeps sensitive columns in file order and carries choices over to a new file", () => {
    const m = toggleSensitive(toggleSensitive(full, "sex", true, columns), "id", true, columns);
    expect(m.sensitiveColumns).toEqual(["id", "race", "sex"]);
    expect(toggleSensitive(m, "race", false, columns).sensitiveColumns).toEqual(["id", "sex"]);
    expect(carryOver(m, ["label", "sex"])).toEqual({ labelColumn: "label", predictionColumn: "", positiveValue: "1", sensitiveColumns: ["sex"] });
  });

  it("derives predictions from the score at a threshold: needs the score, a threshold in [0, 1], and no prediction column", () => {
    const scored = [...columns, "score"];
    const m = withPredictionSource({ ...full, predictionColumn: "" }, "threshold");
    expect(m.threshold).toBe("0.5");
    expect(Object.keys(validateMapping(m, scored))).toEqual(["scoreColumn"]);
    const ready: Mapping = { ...m, scoreColumn: "score" };
    expect(validateMapping(ready, scored)).toEqual({});
    expect(validateMapping({ ...ready, threshold: "1.5" }, scored).threshold).toMatch(/between 0 and 1/);
    expect(validateMapping({ ...ready, threshold: "" }, scored).threshold).toBeDefined();
    // A prediction column chosen before switching is neither sent nor counted as a role.
    expect(mappingBody({ ...ready, predictionColumn: "pred", threshold: "0.25" })).toEqual({
      labelColumn: "label", positiveValue: "1", sensitiveColumns: ["race"], scoreColumn: "score", threshold: 0.25,
    });
    expect(mappingBody(withPredictionSource(ready, "column"))).toEqual({ labelColumn: "label", predictionColumn: "", positiveValue: "1", sensitiveColumns: ["race"], scoreColumn: "score" });
  });
});

describe("upload errors", () => {
  it("lists file problems with their line and column", () => {
    const error = new ApiError(400, "invalid_request", "Line 12 has 3 values but the header has 4 columns.", {
      problems: [{ message: "Line 12 has 3 values but the header has 4 columns.", line: 12 }, { message: "Column missing.", column: "race" }],
    });
    const view = uploadErrorView(error);
    expect(view.message).toMatch(/2 reasons/);
    expect(view.problems).toEqual([
      { message: "Line 12 has 3 values but the header has 4 columns.", where: "line 12" },
      { message: "Column missing.", where: "column “race”" },
    ]);
  });

  it("lists validation issues, and shows a bare message alone", () => {
    const zod = new ApiError(400, "invalid_request", "mapping.labelColumn: Choose the label column.", [{ path: "mapping.labelColumn", message: "Choose the label column." }]);
    expect(uploadErrorView(zod).problems).toEqual([{ message: "Choose the label column.", where: "labelColumn" }]);
    const bare = new ApiError(400, "invalid_request", "This is a Parquet file; upload the data as CSV.");
    expect(uploadErrorView(bare)).toEqual({ message: "This is a Parquet file; upload the data as CSV.", problems: [] });
    const repeated = new ApiError(400, "invalid_request", "The file is empty.", { problems: [{ message: "The file is empty." }] });
    expect(uploadErrorView(repeated)).toEqual({ message: "The file is empty.", problems: [] });
    expect(uploadErrorView(new ApiError(403, "forbidden", "x")).message).toMatch(/role/);
    expect(uploadErrorView(new Error("offline")).message).toBe("offline");
  });
});
