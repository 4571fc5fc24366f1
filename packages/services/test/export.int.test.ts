import { DISPARITY_METRICS, type PlanCheck } from "@assay/core";
import { prisma } from "@assay/db";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadDataset } from "../src/datasets";
import { savePlanVersion } from "../src/plans";
import { createModelVersion } from "../src/registry";
import { exportRunResults, getRun, processEvaluationRun, RUN_EXPORT_CSV_COLUMNS, runExportFormatSchema, startRun } from "../src/runs";
import { createTestOrg, createTestSystem, expectStatus, useOwnQueue } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

useOwnQueue("export");

let org: TestOrg;
let other: TestOrg;
let systemId: string;
let versionCounter = 0;

beforeAll(async () => {
  org = await createTestOrg("export");
  other = await createTestOrg("export-other");
  systemId = (await createTestSystem(org.scientist)).id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

/** Twenty rows over two sensitive columns (group: A, B; sex: F, M, missing), so the run also has the intersection "group × sex". */
const CSV = [
  "id,label,prediction,group,sex",
  ...["yes,yes,A,F", "yes,yes,A,F", "yes,yes,A,M", "yes,yes,A,M", "no,yes,A,F", "no,no,A,F", "no,no,A,M", "no,no,A,M", "no,no,A,M", "yes,no,A,F"],
  ...["yes,yes,B,F", "yes,yes,B,M", "yes,yes,B,", "no,yes,B,F", "no,yes,B,F", "no,yes,B,M", "no,no,B,M", "no,no,B,F", "yes,no,B,M", "yes,no,B,F"],
].map((line, i) => (i === 0 ? line : `${i},${line}`));

const CHECKS: PlanCheck[] = [
  { id: "fpr-group", kind: "fairness", metric: "fpr", attribute: "group", band: { type: "ratio", min: 0.8, max: 1.25 }, referenceGroup: "A" },
];

/** A succeeded run of `lines` (CSV text lines) with a plan of CHECKS. */
async function succeededRun(lines: readonly string[], checks: PlanCheck[] = CHECKS) {
  versionCounter += 1;
  const version = await createModelVersion(org.scientist, systemId, { label: `v${versionCounter}`, modelType: "classifier", provider: "in-house" });
  const dataset = await uploadDataset(org.scientist, version.id, {
    fields: { mapping: JSON.stringify({ labelColumn: "label", predictionColumn: "prediction", positiveValue: "yes", sensitiveColumns: ["group", "sex"] }) },
    fileStream: Readable.from([Buffer.from(lines.join("\n"), "utf8")]),
    fileName: "predictions.csv",
  });
  await savePlanVersion(org.scientist, version.id, { checks });
  const started = await startRun(org.scientist, version.id, { datasetId: dataset.id });
  expect(await processEvaluationRun(started.id)).toEqual({ status: "succeeded" });
  return { version, dataset, runId: started.id };
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") record.push(field), (field = "");
    else if (ch === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      (field = ""), (record = []), i++;
    } else field += ch;
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  return records;
}

function csvObjects(body: string) {
  const [header, ...rows] = parseCsv(body);
  return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
}

const num = (cell: string | undefined) => (cell === "" || cell === undefined ? null : Number(cell));

describe("exportRunResults", () => {
  let runId: string;
  beforeAll(async () => {
    runId = (await succeededRun(CSV)).runId;
  });

  it("writes one CSV row per attribute, group and metric, with the analysis' figures", async () => {
    const file = await exportRunResults(org.auditor, runId, "csv");
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    expect(file.fileName).toBe(`assay-run-${runId}-results.csv`);
    expect(file.body.endsWith("\r\n")).toBe(true);

    const { header, rows } = csvObjects(file.body);
    expect(header).toEqual([...RUN_EXPORT_CSV_COLUMNS]);

    const run = await getRun(org.auditor, runId);
    const analysis = run.analysis!;
    expect(analysis.attributes.map((a) => a.attribute)).toEqual(["group", "sex", "group × sex"]);
    const groupCount = analysis.attributes.reduce((n, a) => n + a.summary.groups.length, 0);
    // group: A, B; sex: F, M, (missing); group × sex: A × F, A × M, B × F, B × M, B × (missing).
    expect(groupCount).toBe(10);
    expect(rows).toHaveLength(groupCount * DISPARITY_METRICS.length);
    expect(rows.every((r) => Object.keys(r).length === RUN_EXPORT_CSV_COLUMNS.length)).toBe(true);

    // Group B's false-positive rate against A: 3/5 against 1/5 (hand-counted).
    const row = rows.find((r) => r.attribute === "group" && r.group === "B" && r.metric === "fpr")!;
    const group = analysis.attributes[0]!;
    const comparison = group.comparisons.find((c) => c.group === "B" && c.metric === "fpr")!;
    const wilson = group.summary.groups.find((g) => g.group === "B")!.metrics.fpr.ci!;
    expect(row).toMatchObject({ n: "10", reference_group: "A", test: comparison.test, small_sample: "true" });
    expect(num(row.value)).toBe(0.6);
    expect(num(row.difference)).toBeCloseTo(0.4, 12);
    expect(num(row.ratio)).toBeCloseTo(3, 12);
    expect([num(row.ci_lower), num(row.ci_upper)]).toEqual([wilson.lower, wilson.upper]);
    const boot = group.bootstrap.groups.B!.fpr!;
    expect([num(row.bootstrap_lower), num(row.bootstrap_upper)]).toEqual([boot.lower, boot.upper]);
    const bootDiff = group.bootstrap.vsReference.fpr!.B!.difference!;
    expect([num(row.difference_lower), num(row.difference_upper)]).toEqual([bootDiff.lower, bootDiff.upper]);
    expect([num(row.p_value), num(row.p_holm), num(row.p_bh)]).toEqual([comparison.pValue, comparison.holm, comparison.bh]);
    expect([row.significant_holm, row.significant_bh]).toEqual([String(comparison.significantHolm), String(comparison.significantBh)]);

    // The reference group is compared with itself (difference 0, ratio 1) but never tested.
    const reference = rows.find((r) => r.attribute === "group" && r.group === "A" && r.metric === "fpr")!;
    expect(reference).toMatchObject({ difference: "0", ratio: "1", difference_lower: "", test: "", p_value: "", significant_holm: "" });
    // Derived metrics have no Wilson interval and no test, but a bootstrap interval.
    const f1 = rows.find((r) => r.attribute === "group" && r.group === "B" && r.metric === "f1")!;
    expect(f1).toMatchObject({ ci_lower: "", test: "" });
    expect(f1.bootstrap_lower).not.toBe("");

    // Every figure of every row is the analysis' own, for every attribute, the intersection included.
    for (const a of analysis.attributes) {
      for (const g of a.summary.groups) {
        for (const metric of DISPARITY_METRICS) {
          const r = rows.find((x) => x.attribute === a.attribute && x.group === g.group && x.metric === metric)!;
          expect(num(r.value)).toBe(g.metrics[metric].value);
          expect(num(r.n)).toBe(g.metrics.count.value);
          expect(num(r.p_holm)).toBe(a.comparisons.find((c) => c.group === g.group && c.metric === metric)?.holm ?? null);
        }
      }
    }
  });

  it("exports JSON that round-trips to the run as the API returns it", async () => {
    const file = await exportRunResults(org.scientist, runId, "json");
    expect(file).toMatchObject({ fileName: `assay-run-${runId}-results.json`, contentType: "application/json; charset=utf-8" });
    const parsed: unknown = JSON.parse(file.body);
    const run = await getRun(org.scientist, runId);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(run)));
    expect(parsed).toMatchObject({ id: runId, status: "succeeded", datasetSha256: run.datasetSha256, analysis: { seed: run.analysis!.seed } });
  });

  it("answers 404 to another organisation, as for a run that does not exist", async () => {
    await expectStatus(exportRunResults(other.auditor, runId, "csv"), 404);
    await expectStatus(exportRunResults(other.admin, runId, "json"), 404);
    await expectStatus(exportRunResults(org.auditor, "no-such-run", "csv"), 404);
  });

  it("refuses CSV for a run without results, and formats other than csv and json", async () => {
    versionCounter += 1;
    const version = await createModelVersion(org.scientist, systemId, { label: `v${versionCounter}`, modelType: "classifier", provider: "in-house" });
    const dataset = await uploadDataset(org.scientist, version.id, {
      fields: { mapping: JSON.stringify({ labelColumn: "label", predictionColumn: "prediction", positiveValue: "yes", sensitiveColumns: ["group"] }) },
      fileStream: Readable.from([Buffer.from(CSV.join("\n"), "utf8")]),
      fileName: "predictions.csv",
    });
    await savePlanVersion(org.scientist, version.id, { checks: CHECKS });
    const queued = await startRun(org.scientist, version.id, { datasetId: dataset.id });
    await expectStatus(exportRunResults(org.auditor, queued.id, "csv"), 409);
    expect(JSON.parse((await exportRunResults(org.auditor, queued.id, "json")).body)).toMatchObject({ status: "queued", results: null, analysis: null });
    expect(runExportFormatSchema.safeParse("xlsx").success).toBe(false);
  });

  it("quotes labels with commas and quotes, and defuses labels a spreadsheet would run as formulas", async () => {
    const lines = CSV.map((line, i) => (i === 0 ? line : line.replace(/,A,/, ',"Say ""hi"", ok",').replace(/,B,/, ",=1+2,")));
    const { runId: id } = await succeededRun(lines, [{ id: "fpr-group", kind: "fairness", metric: "fpr", attribute: "group", band: { type: "ratio", min: 0.8, max: 1.25 } }]);
    const { body } = await exportRunResults(org.auditor, id, "csv");
    expect(body).toContain(`"Say ""hi"", ok"`);
    const { rows } = csvObjects(body);
    const groups = new Set(rows.filter((r) => r.attribute === "group").map((r) => r.group));
    expect(groups).toEqual(new Set(['Say "hi", ok', "'=1+2"]));
    expect(rows.filter((r) => r.attribute === "group")).toHaveLength(2 * DISPARITY_METRICS.length);
  });
});
