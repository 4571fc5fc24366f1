import { prisma } from "@assay/db";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { queryRows, withDuckDb } from "@assay/tabular";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { blobPath, getDataset, listDatasets, storageRoot, uploadDataset, uploadDatasetMultipart } from "../src/datasets";
import { ServiceError } from "../src/errors";
import { createModelVersion } from "../src/registry";
import { createTestOrg, createTestSystem } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

let org: TestOrg;
let other: TestOrg;
let systemId: string;
let versionCounter = 0;

beforeAll(async () => {
  org = await createTestOrg("datasets");
  other = await createTestOrg("datasets-other");
  const system = await createTestSystem(org.scientist);
  systemId = system.id;
});

afterEach(() => {
  delete process.env.ASSAY_MAX_UPLOAD_BYTES;
});

async function newVersion() {
  versionCounter += 1;
  return createModelVersion(org.scientist, systemId, { label: `v${versionCounter}`, modelType: "classifier", provider: "in-house" });
}

const mapping = { labelColumn: "approved", predictionColumn: "predicted", positiveValue: "yes", sensitiveColumns: ["sex", "age_band"] };
const GOOD_CSV = [
  "id,approved,predicted,sex,age_band",
  "1,yes,yes,F,18-30",
  "2,no,yes,M,31-50",
  "3,yes,no,F,",
  "4,no,no,M,51+",
  "5,yes,yes,,18-30",
].join("\n");

const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

function upload(versionId: string, content: Buffer | string, fields: Record<string, string> = { mapping: JSON.stringify(mapping) }, ctx = org.scientist) {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  // Several chunks, so multi-byte characters and checks cross chunk boundaries.
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
  return uploadDataset(ctx, versionId, { fields, fileStream: Readable.from(chunks), fileName: "predictions.csv" });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected the upload to be refused"),
    (e: unknown) => e,
  );
}

function tempFiles(): string[] {
  const dir = path.join(storageRoot(), "tmp");
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** A refused file: 400 with a message, and nothing stored (no row, no blob, no temporary file). */
async function expectRefused(content: Buffer | string, message: RegExp, fields?: Record<string, string>) {
  const version = await newVersion();
  const error = await rejection(upload(version.id, content, fields));
  expect(error).toBeInstanceOf(ServiceError);
  expect((error as ServiceError).status).toBe(400);
  expect((error as ServiceError).message).toMatch(message);
  expect(await prisma.dataset.count({ where: { modelVersionId: version.id } })).toBe(0);
  expect(existsSync(blobPath(sha256(content)))).toBe(false);
  expect(tempFiles()).toEqual([]);
  expect(await prisma.auditEvent.count({ where: { orgId: org.org.id, action: "dataset.uploaded", after: { path: ["modelVersionId"], equals: version.id } } })).toBe(0);
  return error as ServiceError;
}

describe("dataset upload", () => {
  it("stores a good CSV under its SHA-256, records the mapping and audits the sensitive columns", async () => {
    const version = await newVersion();
    const dataset = await upload(version.id, GOOD_CSV, { name: "Holdout 2024", mapping: JSON.stringify(mapping) });

    expect(dataset).toMatchObject({
      modelVersionId: version.id,
      name: "Holdout 2024",
      fileName: "predictions.csv",
      format: "csv",
      contentSha256: sha256(GOOD_CSV),
      sizeBytes: Buffer.byteLength(GOOD_CSV),
      rowCount: 5,
      labelColumn: "approved",
      predictionColumn: "predicted",
      positiveValue: "yes",
      sensitiveColumns: ["sex", "age_band"],
      createdBy: { id: org.scientist.userId },
    });
    expect(dataset.columns.map((c) => c.name)).toEqual(["id", "approved", "predicted", "sex", "age_band"]);
    expect(dataset.columns.find((c) => c.name === "sex")?.sampleValues).toEqual(["F", "M"]);
    expect(existsSync(blobPath(dataset.contentSha256))).toBe(true);
    expect(blobPath(dataset.contentSha256)).toContain(path.join("blobs", "sha256", dataset.contentSha256.slice(0, 2), dataset.contentSha256.slice(2, 4)));
    expect(tempFiles()).toEqual([]);

    const events = await prisma.auditEvent.findMany({ where: { orgId: org.org.id, entityType: "Dataset", entityId: dataset.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "dataset.uploaded", actorId: org.scientist.userId });
    expect(events[0]!.after).toMatchObject({ sensitiveColumns: ["sex", "age_band"], contentSha256: dataset.contentSha256, rowCount: 5 });

    expect(await listDatasets(org.auditor, version.id)).toEqual([dataset]);
    expect((await getDataset(org.product_owner, dataset.id)).id).toBe(dataset.id);
  });

  it("names the dataset after the file by default and shares one blob between identical uploads", async () => {
    const version = await newVersion();
    const first = await upload(version.id, GOOD_CSV);
    const second = await upload(version.id, GOOD_CSV);
    expect(first.name).toBe("predictions");
    expect(second.contentSha256).toBe(first.contentSha256);
    expect(second.id).not.toBe(first.id);
    expect(existsSync(blobPath(first.contentSha256))).toBe(true);
    expect(tempFiles()).toEqual([]);
  });

  it("accepts a byte-order mark, CRLF line ends and multi-byte characters split across chunks", async () => {
    const version = await newVersion();
    const csv = "\uFEFFapproved,predicted,région\r\nyes,no,Île-de-France\r\nno,no,Provence-Alpes-Côte d’Azur\r\n";
    const dataset = await upload(version.id, csv, { mapping: JSON.stringify({ ...mapping, sensitiveColumns: ["région"] }) });
    expect(dataset.rowCount).toBe(2);
    expect(dataset.columns.map((c) => c.name)).toEqual(["approved", "predicted", "région"]);
  });

  it("refuses an empty file", async () => {
    await expectRefused("", /The file is empty/);
  });

  it("refuses a file with a header and no data rows", async () => {
    await expectRefused("id,approved,predicted,sex,age_band\n", /header but no data rows/);
  });

  it("refuses invalid UTF-8 and names the line", async () => {
    const bad = Buffer.concat([Buffer.from("id,approved,predicted,sex,age_band\n1,yes,yes,F,18-30\n2,no,yes,"), Buffer.from([0xff]), Buffer.from(",31-50\n")]);
    const error = await expectRefused(bad, /^The file is not valid UTF-8 \(line 3\)/);
    expect(error.details).toMatchObject({ problems: [{ line: 3 }] });
  });

  it("finds invalid UTF-8 far into a large file, past DuckDB's sampling", async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i},${i % 2 ? "yes" : "no"},${i % 3 ? "yes" : "no"},${i % 2 ? "F" : "M"},18-30`);
    const bad = Buffer.concat([Buffer.from(["id,approved,predicted,sex,age_band", ...rows, "60000,yes,no,"].join("\n")), Buffer.from([0xc3, 0x28]), Buffer.from(",18-30\n")]);
    await expectRefused(bad, /not valid UTF-8 \(line 60002\)/);
  });

  it("refuses a file that lacks a mapped column and lists the columns it has", async () => {
    // A trailing line end makes these bytes differ from the good uploads, so the blob check means something.
    await expectRefused(
      `${GOOD_CSV}\n`,
      /^Column 'race' not found\. Columns in the file: id, approved, predicted, sex, age_band\.$/,
      { mapping: JSON.stringify({ ...mapping, sensitiveColumns: ["race"] }) },
    );
  });

  it("refuses a label column with three values and shows them", async () => {
    const csv = GOOD_CSV.replace("3,yes,no,F,", "3,maybe,no,F,");
    const error = await expectRefused(csv, /Column 'approved' \(the label\) must be binary but has 3 distinct values: /);
    for (const value of ["'yes'", "'no'", "'maybe'"]) expect(error.message).toContain(value);
    expect(error.details).toMatchObject({ problems: [{ column: "approved" }] });
  });

  it("refuses a prediction column with more than five values, showing five and counting the rest", async () => {
    const rows = Array.from({ length: 8 }, (_, i) => `${i},yes,score${i},F,18-30`);
    const error = await expectRefused(["id,approved,predicted,sex,age_band", ...rows].join("\n"), /Column 'predicted' \(the prediction\) must be binary but has 8 distinct values/);
    expect(error.message).toContain("and 3 more");
  });

  it("refuses a positive value that the label column does not contain", async () => {
    await expectRefused(`${GOOD_CSV}\n`, /The positive value 'approved' does not occur in the label column 'approved', whose values are 'no', 'yes'\./, {
      mapping: JSON.stringify({ ...mapping, positiveValue: "approved" }),
    });
  });

  it("refuses a label with blank values and names the first row", async () => {
    const csv = GOOD_CSV.replace("4,no,no,M,51+", "4,,no,M,51+");
    await expectRefused(csv, /Column 'approved' \(the label\) is empty in 1 row, the first being data row 4/);
  });

  it("refuses a row with more values than the header and names its line", async () => {
    const csv = GOOD_CSV.replace("2,no,yes,M,31-50", "2,no,yes,M,31-50,extra");
    await expectRefused(csv, /^Line 3 has 6 values but the header has 5 columns\.$/);
  });

  it("refuses a prediction that uses other values than the label", async () => {
    const csv = "id,approved,predicted,sex,age_band\n1,yes,1,F,18-30\n2,no,0,M,31-50\n";
    await expectRefused(csv, /both must use the same two values/);
  });

  it("accepts Parquet, read by DuckDB with the same checks as CSV", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "assay-parquet-"));
    try {
      const csvFile = path.join(dir, "in.csv");
      const parquetFile = path.join(dir, "in.parquet");
      writeFileSync(csvFile, GOOD_CSV + "\n");
      await withDuckDb((db) => queryRows(db, `COPY (SELECT * FROM read_csv($src, header = true, all_varchar = true)) TO '${parquetFile}' (FORMAT parquet)`, { src: csvFile }));
      const version = await newVersion();
      const dataset = await upload(version.id, readFileSync(parquetFile));
      expect(dataset).toMatchObject({ format: "parquet", rowCount: 5, sensitiveColumns: ["sex", "age_band"] });
      expect(dataset.columns.map((c) => c.name)).toEqual(["id", "approved", "predicted", "sex", "age_band"]);

      const nonBinary = path.join(dir, "bad.parquet");
      await withDuckDb((db) => queryRows(db, `COPY (SELECT * REPLACE ('maybe' AS approved) FROM read_csv($src, header = true, all_varchar = true)) TO '${nonBinary}' (FORMAT parquet)`, { src: csvFile }));
      // One distinct value is still "binary"; the positive value is then missing from the label.
      await expectRefused(readFileSync(nonBinary), /The positive value 'yes' does not occur in the label column 'approved'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a corrupt Parquet file with a clear message", async () => {
    await expectRefused(Buffer.concat([Buffer.from("PAR1"), Buffer.alloc(32)]), /^The Parquet file could not be read/);
  });

  it("rejects a malformed mapping with a validation error and stores nothing", async () => {
    const version = await newVersion();
    const error = await rejection(upload(version.id, GOOD_CSV, { mapping: JSON.stringify({ ...mapping, predictionColumn: "approved" }) }));
    expect(error).toBeInstanceOf(ZodError);
    expect(await prisma.dataset.count({ where: { modelVersionId: version.id } })).toBe(0);
    expect(tempFiles()).toEqual([]);
  });

  it("refuses files over the size limit with 413", async () => {
    process.env.ASSAY_MAX_UPLOAD_BYTES = "64";
    const version = await newVersion();
    const error = await rejection(upload(version.id, GOOD_CSV));
    expect(error).toMatchObject({ status: 413 });
    expect(await prisma.dataset.count({ where: { modelVersionId: version.id } })).toBe(0);
    expect(tempFiles()).toEqual([]);
  });

  it("is for scientists of the organisation only", async () => {
    const version = await newVersion();
    await expect(upload(version.id, GOOD_CSV, undefined, org.auditor)).rejects.toMatchObject({ status: 403 });
    await expect(upload(version.id, GOOD_CSV, undefined, org.product_owner)).rejects.toMatchObject({ status: 403 });
    await expect(upload(version.id, GOOD_CSV, undefined, other.scientist)).rejects.toMatchObject({ status: 404 });
    const dataset = await upload(version.id, GOOD_CSV);
    await expect(getDataset(other.auditor, dataset.id)).rejects.toMatchObject({ status: 404 });
    await expect(listDatasets(other.auditor, version.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe("multipart upload", () => {
  function multipart(parts: Array<[string, string | Blob, string?]>) {
    const form = new FormData();
    for (const [name, value, fileName] of parts) {
      if (typeof value === "string") form.append(name, value);
      else form.append(name, value, fileName);
    }
    const request = new Request("http://assay.test/upload", { method: "POST", body: form });
    return { contentType: request.headers.get("content-type"), body: request.body };
  }

  it("streams the file part to the upload service, whichever order the fields come in", async () => {
    const version = await newVersion();
    const body = multipart([
      ["file", new Blob([GOOD_CSV], { type: "text/csv" }), "holdout.csv"],
      ["mapping", JSON.stringify(mapping)],
      ["name", "Sent after the file"],
    ]);
    const dataset = await uploadDatasetMultipart(org.scientist, version.id, body);
    expect(dataset).toMatchObject({ name: "Sent after the file", fileName: "holdout.csv", rowCount: 5, contentSha256: sha256(GOOD_CSV) });
  });

  it("answers a bad file with the validation message", async () => {
    const version = await newVersion();
    const body = multipart([
      ["mapping", JSON.stringify({ ...mapping, labelColumn: "outcome" })],
      ["file", new Blob([GOOD_CSV]), "holdout.csv"],
    ]);
    await expect(uploadDatasetMultipart(org.scientist, version.id, body)).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/^Column 'outcome' not found/) });
    expect(await prisma.dataset.count({ where: { modelVersionId: version.id } })).toBe(0);
    expect(tempFiles()).toEqual([]);
  });

  it("asks for a file when there is none, and for multipart when the body is something else", async () => {
    const version = await newVersion();
    await expect(uploadDatasetMultipart(org.scientist, version.id, multipart([["mapping", JSON.stringify(mapping)]]))).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("Choose a CSV file"),
    });
    await expect(uploadDatasetMultipart(org.scientist, version.id, { contentType: "application/json", body: Readable.from(["{}"]) })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("multipart/form-data"),
    });
  });

  it("refuses a body over the limit with 413, from the file size or the declared length", async () => {
    process.env.ASSAY_MAX_UPLOAD_BYTES = "64";
    const version = await newVersion();
    const body = multipart([
      ["mapping", JSON.stringify(mapping)],
      ["file", new Blob([GOOD_CSV]), "holdout.csv"],
    ]);
    await expect(uploadDatasetMultipart(org.scientist, version.id, body)).rejects.toMatchObject({ status: 413 });
    await expect(
      uploadDatasetMultipart(org.scientist, version.id, { contentType: "multipart/form-data; boundary=x", contentLength: String(10 * 1024 * 1024), body: Readable.from([""]) }),
    ).rejects.toMatchObject({ status: 413 });
    expect(tempFiles()).toEqual([]);
  });
});
