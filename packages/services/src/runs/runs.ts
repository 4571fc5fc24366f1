import { fairnessChecksOf, type FairnessAnalysis, type FairnessCheck, type FairnessResult, type PlanCheck } from "@assay/core";
import { prisma, type EvaluationRun, type Prisma, type RunStatus } from "@assay/db";
import { enqueue, QueueName } from "@assay/queue";
import { z } from "zod";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, invalid, notFound } from "../errors";
import { currentPlanVersion } from "../plans/plans";
import { refFor, userRefs, type UserRef } from "../registry/systems";
import { codeVersion, failRun, runConfigSchema, type AttributeScoreResult, type RunConfig, type StoredFairnessResult } from "./process";

export const startRunSchema = z.object({
  datasetId: z.string().trim().min(1, "Choose a dataset."),
});
export type StartRunInput = z.infer<typeof startRunSchema>;

export type CheckResultDto = {
  checkId: string;
  passed: boolean;
  /** The worst group's ratio or difference (per the band's type); null when nothing could be compared. */
  value: number | null;
  summary: string;
  details: unknown;
};

export type RunSummary = {
  id: string;
  modelVersionId: string;
  kind: EvaluationRun["kind"];
  status: RunStatus;
  progress: number;
  progressNote: string;
  error: string | null;
  attempts: number;
  dataset: { id: string; name: string; fileName: string };
  datasetSha256: string;
  planVersion: { id: string; version: number };
  codeVersion: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdBy: UserRef;
  checkCount: number;
  checksPassed: number;
};

export type RunDetail = RunSummary & {
  system: { id: string; name: string };
  modelVersionLabel: string;
  config: RunConfig;
  dataset: RunSummary["dataset"] & { rowCount: number; sizeBytes: number; sensitiveColumns: string[] };
  planVersion: RunSummary["planVersion"] & { checks: PlanCheck[] };
  results: FairnessResult | null;
  /** Bootstrap intervals, significance after correction, named disparity summaries; null for runs stored before the analysis existed. */
  analysis: FairnessAnalysis | null;
  /** Per-group score metrics and threshold sweeps; null when the dataset has no score column (or the run predates them). */
  scores: AttributeScoreResult[] | null;
  checkResults: CheckResultDto[];
};

/** Stored results carry the analysis and scores inside; the API returns them side by side, once each. */
function splitStoredResults(stored: StoredFairnessResult | FairnessResult | null): {
  results: FairnessResult | null;
  analysis: FairnessAnalysis | null;
  scores: AttributeScoreResult[] | null;
} {
  if (!stored) return { results: null, analysis: null, scores: null };
  if (!("analysis" in stored)) return { results: stored, analysis: null, scores: null };
  const { analysis, scores, ...results } = stored;
  return { results, analysis, scores: scores ?? null };
}

const summaryInclude = {
  dataset: { select: { id: true, name: true, fileName: true } },
  planVersion: { select: { id: true, version: true } },
  checkResults: { select: { passed: true } },
} satisfies Prisma.EvaluationRunInclude;

type SummaryRow = Prisma.EvaluationRunGetPayload<{ include: typeof summaryInclude }>;

/** Fairness runs always read a dataset; only safety runs (a separate service) have none. */
function datasetOf<D>(run: { id: string; dataset: D | null }): D {
  if (!run.dataset) throw new Error(`Run ${run.id} has no dataset; it is not a fairness run.`);
  return run.dataset;
}

function toSummary(run: Omit<SummaryRow, "checkResults"> & { checkResults: Array<{ passed: boolean }> }, refs: Map<string, UserRef>): RunSummary {
  return {
    id: run.id,
    modelVersionId: run.modelVersionId,
    kind: run.kind,
    status: run.status,
    progress: run.progress,
    progressNote: run.progressNote,
    error: run.error,
    attempts: run.attempts,
    dataset: (({ id, name, fileName }) => ({ id, name, fileName }))(datasetOf(run)),
    datasetSha256: run.datasetSha256,
    planVersion: { id: run.planVersion.id, version: run.planVersion.version },
    codeVersion: run.codeVersion,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    createdBy: refFor(refs, run.createdById),
    checkCount: run.checkResults.length,
    checksPassed: run.checkResults.filter((c) => c.passed).length,
  };
}

async function findVersion(ctx: ServiceContext, versionId: string) {
  const version = await prisma.modelVersion.findFirst({ where: { id: versionId, orgId: ctx.orgId }, select: { id: true, label: true } });
  if (!version) throw notFound("Model version");
  return version;
}

/** Fairness runs of a model version, newest first. */
export async function listRuns(ctx: ServiceContext, versionId: string): Promise<RunSummary[]> {
  assertCan(ctx, "org.read");
  const version = await findVersion(ctx, versionId);
  const runs = await prisma.evaluationRun.findMany({
    where: { orgId: ctx.orgId, modelVersionId: version.id, kind: "fairness" },
    include: summaryInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const refs = await userRefs(runs.map((r) => r.createdById));
  return runs.map((r) => toSummary(r, refs));
}

export async function getRun(ctx: ServiceContext, runId: string): Promise<RunDetail> {
  assertCan(ctx, "org.read");
  const run = await prisma.evaluationRun.findFirst({
    where: { id: runId, orgId: ctx.orgId, kind: "fairness" },
    include: {
      dataset: { select: { id: true, name: true, fileName: true, rowCount: true, sizeBytes: true, sensitiveColumns: true } },
      planVersion: { select: { id: true, version: true, checks: true } },
      checkResults: { orderBy: { checkId: "asc" } },
      modelVersion: { select: { label: true, system: { select: { id: true, name: true } } } },
    },
  });
  if (!run) throw notFound("Run");
  const refs = await userRefs([run.createdById]);
  const dataset = datasetOf(run);
  return {
    ...toSummary(run, refs),
    system: run.modelVersion.system,
    modelVersionLabel: run.modelVersion.label,
    config: runConfigSchema.parse(run.config),
    dataset: {
      id: dataset.id,
      name: dataset.name,
      fileName: dataset.fileName,
      rowCount: dataset.rowCount,
      sizeBytes: Number(dataset.sizeBytes),
      sensitiveColumns: dataset.sensitiveColumns,
    },
    // Plan versions are validated when written and never edited.
    planVersion: { id: run.planVersion.id, version: run.planVersion.version, checks: run.planVersion.checks as unknown as PlanCheck[] },
    // Written by processEvaluationRun from computeFairness.
    ...splitStoredResults(run.results as unknown as StoredFairnessResult | FairnessResult | null),
    checkResults: run.checkResults.map((c) => ({ checkId: c.checkId, passed: c.passed, value: c.value, summary: c.summary, details: c.details })),
  };
}

/**
 * Hands a committed run to the queue. Redis may be down while Postgres is
 * up; then the run is marked failed with the reason, and Retry re-queues it,
 * instead of leaving it queued forever.
 */
async function enqueueRun(ctx: ServiceContext, runId: string, jobId: string): Promise<void> {
  try {
    await enqueue(QueueName.Evaluation, { runId, orgId: ctx.orgId }, jobId);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await failRun(runId, `The run could not be queued (${reason}). Check that Redis is reachable, then retry.`, ctx.userId);
  }
}

/**
 * Starts a fairness run of the version's current plan on one of its datasets.
 * The run records the dataset hash, plan version and code version, and is
 * queued only after it is committed, so a worker never sees a run that does
 * not exist yet.
 */
export async function startRun(ctx: ServiceContext, versionId: string, raw: unknown): Promise<RunDetail> {
  assertCan(ctx, "run.start");
  const input = startRunSchema.parse(raw);
  const version = await findVersion(ctx, versionId);
  const dataset = await prisma.dataset.findFirst({ where: { id: input.datasetId, orgId: ctx.orgId } });
  if (!dataset) throw notFound("Dataset");
  if (dataset.modelVersionId !== version.id) {
    throw invalid(`Dataset “${dataset.name}” belongs to another model version. Upload it to ${version.label} to evaluate it here.`, { path: "datasetId" });
  }
  const plan = await currentPlanVersion(prisma, version.id);
  if (!plan) throw conflict("Write an evaluation plan first: a run checks the plan's checks.");

  const checks: FairnessCheck[] = fairnessChecksOf(plan.checks);
  if (checks.length === 0) {
    throw conflict(`Plan version ${plan.version} has no fairness checks. Add one, or start a safety run for its safety checks.`);
  }
  const unknown = checks.filter((c) => !dataset.sensitiveColumns.includes(c.attribute));
  if (unknown.length > 0) {
    const list = unknown.map((c) => `“${c.id}” (${c.attribute})`).join(", ");
    throw invalid(
      `Plan version ${plan.version} has ${unknown.length === 1 ? "a check" : "checks"} on attributes that are not sensitive columns of dataset “${dataset.name}”: ${list}. ` +
        `Its sensitive columns are ${dataset.sensitiveColumns.join(", ")}.`,
      { path: "datasetId", unknownAttributes: unknown.map((c) => ({ checkId: c.id, attribute: c.attribute })), sensitiveColumns: dataset.sensitiveColumns },
    );
  }

  const config: RunConfig = {
    labelColumn: dataset.labelColumn,
    ...(dataset.predictionColumn ? { predictionColumn: dataset.predictionColumn } : {}),
    positiveValue: dataset.positiveValue,
    sensitiveColumns: dataset.sensitiveColumns,
    ...(dataset.scoreColumn ? { scoreColumn: dataset.scoreColumn } : {}),
    ...(dataset.threshold !== null ? { threshold: dataset.threshold } : {}),
  };
  const run = await mutate(ctx, async (tx, record) => {
    const created = await tx.evaluationRun.create({
      data: {
        orgId: ctx.orgId,
        modelVersionId: version.id,
        datasetId: dataset.id,
        planVersionId: plan.id,
        kind: "fairness",
        status: "queued",
        progress: 0,
        progressNote: "Waiting for a worker",
        datasetSha256: dataset.contentSha256,
        codeVersion: codeVersion(),
        config: config as Prisma.InputJsonValue,
        createdById: ctx.userId,
      },
    });
    // Records which sensitive attributes the run uses, and who started it.
    await record({
      action: "run.started",
      entityType: "EvaluationRun",
      entityId: created.id,
      after: {
        modelVersionId: version.id,
        datasetId: dataset.id,
        datasetSha256: dataset.contentSha256,
        planVersionId: plan.id,
        planVersion: plan.version,
        codeVersion: created.codeVersion,
        config,
      },
    });
    return created;
  });
  await enqueueRun(ctx, run.id, run.id);
  return getRun(ctx, run.id);
}

/** Queues a failed run again; it keeps its dataset, plan version and configuration. */
export async function retryRun(ctx: ServiceContext, runId: string): Promise<RunDetail> {
  await requeueRun(ctx, runId);
  return getRun(ctx, runId);
}

/**
 * Queues a failed run of any kind again. A safety run resumes after the items
 * it had already answered.
 */
export async function requeueRun(ctx: ServiceContext, runId: string): Promise<void> {
  assertCan(ctx, "run.start");
  const run = await prisma.evaluationRun.findFirst({ where: { id: runId, orgId: ctx.orgId }, select: { id: true, status: true, error: true, attempts: true } });
  if (!run) throw notFound("Run");
  if (run.status !== "failed") throw conflict(`Only a failed run can be retried; this one is ${run.status}.`);
  await mutate(ctx, async (tx, record) => {
    const reset = await tx.evaluationRun.updateMany({
      where: { id: run.id, status: "failed" },
      data: { status: "queued", progress: 0, progressNote: "Waiting for a worker", error: null, startedAt: null, finishedAt: null },
    });
    if (reset.count === 0) throw conflict("The run changed while you were retrying it. Reload to see its state.");
    await record({
      action: "run.retried",
      entityType: "EvaluationRun",
      entityId: run.id,
      before: { status: "failed", error: run.error, attempts: run.attempts },
      after: { status: "queued" },
    });
  });
  // A new job id per retry: BullMQ ignores an id it already holds (the failed job stays for inspection).
  // Dashes, not colons: BullMQ reserves ':' in custom job ids.
  await enqueueRun(ctx, run.id, `${run.id}-retry-${run.attempts}`);
}
