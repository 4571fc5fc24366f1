import type { PlanCheck } from "@assay/core";
import { prisma } from "@assay/db";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadDataset } from "../src/datasets";
import { savePlanVersion } from "../src/plans";
import { createModelVersion } from "../src/registry";
import { compareRuns, compareRunsQuerySchema, listComparableRuns, processEvaluationRun, startRun } from "../src/runs";
import { createTestOrg, createTestSystem, expectStatus, useOwnQueue } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

useOwnQueue("compare");

let org: TestOrg;
let other: TestOrg;
let systemId: string;
let otherSystemId: string;
let versionCounter = 0;
let baselineRunId: string;
let candidateRunId: string;

type Cells = { tp: number; fp: number; tn: number; fn: number };

/** Rows of one group with exactly these confusion counts (positive value "yes"). */
function groupRows(group: string, c: Cells): string[] {
  const rows: string[] = [];
  const add = (count: number, label: string, prediction: string) => {
    for (let i = 0; i < count; i++) rows.push(`${label},${prediction},${group}`);
  };
  add(c.tp, "yes", "yes");
  add(c.fp, "no", "yes");
  add(c.tn, "no", "no");
  add(c.fn, "yes", "no");
  return rows;
}

const csv = (groups: Record<string, Cells>) =>
  ["id,label,prediction,group", ...Object.entries(groups).flatMap(([group, c]) => groupRows(group, c)).map((row, i) => `${i + 1},${row}`)].join("\n");

// Group A is untouched. Group B's false-positive rate rises from 10/50 = 0.2 to 35/50 = 0.7 in the candidate.
const SAME: Cells = { tp: 40, fp: 10, tn: 40, fn: 10 };
const BASELINE_CSV = csv({ A: SAME, B: SAME });
const CANDIDATE_CSV = csv({ A: SAME, B: { tp: 40, fp: 35, tn: 15, fn: 10 } });

const CHECKS: PlanCheck[] = [
  { id: "fpr-group", kind: "fairness", metric: "fpr", attribute: "group", band: { type: "ratio", min: 0.8, max: 1.25 }, referenceGroup: "A" },
];
const MAPPING = { labelColumn: "label", predictionColumn: "prediction", positiveValue: "yes", sensitiveColumns: ["group"] };

async function preparedVersion(content: string, system = systemId) {
  versionCounter += 1;
  const version = await createModelVersion(org.scientist, system, { label: `v${versionCounter}`, modelType: "classifier", provider: "in-house" });
  const dataset = await uploadDataset(org.scientist, version.id, {
    fields: { mapping: JSON.stringify(MAPPING) },
    fileStream: Readable.from([Buffer.from(content, "utf8")]),
    fileName: "predictions.csv",
  });
  await savePlanVersion(org.scientist, version.id, { checks: CHECKS });
  return { version, dataset };
}

async function succeededRun(content: string, system = systemId): Promise<string> {
  const { version, dataset } = await preparedVersion(content, system);
  const run = await startRun(org.scientist, version.id, { datasetId: dataset.id });
  expect(await processEvaluationRun(run.id, { orgId: org.org.id })).toEqual({ status: "succeeded" });
  return run.id;
}

beforeAll(async () => {
  org = await createTestOrg("compare");
  other = await createTestOrg("compare-other");
  systemId = (await createTestSystem(org.scientist)).id;
  otherSystemId = (await createTestSystem(org.scientist, { name: "Fraud model" })).id;
  baselineRunId = await succeededRun(BASELINE_CSV);
  candidateRunId = await succeededRun(CANDIDATE_CSV);
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("compareRuns", () => {
  it("flags the candidate's rise in group B's false-positive rate as a regression, and nothing in group A", async () => {
    const result = await compareRuns(org.auditor, baselineRunId, candidateRunId);
    expect(result.baseline).toMatchObject({ id: baselineRunId, system: { id: systemId }, modelVersion: { label: expect.stringMatching(/^v\d+$/) }, planVersion: { version: 1 } });
    expect(result.candidate).toMatchObject({ id: candidateRunId, system: { id: systemId }, dataset: { rowCount: 200 } });
    expect(result.baseline.finishedAt).toBeInstanceOf(Date);
    expect(result.sameDataset).toBe(false);
    expect(result.samePlanVersion).toBe(false);

    const { comparison } = result;
    expect(comparison.attributes.map((a) => a.attribute)).toEqual(["group"]);
    const [group] = comparison.attributes;
    expect(group!.groups.map((g) => g.group).sort()).toEqual(["A", "B"]);
    expect(group!.onlyInBaseline).toEqual([]);

    const fpr = group!.groups.find((g) => g.group === "B")!.metrics.fpr;
    expect(fpr.baseline.value).toBeCloseTo(0.2, 12);
    expect(fpr.candidate.value).toBeCloseTo(0.7, 12);
    expect(fpr.delta).toBeCloseTo(0.5, 12);
    expect(fpr.deltaCi!.lower).toBeGreaterThan(0.02);
    expect(fpr).toMatchObject({ test: "z", significantHolm: true, regression: true, verdict: "regression" });
    expect(comparison.regressions.map((r) => `${r.group}/${r.metric}`)).toContain("B/fpr");

    const a = group!.groups.find((g) => g.group === "A")!;
    for (const change of Object.values(a.metrics)) {
      expect(change).toMatchObject({ delta: 0, pValue: 1, regression: false, verdict: "no_significant_change" });
    }

    // A's FPR stays 0.2, B's goes 0.2 → 0.7: the gap opens from 0 to 0.5.
    const spread = group!.disparities.find((d) => d.metric === "fpr")!;
    expect(spread.baseline.difference).toBe(0);
    expect(spread.candidate.difference).toBeCloseTo(0.5, 12);
    expect(spread).toMatchObject({ trend: "widened", confident: true });
    expect(comparison).toMatchObject({ tolerance: 0.02, alpha: 0.05, resamples: 1000 });
  });

  it("answers 404 for another organisation's runs and for unknown ones", async () => {
    await expectStatus(compareRuns(other.auditor, baselineRunId, candidateRunId), 404);
    await expectStatus(compareRuns(org.auditor, baselineRunId, "no-such-run"), 404);
  });

  it("refuses a queued run with 409 and says why", async () => {
    const { version, dataset } = await preparedVersion(CANDIDATE_CSV);
    const queued = await startRun(org.scientist, version.id, { datasetId: dataset.id });
    const error = await expectStatus(compareRuns(org.auditor, baselineRunId, queued.id), 409);
    expect(error.message).toMatch(/candidate run .* is queued; only succeeded runs can be compared/);
    await expectStatus(compareRuns(org.auditor, queued.id, candidateRunId), 409);
  });

  it("refuses runs of different systems, and a run compared with itself, with 400", async () => {
    const elsewhere = await succeededRun(CANDIDATE_CSV, otherSystemId);
    const error = await expectStatus(compareRuns(org.auditor, baselineRunId, elsewhere), 400);
    expect(error.message).toContain("different AI systems");
    await expectStatus(compareRuns(org.auditor, baselineRunId, baselineRunId), 400);
  });

  it("validates the query: both ids are required", () => {
    const missing = compareRunsQuerySchema.safeParse({ baseline: "x" });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]).toMatchObject({ path: ["candidate"], message: expect.stringContaining("Choose a candidate run") });
    expect(compareRunsQuerySchema.safeParse({ baseline: " ", candidate: "y" }).success).toBe(false);
    expect(compareRunsQuerySchema.parse({ baseline: "x", candidate: "y" })).toEqual({ baseline: "x", candidate: "y" });
  });
});

describe("listComparableRuns", () => {
  it("lists succeeded runs grouped by system and version, optionally of one system, and only the caller's", async () => {
    const all = await listComparableRuns(org.auditor);
    const ids = all.flatMap((g) => g.runs.map((r) => r.id));
    expect(ids).toEqual(expect.arrayContaining([baselineRunId, candidateRunId]));
    const runs = await prisma.evaluationRun.findMany({ where: { id: { in: ids } }, select: { status: true } });
    expect(runs.every((r) => r.status === "succeeded")).toBe(true);
    const baselineGroup = all.find((g) => g.runs.some((r) => r.id === baselineRunId))!;
    expect(baselineGroup).toMatchObject({ system: { id: systemId, name: "Loan approval model" } });
    expect(baselineGroup.runs[0]).toMatchObject({ planVersion: 1, checkCount: 1 });

    const ofSystem = await listComparableRuns(org.auditor, systemId);
    expect(ofSystem.every((g) => g.system.id === systemId)).toBe(true);
    expect(await listComparableRuns(other.auditor)).toEqual([]);
    await expectStatus(listComparableRuns(other.auditor, systemId), 404);
  });
});
