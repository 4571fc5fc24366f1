import { MISSING_GROUP, type FairnessResult, type PlanCheck } from "@assay/core";
import { prisma } from "@assay/db";
import { getQueue, QueueName } from "@assay/queue";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, unlink } from "node:fs/promises";
import { createReadStream } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { COMPAS_CSV_PATH, COMPAS_REFERENCE_PATH } from "../../datasets/src/index";
import { COMPAS_PREDICTIONS_MAPPING, writeCompasPredictionsCsv } from "../src/datasets/compas";
import { blobPath, uploadDataset } from "../src/datasets";
import { ServiceError } from "../src/errors";
import { savePlanVersion } from "../src/plans";
import { createModelVersion, createSystem } from "../src/registry";
import { codeVersion, getRun, listRuns, processEvaluationRun, retryRun, startRun } from "../src/runs";
import { createTestOrg, createTestSystem, useOwnQueue } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

useOwnQueue("runs");

let org: TestOrg;
let other: TestOrg;
let systemId: string;
let versionCounter = 0;

beforeAll(async () => {
  org = await createTestOrg("runs");
  other = await createTestOrg("runs-other");
  const system = await createTestSystem(org.scientist);
  systemId = system.id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function newVersion(ctx = org.scientist, system = systemId) {
  versionCounter += 1;
  return createModelVersion(ctx, system, { label: `v${versionCounter}`, modelType: "classifier", provider: "in-house" });
}

/**
 * Twenty people, hand-countable (positive value "yes"):
 *   group A: TP 4, FP 1, TN 4, FN 1 → FPR 1/5 = 0.2, FNR 1/5 = 0.2, selection 5/10 = 0.5
 *   group B: TP 3, FP 3, TN 2, FN 2 → FPR 3/5 = 0.6, FNR 2/5 = 0.4, selection 6/10 = 0.6
 *   sex F:   TP 3, FP 3, TN 2, FN 2;  sex M: TP 3, FP 1, TN 4, FN 1;  sex missing (row 13): TP 1
 */
const SMALL_CSV = [
  "id,label,prediction,group,sex",
  "1,yes,yes,A,F",
  "2,yes,yes,A,F",
  "3,yes,yes,A,M",
  "4,yes,yes,A,M",
  "5,no,yes,A,F",
  "6,no,no,A,F",
  "7,no,no,A,M",
  "8,no,no,A,M",
  "9,no,no,A,M",
  "10,yes,no,A,F",
  "11,yes,yes,B,F",
  "12,yes,yes,B,M",
  "13,yes,yes,B,",
  "14,no,yes,B,F",
  "15,no,yes,B,F",
  "16,no,yes,B,M",
  "17,no,no,B,M",
  "18,no,no,B,F",
  "19,yes,no,B,M",
  "20,yes,no,B,F",
].join("\n");
const SMALL_MAPPING = { labelColumn: "label", predictionColumn: "prediction", positiveValue: "yes", sensitiveColumns: ["group", "sex"] };

const SMALL_CHECKS: PlanCheck[] = [
  // B / A = 0.6 / 0.2 = 3: fails.
  { id: "fpr-group", kind: "fairness", metric: "fpr", attribute: "group", band: { type: "ratio", min: 0.8, max: 1.25 }, referenceGroup: "A" },
  // 0.6 / 0.5 = 1.2: passes.
  { id: "selection-group", kind: "fairness", metric: "selection_rate", attribute: "group", band: { type: "ratio", min: 0.8, max: 1.25 }, referenceGroup: "A" },
  // 0.4 − 0.2 = +0.2: passes.
  { id: "fnr-group", kind: "fairness", metric: "fnr", attribute: "group", band: { type: "difference", min: -0.25, max: 0.25 }, referenceGroup: "A" },
];

function upload(versionId: string, content: string, mapping: object = SMALL_MAPPING, ctx = org.scientist) {
  return uploadDataset(ctx, versionId, {
    fields: { mapping: JSON.stringify(mapping) },
    fileStream: Readable.from([Buffer.from(content, "utf8")]),
    fileName: "predictions.csv",
  });
}

/** A model version with the small dataset and a plan of SMALL_CHECKS. */
async function preparedVersion(content = SMALL_CSV) {
  const version = await newVersion();
  const dataset = await upload(version.id, content);
  const plan = await savePlanVersion(org.scientist, version.id, { checks: SMALL_CHECKS });
  return { version, dataset, plan };
}

/** Same rows, different bytes (a blob of its own): an extra column with a unique value. */
const uniqueCsv = () => {
  const tag = randomUUID();
  return SMALL_CSV.split("\n")
    .map((line, i) => `${line},${i === 0 ? "batch" : tag}`)
    .join("\n");
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected a refusal"),
    (e: unknown) => e,
  );
}

const auditCount = (runId: string, action: string) => prisma.auditEvent.count({ where: { entityType: "EvaluationRun", entityId: runId, action } });

describe("startRun", () => {
  it("records the dataset hash, plan version, code version and configuration, audits it and queues a job", async () => {
    const { version, dataset, plan } = await preparedVersion();
    const run = await startRun(org.scientist, version.id, { datasetId: dataset.id });

    expect(run).toMatchObject({
      modelVersionId: version.id,
      kind: "fairness",
      status: "queued",
      progress: 0,
      attempts: 0,
      error: null,
      datasetSha256: dataset.contentSha256,
      planVersion: { id: plan.id, version: 1 },
      codeVersion: codeVersion(),
      config: { labelColumn: "label", predictionColumn: "prediction", positiveValue: "yes", sensitiveColumns: ["group", "sex"] },
      createdBy: { id: org.scientist.userId },
      results: null,
      checkResults: [],
      checkCount: 0,
    });

    const events = await prisma.auditEvent.findMany({ where: { entityType: "EvaluationRun", entityId: run.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "run.started", actorId: org.scientist.userId, orgId: org.org.id });
    expect(events[0]!.after).toMatchObject({ datasetSha256: dataset.contentSha256, planVersionId: plan.id, config: { sensitiveColumns: ["group", "sex"] } });

    const job = await getQueue(QueueName.Evaluation).getJob(run.id);
    expect(job?.data).toEqual({ runId: run.id, orgId: org.org.id });

    expect((await listRuns(org.auditor, version.id)).map((r) => r.id)).toEqual([run.id]);
  });

  it("refuses a version without a plan with 409", async () => {
    const version = await newVersion();
    const dataset = await upload(version.id, SMALL_CSV);
    const error = await rejection(startRun(org.scientist, version.id, { datasetId: dataset.id }));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ status: 409, message: expect.stringMatching(/Write an evaluation plan first/) });
    expect(await prisma.evaluationRun.count({ where: { modelVersionId: version.id } })).toBe(0);
  });

  it("refuses a dataset in which a checked attribute is not sensitive with 400, naming the check and the columns", async () => {
    const version = await newVersion();
    await upload(version.id, SMALL_CSV);
    await savePlanVersion(org.scientist, version.id, { checks: SMALL_CHECKS });
    // A second dataset of the same version that marks only sex as sensitive.
    const sexOnly = await upload(version.id, SMALL_CSV, { ...SMALL_MAPPING, sensitiveColumns: ["sex"] });
    const error = await rejection(startRun(org.scientist, version.id, { datasetId: sexOnly.id }));
    expect(error).toMatchObject({ status: 400, message: expect.stringContaining("“fpr-group” (group)") });
    expect((error as ServiceError).message).toContain("Its sensitive columns are sex.");
    expect((error as ServiceError).details).toMatchObject({ path: "datasetId", sensitiveColumns: ["sex"] });
    expect(await prisma.evaluationRun.count({ where: { modelVersionId: version.id } })).toBe(0);
  });

  it("refuses a dataset of another model version with 400", async () => {
    const { version } = await preparedVersion();
    const elsewhere = await newVersion();
    const foreign = await upload(elsewhere.id, SMALL_CSV);
    await expect(startRun(org.scientist, version.id, { datasetId: foreign.id })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("belongs to another model version"),
    });
  });

  it("answers 404 for another organisation's version or dataset, and a validation error for no dataset", async () => {
    const { version, dataset } = await preparedVersion();
    await expect(startRun(other.scientist, version.id, { datasetId: dataset.id })).rejects.toMatchObject({ status: 404 });
    const otherSystem = await createSystem(other.scientist, {
      name: "Other tenant's model",
      purpose: "Anything.",
      intendedUse: "Anything.",
      ownerIds: [other.scientist.userId],
      riskTier: "low",
      lifecycleStage: "ideation",
    });
    const otherVersion = await newVersion(other.scientist, otherSystem.id);
    await expect(startRun(other.scientist, otherVersion.id, { datasetId: dataset.id })).rejects.toMatchObject({ status: 404, message: "Dataset not found." });
    await expect(startRun(org.scientist, version.id, { datasetId: "" })).rejects.toBeInstanceOf(ZodError);
    expect(await prisma.evaluationRun.count({ where: { modelVersionId: { in: [version.id, otherVersion.id] } } })).toBe(0);
  });

  it("is for scientists only: every other role gets 403", async () => {
    const { version, dataset } = await preparedVersion();
    for (const role of ["admin", "product_owner", "approver", "auditor"] as const) {
      await expect(startRun(org[role], version.id, { datasetId: dataset.id }), role).rejects.toMatchObject({ status: 403 });
    }
    expect(await prisma.evaluationRun.count({ where: { modelVersionId: version.id } })).toBe(0);
  });
});

describe("processEvaluationRun", () => {
  it("computes per-group rates and checks from the file, stores them and audits the result", async () => {
    const { version, dataset, plan } = await preparedVersion();
    const started = await startRun(org.scientist, version.id, { datasetId: dataset.id });

    expect(await processEvaluationRun(started.id, { orgId: org.org.id })).toEqual({ status: "succeeded" });

    const run = await getRun(org.auditor, started.id);
    expect(run).toMatchObject({ status: "succeeded", progress: 100, progressNote: "Finished", attempts: 1, error: null, checkCount: 3, checksPassed: 2 });
    expect(run.startedAt).toBeInstanceOf(Date);
    expect(run.finishedAt).toBeInstanceOf(Date);

    const results = run.results as FairnessResult;
    expect(results.rowCount).toBe(20);
    expect(results.positiveValue).toBe("yes");
    const [group, sex] = results.attributes;
    expect(group!.attribute).toBe("group");
    expect(group!.missingCount).toBe(0);
    const byName = Object.fromEntries(group!.groups.map((g) => [g.group, g]));
    expect(byName.A!.counts).toEqual({ tp: 4, fp: 1, tn: 4, fn: 1 });
    expect(byName.B!.counts).toEqual({ tp: 3, fp: 3, tn: 2, fn: 2 });
    expect(byName.A!.metrics.fpr.value).toBeCloseTo(0.2, 12);
    expect(byName.B!.metrics.fpr.value).toBeCloseTo(0.6, 12);
    expect(byName.A!.metrics.fnr.value).toBeCloseTo(0.2, 12);
    expect(byName.B!.metrics.fnr.value).toBeCloseTo(0.4, 12);
    expect(byName.A!.metrics.selection_rate.value).toBeCloseTo(0.5, 12);
    expect(byName.B!.metrics.selection_rate.value).toBeCloseTo(0.6, 12);
    expect(byName.A!.share).toBe(0.5);

    expect(sex!.attribute).toBe("sex");
    expect(sex!.missingCount).toBe(1);
    expect(Object.fromEntries(sex!.groups.map((g) => [g.group, g.counts]))).toEqual({
      F: { tp: 3, fp: 3, tn: 2, fn: 2 },
      M: { tp: 3, fp: 1, tn: 4, fn: 1 },
      [MISSING_GROUP]: { tp: 1, fp: 0, tn: 0, fn: 0 },
    });

    const checks = Object.fromEntries(run.checkResults.map((c) => [c.checkId, c]));
    expect(Object.keys(checks).sort()).toEqual(["fnr-group", "fpr-group", "selection-group"]);
    expect(checks["fpr-group"]).toMatchObject({ passed: false });
    expect(checks["fpr-group"]!.value).toBeCloseTo(3, 12);
    expect(checks["fpr-group"]!.summary).toBe("False-positive rate ratio vs A: worst B (small sample) 3.00 outside [0.80, 1.25].");
    expect(checks["selection-group"]).toMatchObject({ passed: true });
    expect(checks["selection-group"]!.value).toBeCloseTo(1.2, 12);
    expect(checks["fnr-group"]).toMatchObject({ passed: true });
    expect(checks["fnr-group"]!.value).toBeCloseTo(0.2, 12);

    const succeeded = await prisma.auditEvent.findMany({ where: { entityType: "EvaluationRun", entityId: run.id, action: "run.succeeded" } });
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0]!.actorId).toBeNull();
    expect(succeeded[0]!.after).toMatchObject({
      status: "succeeded",
      datasetSha256: dataset.contentSha256,
      planVersionId: plan.id,
      codeVersion: codeVersion(),
      rowCount: 20,
      sensitiveAttributes: ["group", "sex"],
      checks: expect.arrayContaining([expect.objectContaining({ checkId: "fpr-group", passed: false })]),
    });
  });

  it("is idempotent: a second call, or several at once, store one set of results and one audit event", async () => {
    const { version, dataset } = await preparedVersion();
    const first = await startRun(org.scientist, version.id, { datasetId: dataset.id });
    expect(await processEvaluationRun(first.id)).toEqual({ status: "succeeded" });
    expect(await processEvaluationRun(first.id)).toEqual({ status: "skipped", reason: "The run has already succeeded." });
    expect(await prisma.checkResult.count({ where: { runId: first.id } })).toBe(3);
    expect(await auditCount(first.id, "run.succeeded")).toBe(1);
    expect((await prisma.evaluationRun.findUniqueOrThrow({ where: { id: first.id } })).attempts).toBe(1);

    const second = await startRun(org.scientist, version.id, { datasetId: dataset.id });
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => processEvaluationRun(second.id)));
    expect(outcomes.filter((o) => o.status === "succeeded")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "skipped")).toHaveLength(3);
    const run = await prisma.evaluationRun.findUniqueOrThrow({ where: { id: second.id }, include: { checkResults: true } });
    expect(run.status).toBe("succeeded");
    expect(run.checkResults).toHaveLength(3);
    expect(await auditCount(second.id, "run.succeeded")).toBe(1);
    expect(await auditCount(second.id, "run.failed")).toBe(0);
  });

  it("skips a run of another organisation than the job claims, and a run that does not exist", async () => {
    const { version, dataset } = await preparedVersion();
    const run = await startRun(org.scientist, version.id, { datasetId: dataset.id });
    expect(await processEvaluationRun(run.id, { orgId: other.org.id })).toEqual({ status: "skipped", reason: "No such run." });
    expect(await processEvaluationRun("no-such-run")).toEqual({ status: "skipped", reason: "No such run." });
    expect((await prisma.evaluationRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("queued");
  });

  it("fails a run whose file is missing at once, even with retries left, with a message that says what to do", async () => {
    const version = await newVersion();
    const content = uniqueCsv();
    const dataset = await upload(version.id, content);
    await savePlanVersion(org.scientist, version.id, { checks: SMALL_CHECKS });
    const run = await startRun(org.scientist, version.id, { datasetId: dataset.id });
    await unlink(blobPath(dataset.contentSha256));

    const outcome = await processEvaluationRun(run.id, { orgId: org.org.id, finalAttempt: false });
    expect(outcome.status).toBe("failed");
    const failed = await getRun(org.scientist, run.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, progressNote: "Failed", checkCount: 0 });
    expect(failed.error).toMatch(/^The dataset file \(SHA-256 [0-9a-f]{12}…\) is missing from storage\. Upload the dataset again\.$/);
    expect(outcome).toEqual({ status: "failed", error: failed.error });
    expect(failed.finishedAt).toBeInstanceOf(Date);
    const events = await prisma.auditEvent.findMany({ where: { entityType: "EvaluationRun", entityId: run.id, action: "run.failed" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.after).toMatchObject({ status: "failed", error: failed.error, attempts: 1 });

    // A failed run stays failed when its job comes again.
    expect(await processEvaluationRun(run.id)).toEqual({ status: "skipped", reason: "The run has already failed." });
  });
});

describe("retryRun", () => {
  it("retries only failed runs: re-queued with a new job id, audited, then computed", async () => {
    const version = await newVersion();
    const content = uniqueCsv();
    const dataset = await upload(version.id, content);
    await savePlanVersion(org.scientist, version.id, { checks: SMALL_CHECKS });
    const run = await startRun(org.scientist, version.id, { datasetId: dataset.id });

    // Queued: nothing to retry.
    await expect(retryRun(org.scientist, run.id)).rejects.toMatchObject({ status: 409, message: "Only a failed run can be retried; this one is queued." });

    await unlink(blobPath(dataset.contentSha256));
    expect((await processEvaluationRun(run.id)).status).toBe("failed");

    await expect(retryRun(org.auditor, run.id)).rejects.toMatchObject({ status: 403 });
    await expect(retryRun(org.product_owner, run.id)).rejects.toMatchObject({ status: 403 });
    await expect(retryRun(other.scientist, run.id)).rejects.toMatchObject({ status: 404 });

    // The same bytes uploaded again bring the blob back.
    await upload(version.id, content);
    const retried = await retryRun(org.scientist, run.id);
    expect(retried).toMatchObject({ status: "queued", error: null, progress: 0, attempts: 1, startedAt: null, finishedAt: null });
    const events = await prisma.auditEvent.findMany({ where: { entityType: "EvaluationRun", entityId: run.id, action: "run.retried" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: org.scientist.userId });
    expect(events[0]!.before).toMatchObject({ status: "failed", attempts: 1 });
    const job = await getQueue(QueueName.Evaluation).getJob(`${run.id}-retry-1`);
    expect(job?.data).toEqual({ runId: run.id, orgId: org.org.id });

    expect(await processEvaluationRun(run.id, { orgId: org.org.id })).toEqual({ status: "succeeded" });
    const done = await getRun(org.scientist, run.id);
    expect(done).toMatchObject({ status: "succeeded", attempts: 2, error: null, checkCount: 3 });

    await expect(retryRun(org.scientist, run.id)).rejects.toMatchObject({ status: 409, message: "Only a failed run can be retried; this one is succeeded." });
  });
});

type ReferenceRates = { n: number; TP: number; FP: number; TN: number; FN: number; FPR: number; FNR: number; selection_rate: number };
type Reference = {
  unfiltered_7214: {
    n_rows: number;
    medhigh_threshold: { by_race: Record<string, ReferenceRates>; AA_vs_Caucasian: { fpr_ratio_AA_over_Cauc: number; disparate_impact_AA_over_Cauc: number } };
  };
  published: { propublica_notebook: Record<string, Record<string, { TN: number; FP: number; FN: number; TP: number; FPR_pct: number; FNR_pct: number }>> };
};

describe("COMPAS through upload and run", () => {
  it("reproduces ProPublica's published false-positive and false-negative rates per race", async () => {
    const reference = JSON.parse(readFileSync(COMPAS_REFERENCE_PATH, "utf8")) as Reference;
    const expected = reference.unfiltered_7214.medhigh_threshold;
    const published = reference.published.propublica_notebook["threshold_medium_or_high (score_text != Low)"]!;

    const dir = await mkdtemp(path.join(os.tmpdir(), "assay-compas-"));
    let datasetId: string;
    const version = await newVersion();
    try {
      const file = path.join(dir, "compas-predictions.csv");
      expect(await writeCompasPredictionsCsv(COMPAS_CSV_PATH, file)).toEqual({ rowCount: 7214 });
      const dataset = await uploadDataset(org.scientist, version.id, {
        fields: { mapping: JSON.stringify(COMPAS_PREDICTIONS_MAPPING) },
        fileStream: createReadStream(file),
        fileName: "compas-predictions.csv",
      });
      expect(dataset.rowCount).toBe(7214);
      datasetId = dataset.id;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const band = { type: "ratio", min: 0.8, max: 1.25 } as const;
    await savePlanVersion(org.scientist, version.id, {
      checks: [
        { id: "fpr-race", kind: "fairness", metric: "fpr", attribute: "race", band, referenceGroup: "Caucasian" },
        { id: "selection-race", kind: "fairness", metric: "selection_rate", attribute: "race", band, referenceGroup: "Caucasian" },
        { id: "fpr-sex", kind: "fairness", metric: "fpr", attribute: "sex", band, referenceGroup: "Male" },
      ],
    });
    const started = await startRun(org.scientist, version.id, { datasetId });
    expect(await processEvaluationRun(started.id)).toEqual({ status: "succeeded" });

    const run = await getRun(org.scientist, started.id);
    const results = run.results as FairnessResult;
    expect(results.rowCount).toBe(reference.unfiltered_7214.n_rows);
    const race = results.attributes.find((a) => a.attribute === "race")!;
    expect(race.missingCount).toBe(0);
    expect(race.groups.map((g) => g.group).sort()).toEqual(Object.keys(expected.by_race).sort());
    for (const [name, e] of Object.entries(expected.by_race)) {
      const group = race.groups.find((g) => g.group === name)!;
      expect(group.counts, name).toEqual({ tp: e.TP, fp: e.FP, tn: e.TN, fn: e.FN });
      expect(Math.abs(group.metrics.fpr.value! - e.FPR), name).toBeLessThan(1e-9);
      expect(Math.abs(group.metrics.fnr.value! - e.FNR), name).toBeLessThan(1e-9);
    }
    const pct2 = (x: number | null) => Math.round(x! * 10000) / 100;
    for (const name of ["African-American", "Caucasian"]) {
      const group = race.groups.find((g) => g.group === name)!;
      const pub = published[name]!;
      expect(group.counts).toEqual({ tn: pub.TN, fp: pub.FP, fn: pub.FN, tp: pub.TP });
      expect(pct2(group.metrics.fpr.value)).toBe(pub.FPR_pct);
      expect(pct2(group.metrics.fnr.value)).toBe(pub.FNR_pct);
    }
    const sex = results.attributes.find((a) => a.attribute === "sex")!;
    expect(sex.groups.reduce((n, g) => n + g.n, 0)).toBe(7214);

    const fpr = run.checkResults.find((c) => c.checkId === "fpr-race")!;
    expect(fpr.passed).toBe(false);
    const details = fpr.details as { comparisons: Array<{ group: string; ratio: number }> };
    const aa = details.comparisons.find((c) => c.group === "African-American")!;
    expect(Math.abs(aa.ratio - expected.AA_vs_Caucasian.fpr_ratio_AA_over_Cauc)).toBeLessThan(1e-9);
    const selection = run.checkResults.find((c) => c.checkId === "selection-race")!.details as typeof details;
    expect(Math.abs(selection.comparisons.find((c) => c.group === "African-American")!.ratio - expected.AA_vs_Caucasian.disparate_impact_AA_over_Cauc)).toBeLessThan(1e-9);
    expect(run.checkResults.find((c) => c.checkId === "fpr-sex")!.passed).toBe(true);
  });
});
