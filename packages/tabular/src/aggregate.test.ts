import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { brierScore, rocAuc } from "@assay/core";
import { INTERSECTION_SEPARATOR } from "@assay/core";
import { aggregateConfusionCounts } from "./aggregate";
import { aggregateScoreHistograms } from "./score-histograms";
import { describeColumns, queryRows, withDuckDb } from "./duckdb";

const dir = mkdtempSync(path.join(tmpdir(), "assay-tabular-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 8 rows; sex has one blank value that must form the missing group, never vanish.
const CSV = ["label,pred,score,sex,band", "1,1,0.9,F,a", "0,1,0.7,F,b", "1,0,0.2,M,a", "0,0,0.1,M,b", "1,1,0.8,,a", "0,0,0.4,F,a", "1,1,0.6,M,b", "0,1,0.55,M,a"].join("\n") + "\n";
const csvPath = path.join(dir, "p.csv");
writeFileSync(csvPath, CSV);
const parquetPath = path.join(dir, "p.parquet");

const base = { labelColumn: "label", predictionColumn: "pred", positiveValue: "1", sensitiveColumns: ["sex", "band"] };

describe("aggregateConfusionCounts", () => {
  it("counts every row once per attribute, with blanks as the missing group", async () => {
    const columns = await describeColumns(csvPath, "csv");
    const agg = await aggregateConfusionCounts(csvPath, { format: "csv", columns, ...base });
    expect(agg.rowCount).toBe(8);
    expect(agg.attributes[0]).toEqual({
      attribute: "sex",
      groups: [
        { group: "(missing)", tp: 1, fp: 0, tn: 0, fn: 0 },
        { group: "F", tp: 1, fp: 1, tn: 1, fn: 0 },
        { group: "M", tp: 1, fp: 1, tn: 1, fn: 1 },
      ],
    });
    expect(agg.intersection).toBeUndefined();
  });

  it("reads Parquet to the same counts as the CSV it was written from", async () => {
    await withDuckDb((db) => queryRows(db, `COPY (SELECT * FROM read_csv($src, header = true)) TO '${parquetPath.replaceAll("'", "''")}' (FORMAT parquet)`, { src: csvPath }));
    const fromCsv = await aggregateConfusionCounts(csvPath, { format: "csv", columns: await describeColumns(csvPath, "csv"), ...base });
    const fromParquet = await aggregateConfusionCounts(parquetPath, { format: "parquet", columns: await describeColumns(parquetPath, "parquet"), ...base });
    expect(fromParquet).toEqual(fromCsv);
  });

  it("counts intersections that add up to each marginal group", async () => {
    const columns = await describeColumns(csvPath, "csv");
    const agg = await aggregateConfusionCounts(csvPath, { format: "csv", columns, ...base, intersectional: true });
    const inter = agg.intersection!;
    expect(inter.attribute).toBe(`sex${INTERSECTION_SEPARATOR}band`);
    expect(inter.groups.reduce((n, g) => n + g.tp + g.fp + g.tn + g.fn, 0)).toBe(8);
    const fa = inter.groups.find((g) => g.group === `F${INTERSECTION_SEPARATOR}a`)!;
    expect(fa).toEqual({ group: `F${INTERSECTION_SEPARATOR}a`, tp: 1, fp: 0, tn: 1, fn: 0 });
    for (const g of agg.attributes[0]!.groups) {
      const parts = inter.groups.filter((x) => x.group.split(INTERSECTION_SEPARATOR)[0] === g.group);
      expect(parts.reduce((n, x) => n + x.tp, 0)).toBe(g.tp);
      expect(parts.reduce((n, x) => n + x.fp + x.tn + x.fn, 0)).toBe(g.fp + g.tn + g.fn);
    }
  });

  it("derives predictions from a score at a threshold", async () => {
    const columns = await describeColumns(csvPath, "csv");
    const agg = await aggregateConfusionCounts(csvPath, { format: "csv", columns, ...base, predictionColumn: "score", scoreThreshold: 0.6 });
    const total = agg.attributes[1]!.groups.reduce((c, g) => ({ tp: c.tp + g.tp, fp: c.fp + g.fp }), { tp: 0, fp: 0 });
    // Scores >= 0.6: 0.9 (1), 0.7 (0), 0.8 (1), 0.6 (1).
    expect(total).toEqual({ tp: 3, fp: 1 });
  });
});

describe("aggregateScoreHistograms", () => {
  it("bins scores per group so the core's Brier score and AUC match a direct computation", async () => {
    const columns = await describeColumns(csvPath, "csv");
    const [sex] = await aggregateScoreHistograms(csvPath, {
      format: "csv",
      columns,
      labelColumn: "label",
      positiveValue: "1",
      scoreColumn: "score",
      sensitiveColumns: ["sex"],
      binCount: 100,
    });
    const male = sex!.groups.find((g) => g.group === "M")!.histogram;
    // M rows: (1, 0.2) (0, 0.1) (1, 0.6) (0, 0.55)
    expect(brierScore(male)).toBeCloseTo((0.8 ** 2 + 0.1 ** 2 + 0.4 ** 2 + 0.55 ** 2) / 4, 12);
    // Positive scores 0.2, 0.6 vs negative 0.1, 0.55: 3 of 4 pairs ordered correctly.
    expect(rocAuc(male)).toBeCloseTo(0.75, 12);
    expect(sex!.groups.map((g) => g.group)).toEqual(["(missing)", "F", "M"]);
  });

  it("refuses scores outside [0, 1] instead of dropping rows", async () => {
    const bad = path.join(dir, "bad-scores.csv");
    writeFileSync(bad, "label,score,sex\n1,0.5,F\n0,1.5,M\n");
    await expect(
      aggregateScoreHistograms(bad, { format: "csv", columns: ["label", "score", "sex"], labelColumn: "label", positiveValue: "1", scoreColumn: "score", sensitiveColumns: ["sex"] }),
    ).rejects.toThrow(/1 row(s)? ha(s|ve) a score/);
  });
});
