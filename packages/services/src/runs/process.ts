import {
  analyseFairness,
  computeFairness,
  groupScoreMetrics,
  fairnessChecksOf,
  planChecksSchema,
  thresholdSweep,
  type CheckOutcome,
  type FairnessAnalysis,
  type FairnessCheck,
  type FairnessResult,
  type GroupScoreMetrics,
  type GroupThresholdSweep,
} from "@assay/core";
import { prisma, type Prisma } from "@assay/db";
import { aggregateConfusionCounts, aggregateScoreHistograms } from "@assay/tabular";
import { z } from "zod";
import { appendAudit } from "../audit";
import { describeCsvError, describeParquetError } from "../datasets/inspect";
import type { DatasetColumn } from "../datasets/schemas";
import { blobPath, fileExists } from "../datasets/storage";
import { processSafetyRun } from "../safety/process";
import { riskTierForRun } from "./tier";

/**
 * How a run reads its dataset, frozen when the run starts. The predictions
 * come from `predictionColumn`, or, when `threshold` is set, from the score:
 * a row is predicted positive when its score is >= threshold.
 */
export const runConfigSchema = z
  .object({
    labelColumn: z.string().min(1),
    predictionColumn: z.string().min(1).optional(),
    positiveValue: z.string().min(1),
    sensitiveColumns: z.array(z.string().min(1)).min(1),
    scoreColumn: z.string().min(1).optional(),
    threshold: z.number().min(0).max(1).optional(),
  })
  .refine((c) => c.predictionColumn !== undefined || (c.scoreColumn !== undefined && c.threshold !== undefined), {
    message: "A run needs a prediction column, or a score column and a threshold.",
  });
export type RunConfig = z.infer<typeof runConfigSchema>;

/** Score metrics and the threshold sweep of one sensitive attribute's groups. */
export type AttributeScoreResult = { attribute: string; groups: GroupScoreMetrics[]; thresholdSweep: GroupThresholdSweep[] };

/**
 * What a fairness run stores: the plan's checks and per-group rates, plus the
 * statistician's analysis, plus score metrics when the dataset has a score
 * column (absent otherwise, and in runs stored before scores existed).
 */
export type StoredFairnessResult = FairnessResult & { analysis: FairnessAnalysis; scores?: AttributeScoreResult[] };

/**
 * Fine bins of the score histograms. Every two-decimal score and every default
 * threshold falls on an edge, so the sweep is exact and only the AUC is bounded.
 */
export const SCORE_HISTOGRAM_BINS = 1000;

/** Recorded with every result, so anyone can recompute the same intervals. */
export const BOOTSTRAP_RESAMPLES = 1000;
export const BOOTSTRAP_SEED = 20_240_101;

/** Reference groups the plan names, per attribute; the analysis compares against them. */
function referenceGroupsOf(checks: readonly FairnessCheck[], attributes: ReadonlyArray<{ attribute: string; groups: ReadonlyArray<{ group: string }> }>) {
  const out: Record<string, string> = {};
  for (const c of checks) {
    const present = attributes.find((a) => a.attribute === c.attribute)?.groups.some((g) => g.group === c.referenceGroup);
    if (c.referenceGroup && present && !(c.attribute in out)) out[c.attribute] = c.referenceGroup;
  }
  return out;
}

/** The code that computes results; set per deployment (the web app sets it from git at build time). */
export function codeVersion(): string {
  return process.env.ASSAY_CODE_VERSION ?? "dev";
}

/**
 * A problem with a run's inputs (missing file, unreadable data, counts that
 * do not add up). Retrying cannot fix it, so the run fails at once.
 */
export class EvaluationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvaluationInputError";
  }
}

export type EvaluationOutcome =
  | { status: "succeeded" }
  | { status: "failed"; error: string }
  /** Nothing done: the run is finished already, or does not exist. */
  | { status: "skipped"; reason: string };

export type ProcessOptions = {
  /** When given, the run must belong to this organisation (the job payload's claim). */
  orgId?: string;
  /**
   * False while the queue will retry the job: a transient error is rethrown
   * for the queue to retry. On the final attempt any error fails the run.
   */
  finalAttempt?: boolean;
};

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function setProgress(runId: string, progress: number, progressNote: string): Promise<void> {
  // Conditional, so a slow worker can never move a finished run backwards.
  await prisma.evaluationRun.updateMany({ where: { id: runId, status: "running" }, data: { progress, progressNote } });
}

/** The number a check is judged on: the worst group's ratio or difference, per the band's type. */
export function checkValue(outcome: CheckOutcome): number | null {
  if (!outcome.worst) return null;
  return outcome.band.type === "ratio" ? outcome.worst.ratio : outcome.worst.difference;
}

/**
 * Marks a queued or running run failed, with an audit event, in one
 * transaction. Returns false when the run had already finished (another
 * worker got there first), so callers can call it without coordinating.
 */
export async function failRun(runId: string, message: string, actorId: string | null = null): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const run = await tx.evaluationRun.findUnique({ where: { id: runId }, select: { orgId: true, status: true, attempts: true } });
    if (!run) return false;
    const updated = await tx.evaluationRun.updateMany({
      where: { id: runId, status: { in: ["queued", "running"] } },
      data: { status: "failed", error: message, progressNote: "Failed", finishedAt: new Date() },
    });
    if (updated.count === 0) return false;
    await appendAudit(tx, run.orgId, actorId, {
      action: "run.failed",
      entityType: "EvaluationRun",
      entityId: runId,
      before: { status: run.status },
      after: { status: "failed", error: message, attempts: run.attempts },
    });
    return true;
  });
}

/**
 * Called when the queue gives up on a job for reasons the processor never
 * saw (a worker that kept dying mid-job). A no-op when the run is finished.
 */
export async function failRunFromQueue(runId: string, failedReason: string): Promise<boolean> {
  const message = /stalled more than allowable limit/i.test(failedReason)
    ? "The worker processing this run stopped responding (it may have crashed or run out of memory) too many times. Retry the run; if it fails again, check the worker's logs."
    : `The evaluation job failed: ${failedReason}`;
  return failRun(runId, message);
}

/** Stores results, check results and the audit event in one transaction; false if another worker finished first. */
async function saveResults(
  run: { id: string; orgId: string; datasetSha256: string; planVersionId: string },
  sensitiveColumns: readonly string[],
  result: StoredFairnessResult,
): Promise<boolean> {
  const version = codeVersion();
  return prisma.$transaction(async (tx) => {
    // Row-locks the run: a concurrent finisher waits here, then matches nothing.
    const done = await tx.evaluationRun.updateMany({
      where: { id: run.id, status: "running" },
      data: {
        status: "succeeded",
        progress: 100,
        progressNote: "Finished",
        error: null,
        results: result as unknown as Prisma.InputJsonValue,
        codeVersion: version,
        finishedAt: new Date(),
      },
    });
    if (done.count === 0) return false;
    await tx.checkResult.deleteMany({ where: { runId: run.id } });
    await tx.checkResult.createMany({
      data: result.checks.map((c) => ({
        runId: run.id,
        checkId: c.checkId,
        passed: c.passed,
        value: checkValue(c),
        summary: c.summary,
        details: c as unknown as Prisma.InputJsonValue,
      })),
    });
    await appendAudit(tx, run.orgId, null, {
      action: "run.succeeded",
      entityType: "EvaluationRun",
      entityId: run.id,
      before: { status: "running" },
      after: {
        status: "succeeded",
        datasetSha256: run.datasetSha256,
        planVersionId: run.planVersionId,
        codeVersion: version,
        rowCount: result.rowCount,
        sensitiveAttributes: sensitiveColumns,
        analysedAttributes: result.attributes.map((a) => a.attribute),
        checks: result.checks.map((c) => ({ checkId: c.checkId, passed: c.passed, value: checkValue(c) })),
      },
    });
    return true;
  });
}

/**
 * Computes a fairness run; the worker's whole job. Safe to call any number of
 * times for the same run, concurrently included:
 * - the run is claimed atomically (queued or running → running), so a job
 *   redelivered after a worker crash picks the run up again, while a job for
 *   a finished run does nothing;
 * - results, check results and the audit event commit in one transaction
 *   that only a still-running run accepts, so exactly one computation lands.
 */
export async function processEvaluationRun(runId: string, options: ProcessOptions = {}): Promise<EvaluationOutcome> {
  const finalAttempt = options.finalAttempt ?? true;
  const claimed = await prisma.evaluationRun.updateMany({
    where: { id: runId, status: { in: ["queued", "running"] }, ...(options.orgId ? { orgId: options.orgId } : {}) },
    data: { status: "running", attempts: { increment: 1 }, progress: 10, progressNote: "Starting", error: null, startedAt: new Date() },
  });
  if (claimed.count === 0) {
    const existing = await prisma.evaluationRun.findUnique({ where: { id: runId }, select: { status: true, orgId: true } });
    if (!existing || (options.orgId && existing.orgId !== options.orgId)) return { status: "skipped", reason: "No such run." };
    return { status: "skipped", reason: `The run has already ${existing.status}.` };
  }

  try {
    const { kind } = await prisma.evaluationRun.findUniqueOrThrow({ where: { id: runId }, select: { kind: true } });
    if (kind === "safety") {
      const { saved } = await processSafetyRun(runId);
      return saved ? { status: "succeeded" } : { status: "skipped", reason: "Another worker finished the run first." };
    }
    const run = await prisma.evaluationRun.findUniqueOrThrow({
      where: { id: runId },
      include: { dataset: { select: { format: true, columns: true, rowCount: true, sizeBytes: true } }, planVersion: { select: { checks: true } } },
    });
    const config = runConfigSchema.safeParse(run.config);
    if (!config.success) throw new EvaluationInputError("The run's configuration is incomplete; start a new run.");
    const checks = planChecksSchema.safeParse(run.planVersion.checks);
    if (!checks.success) throw new EvaluationInputError("The plan version's checks are not valid; save the plan again and start a new run.");
    if (run.kind !== "fairness" || !run.dataset) throw new EvaluationInputError("Not a fairness run.");
    const dataset = run.dataset;
    const fairnessChecks = fairnessChecksOf(checks.data);
    const format = dataset.format;
    if (format !== "csv" && format !== "parquet") throw new EvaluationInputError(`Datasets in ${format} format cannot be evaluated.`);

    const file = blobPath(run.datasetSha256);
    if (!(await fileExists(file))) {
      throw new EvaluationInputError(`The dataset file (SHA-256 ${run.datasetSha256.slice(0, 12)}…) is missing from storage. Upload the dataset again.`);
    }
    const columns = (dataset.columns as DatasetColumn[]).map((c) => c.name);
    const { predictionColumn, scoreColumn, threshold } = config.data;
    // Upload never stores both a prediction column and a threshold; the schema's refinement ensures one of them.
    const predictions =
      threshold !== undefined && scoreColumn !== undefined
        ? { predictionColumn: scoreColumn, scoreThreshold: threshold }
        : predictionColumn !== undefined
          ? { predictionColumn }
          : null;
    if (!predictions) throw new EvaluationInputError("The run's configuration is incomplete; start a new run.");
    let counts;
    try {
      // With two or more sensitive columns, their intersection is analysed too (e.g. race × sex).
      counts = await aggregateConfusionCounts(file, { format, columns, ...config.data, ...predictions, intersectional: config.data.sensitiveColumns.length > 1 });
    } catch (error) {
      const problem = format === "csv" ? describeCsvError(error) : describeParquetError(error);
      throw new EvaluationInputError(problem ? `The dataset file could not be read: ${problem.message}` : `The dataset file could not be aggregated: ${errorText(error)}`);
    }
    if (counts.rowCount !== dataset.rowCount) {
      throw new EvaluationInputError(
        `The dataset file has ${counts.rowCount.toLocaleString("en-US")} rows, but ${dataset.rowCount.toLocaleString("en-US")} were counted at upload.`,
      );
    }

    let histograms: Awaited<ReturnType<typeof aggregateScoreHistograms>> | undefined;
    if (scoreColumn) {
      await setProgress(runId, 40, "Reading the scores");
      try {
        histograms = await aggregateScoreHistograms(file, { format, columns, ...config.data, scoreColumn, binCount: SCORE_HISTOGRAM_BINS });
      } catch (error) {
        // Upload validated the scores, so a failure here means the file or its reading changed: retrying will not help.
        const problem = format === "csv" ? describeCsvError(error) : describeParquetError(error);
        throw new EvaluationInputError(problem ? `The dataset file could not be read: ${problem.message}` : `The scores could not be aggregated: ${errorText(error)}`);
      }
    }

    await setProgress(runId, 60, "Computing per-group rates and checks");
    let result: StoredFairnessResult;
    try {
      const attributes = counts.intersection ? [...counts.attributes, counts.intersection] : counts.attributes;
      const fairness = computeFairness({ rowCount: counts.rowCount, positiveValue: config.data.positiveValue, attributes, checks: fairnessChecks, riskTier: await riskTierForRun(runId) });
      const analysis = analyseFairness(attributes, { referenceGroups: referenceGroupsOf(fairnessChecks, attributes), resamples: BOOTSTRAP_RESAMPLES, seed: BOOTSTRAP_SEED });
      result = { ...fairness, analysis };
    } catch (error) {
      throw new EvaluationInputError(`The fairness metrics could not be computed: ${errorText(error)}`);
    }
    if (histograms) {
      try {
        result.scores = histograms.map(({ attribute, groups }) => ({ attribute, groups: groupScoreMetrics(groups), thresholdSweep: thresholdSweep(groups) }));
      } catch (error) {
        throw new EvaluationInputError(`The score metrics could not be computed: ${errorText(error)}`);
      }
    }

    await setProgress(runId, 90, "Saving results");
    const saved = await saveResults(run, config.data.sensitiveColumns, result);
    return saved ? { status: "succeeded" } : { status: "skipped", reason: "Another worker finished the run first." };
  } catch (error) {
    const permanent = error instanceof EvaluationInputError;
    if (!permanent && !finalAttempt) {
      // Let the queue retry; tell whoever watches the run why it is taking longer.
      await setProgress(runId, 10, `Attempt failed (${errorText(error)}); retrying`).catch(() => undefined);
      throw error;
    }
    const message = permanent ? error.message : `The run failed: ${errorText(error)}`;
    await failRun(runId, message);
    return { status: "failed", error: message };
  }
}
