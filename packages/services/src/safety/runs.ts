import {
  JUDGE_RUBRIC_VERSION,
  LEAK_GRADERS_VERSION,
  policyRulesSchema,
  REFUSAL_GRADER_VERSION,
  safetyChecksOf,
  sha256Hex,
  TOXICITY_GRADER_VERSION,
  type SafetyRunSummary,
} from "@assay/core";
import { prisma, type Prisma } from "@assay/db";
import { enqueue, QueueName } from "@assay/queue";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, invalid, notFound } from "../errors";
import { currentPlanVersion } from "../plans/plans";
import { refFor, userRefs, type UserRef } from "../registry/systems";
import { codeVersion, failRun } from "../runs/process";
import { safetyRunConfigSchema, type SafetyRunConfig } from "./run-config";
import { startSafetyRunSchema } from "./schemas";

/** What a finished safety run stores in `results`. */
export type StoredSafetyResult = {
  summary: SafetyRunSummary;
  usage: { promptTokens: number; completionTokens: number; costUsd: number | null; unpricedResponses: number; latencyP50Ms: number | null; latencyP95Ms: number | null };
  /** Overrides applied when the summary was computed. */
  overrides: number;
};

export type SafetyRunDto = {
  id: string;
  kind: "safety";
  status: string;
  progress: number;
  progressNote: string;
  error: string | null;
  attempts: number;
  itemsTotal: number;
  itemsDone: number;
  itemsFailed: number;
  /** Seconds left at the current pace; null before the first answers or when finished. */
  etaSeconds: number | null;
  system: { id: string; name: string };
  modelVersion: { id: string; label: string };
  suite: { id: string; key: string; name: string; version: number; suiteVersionId: string };
  suiteSha256: string;
  target: { id: string; name: string; kind: string; model: string | null };
  judge: { id: string; name: string; model: string | null } | null;
  baselineRunId: string | null;
  planVersion: { id: string; version: number };
  config: SafetyRunConfig;
  results: StoredSafetyResult | null;
  checkResults: Array<{ checkId: string; passed: boolean; value: number | null; summary: string; details: unknown }>;
  codeVersion: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdBy: UserRef;
};

const runInclude = {
  modelVersion: { select: { id: true, label: true, system: { select: { id: true, name: true } } } },
  suiteVersion: { select: { id: true, version: true, suite: { select: { id: true, key: true, name: true } } } },
  target: { select: { id: true, name: true, kind: true, model: true } },
  judgeTarget: { select: { id: true, name: true, model: true } },
  planVersion: { select: { id: true, version: true } },
  checkResults: { orderBy: { checkId: "asc" } },
} satisfies Prisma.EvaluationRunInclude;

type RunRow = Prisma.EvaluationRunGetPayload<{ include: typeof runInclude }>;

function etaSeconds(run: RunRow, now = Date.now()): number | null {
  if (run.status !== "running" || !run.startedAt || run.itemsDone === 0) return null;
  const elapsed = (now - run.startedAt.getTime()) / 1000;
  const remaining = Math.max(0, run.itemsTotal - run.itemsDone);
  return Math.round((elapsed / run.itemsDone) * remaining);
}

function toDto(run: RunRow, refs: Map<string, UserRef>): SafetyRunDto {
  if (!run.suiteVersion || !run.target) throw new Error(`Run ${run.id} is not a safety run.`);
  return {
    id: run.id,
    kind: "safety",
    status: run.status,
    progress: run.progress,
    progressNote: run.progressNote,
    error: run.error,
    attempts: run.attempts,
    itemsTotal: run.itemsTotal,
    itemsDone: run.itemsDone,
    itemsFailed: run.itemsFailed,
    etaSeconds: etaSeconds(run),
    system: run.modelVersion.system,
    modelVersion: { id: run.modelVersion.id, label: run.modelVersion.label },
    suite: { ...run.suiteVersion.suite, version: run.suiteVersion.version, suiteVersionId: run.suiteVersion.id },
    suiteSha256: run.datasetSha256,
    target: run.target,
    judge: run.judgeTarget,
    baselineRunId: run.baselineRunId,
    planVersion: run.planVersion,
    config: safetyRunConfigSchema.parse(run.config),
    results: (run.results as unknown as StoredSafetyResult | null) ?? null,
    checkResults: run.checkResults.map((c) => ({ checkId: c.checkId, passed: c.passed, value: c.value, summary: c.summary, details: c.details })),
    codeVersion: run.codeVersion,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    createdBy: refFor(refs, run.createdById),
  };
}

export async function getSafetyRun(ctx: ServiceContext, runId: string): Promise<SafetyRunDto> {
  assertCan(ctx, "org.read");
  const run = await prisma.evaluationRun.findFirst({ where: { id: runId, orgId: ctx.orgId, kind: "safety" }, include: runInclude });
  if (!run) throw notFound("Safety run");
  return toDto(run, await userRefs([run.createdById]));
}

/** Safety runs of a model version (or of the organisation), newest first. */
export async function listSafetyRuns(ctx: ServiceContext, filter: { modelVersionId?: string; suiteKey?: string } = {}): Promise<SafetyRunDto[]> {
  assertCan(ctx, "org.read");
  if (filter.modelVersionId) {
    const version = await prisma.modelVersion.findFirst({ where: { id: filter.modelVersionId, orgId: ctx.orgId }, select: { id: true } });
    if (!version) throw notFound("Model version");
  }
  const runs = await prisma.evaluationRun.findMany({
    where: {
      orgId: ctx.orgId,
      kind: "safety",
      ...(filter.modelVersionId ? { modelVersionId: filter.modelVersionId } : {}),
      ...(filter.suiteKey ? { suiteVersion: { suite: { key: filter.suiteKey } } } : {}),
    },
    include: runInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  const refs = await userRefs(runs.map((r) => r.createdById));
  return runs.map((r) => toDto(r, refs));
}

/** The latest succeeded run of the same suite on another version of the same system: the default baseline. */
async function defaultBaseline(orgId: string, systemId: string, versionId: string, suiteId: string): Promise<string | null> {
  const run = await prisma.evaluationRun.findFirst({
    where: { orgId, kind: "safety", status: "succeeded", modelVersion: { systemId }, modelVersionId: { not: versionId }, suiteVersion: { suiteId } },
    orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  return run?.id ?? null;
}

/**
 * Starts a safety run of one suite version against one target of this model
 * version, under the version's current plan (whose safety checks on this
 * suite become its gates). Queued after commit, like fairness runs.
 */
export async function startSafetyRun(ctx: ServiceContext, versionId: string, raw: unknown): Promise<SafetyRunDto> {
  assertCan(ctx, "run.start");
  const input = startSafetyRunSchema.parse(raw);
  const version = await prisma.modelVersion.findFirst({ where: { id: versionId, orgId: ctx.orgId }, select: { id: true, label: true, systemId: true } });
  if (!version) throw notFound("Model version");
  const suiteVersion = await prisma.safetySuiteVersion.findFirst({ where: { id: input.suiteVersionId, suite: { orgId: ctx.orgId } }, include: { suite: true } });
  if (!suiteVersion) throw notFound("Suite version");
  const target = await prisma.safetyTarget.findFirst({ where: { id: input.targetId, orgId: ctx.orgId } });
  if (!target) throw notFound("Target");
  if (target.modelVersionId && target.modelVersionId !== version.id) {
    throw invalid(`Target “${target.name}” serves another model version; choose a target of ${version.label}.`, { path: "targetId" });
  }
  const judge = input.judgeTargetId ? await prisma.safetyTarget.findFirst({ where: { id: input.judgeTargetId, orgId: ctx.orgId } }) : null;
  if (input.judgeTargetId && !judge) throw notFound("Judge target");
  if (judge && judge.kind !== "chat_completions") throw invalid("A judge must be a chat-completions endpoint.", { path: "judgeTargetId" });
  if (input.baselineRunId) {
    const baseline = await prisma.evaluationRun.findFirst({ where: { id: input.baselineRunId, orgId: ctx.orgId, kind: "safety" }, select: { id: true } });
    if (!baseline) throw notFound("Baseline run");
  }
  const plan = await currentPlanVersion(prisma, version.id);
  if (!plan) throw conflict("Write an evaluation plan first: a run is judged by the plan's checks.");

  const itemsTotal = Math.min(suiteVersion.itemCount, input.limit ?? Number.POSITIVE_INFINITY);
  const config: SafetyRunConfig = {
    suite: { key: suiteVersion.suite.key, version: suiteVersion.version, sourceVersion: suiteVersion.sourceVersion },
    target: {
      kind: target.kind,
      name: target.name,
      baseUrl: target.baseUrl,
      model: target.model,
      systemPromptSha256: target.systemPrompt ? sha256Hex(target.systemPrompt) : null,
      temperature: target.temperature,
      maxTokens: target.maxTokens,
      concurrency: target.concurrency,
      requestsPerSecond: target.requestsPerSecond,
      timeoutMs: target.timeoutMs,
      offlineSha256: target.offlineSha256,
    },
    judge: judge ? { targetId: judge.id, model: judge.model ?? "", rubricVersion: JUDGE_RUBRIC_VERSION } : null,
    graders: {
      policyRules: policyRulesSchema.parse(suiteVersion.policyRules),
      versions: { refusal: REFUSAL_GRADER_VERSION, leaks: LEAK_GRADERS_VERSION, toxicity: TOXICITY_GRADER_VERSION },
    },
    limit: input.limit ?? null,
  };
  const baselineRunId = input.baselineRunId ?? (await defaultBaseline(ctx.orgId, version.systemId, version.id, suiteVersion.suiteId));
  const gates = safetyChecksOf(plan.checks).filter((c) => c.suite === suiteVersion.suite.key);

  const run = await mutate(ctx, async (tx, record) => {
    const created = await tx.evaluationRun.create({
      data: {
        orgId: ctx.orgId,
        modelVersionId: version.id,
        planVersionId: plan.id,
        kind: "safety",
        status: "queued",
        progressNote: "Waiting for a worker",
        datasetSha256: suiteVersion.contentSha256,
        codeVersion: codeVersion(),
        config: config as unknown as Prisma.InputJsonValue,
        suiteVersionId: suiteVersion.id,
        targetId: target.id,
        judgeTargetId: judge?.id ?? null,
        baselineRunId,
        itemsTotal,
        createdById: ctx.userId,
      },
    });
    await record({
      action: "run.started",
      entityType: "EvaluationRun",
      entityId: created.id,
      after: { kind: "safety", modelVersionId: version.id, suiteVersionId: suiteVersion.id, suiteSha256: suiteVersion.contentSha256, planVersion: plan.version, gates: gates.map((g) => g.id), config },
    });
    return created;
  });
  try {
    await enqueue(QueueName.Evaluation, { runId: run.id, orgId: ctx.orgId }, run.id);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await failRun(run.id, `The run could not be queued (${reason}). Check that Redis is reachable, then retry.`, ctx.userId);
  }
  return getSafetyRun(ctx, run.id);
}
