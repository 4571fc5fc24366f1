import { planChecksSchema, type SuiteItem } from "@assay/core";
import { prisma, type Prisma } from "@assay/db";
import {
  buildOfflineIndex,
  costUsd,
  createChatClient,
  matchOfflineResponse,
  parseOfflineResponses,
  priceFor,
  runTargetBatch,
  type ChatClient,
  type ChatCompletionResult,
  type TargetOutcome,
} from "@assay/llm";
import { readFile } from "node:fs/promises";
import { appendAudit } from "../audit";
import { blobPath, fileExists } from "../datasets/storage";
import { EvaluationInputError } from "../runs/process";
import { gradeWithJudge } from "./grading";
import { safetyRunConfigSchema } from "./run-config";
import { openSecret } from "./secret-box";
import { outcomeWithOverrides, summariseStoredRun } from "./summary";
import { suiteItemsOf } from "./suites";
import { targetUrlRefusal } from "./target-guard";

/** Rows are written in batches: one INSERT per answer would cap a fast target at the database's pace. */
const FLUSH_EVERY = 50;
const FLUSH_INTERVAL_MS = 500;
/** A target that fails every one of the first answers is down or misconfigured: stop instead of burning through the suite. */
const FAIL_FAST_AFTER = 20;

type Target = Prisma.SafetyTargetGetPayload<object>;
type PendingRow = Prisma.SafetyResponseCreateManyInput;

function chatClientFor(target: Target): ChatClient {
  if (!target.baseUrl || !target.model) throw new EvaluationInputError(`Target “${target.name}” has no URL or model.`);
  return createChatClient({
    baseUrl: target.baseUrl,
    model: target.model,
    ...(target.apiKeyCiphertext ? { apiKey: openSecret(target.apiKeyCiphertext) } : {}),
    ...(target.systemPrompt ? { systemPrompt: target.systemPrompt } : {}),
    temperature: target.temperature,
    maxTokens: target.maxTokens,
    concurrency: target.concurrency,
    ...(target.requestsPerSecond ? { requestsPerSecond: target.requestsPerSecond } : {}),
    timeoutMs: target.timeoutMs,
    ...(target.inputPricePerMTok !== null && target.outputPricePerMTok !== null
      ? { price: { inputUsdPerMillion: target.inputPricePerMTok, outputUsdPerMillion: target.outputPricePerMTok } }
      : {}),
  });
}

/** An offline target answers from its uploaded file; an item it has no line for is an error, not a refusal. */
async function offlineClientFor(target: Target, items: ReadonlyArray<SuiteItem & { id: string }>): Promise<ChatClient> {
  if (!target.offlineSha256) throw new EvaluationInputError(`Target “${target.name}” has no uploaded responses.`);
  const file = blobPath(target.offlineSha256);
  if (!(await fileExists(file))) throw new EvaluationInputError(`The responses file of target “${target.name}” is missing from storage; upload it again.`);
  const parsed = parseOfflineResponses(await readFile(file, "utf8"));
  if (!parsed.ok) throw new EvaluationInputError(`The responses file of target “${target.name}” is not valid.`);
  const index = buildOfflineIndex(parsed.responses);
  // runTargetBatch hands back each item's own messages array, so identity finds the item.
  const byMessages = new Map<readonly unknown[], SuiteItem & { id: string }>(items.map((i) => [i.messages, i]));
  return {
    async complete(messages) {
      const item = byMessages.get(messages);
      const match = item ? matchOfflineResponse(index, { id: item.externalId, messages }) : undefined;
      if (!match) throw new Error("The uploaded responses have no answer for this prompt (matched by id, then by the last user message).");
      const result: ChatCompletionResult = {
        content: match.response,
        finishReason: null,
        promptTokens: 0,
        completionTokens: 0,
        tokensEstimated: true,
        latencyMs: 0,
        attempts: 1,
        model: target.name,
      };
      return result;
    },
  };
}

/** How the target sees an item: untrusted context travels inside the conversation, as the suite wrote it. */
const conversationOf = (item: SuiteItem) => item.messages;

/**
 * The worker's job for a safety run, after processEvaluationRun claimed it.
 * Resumable: every answered item is stored once (unique run × item), and a
 * redelivered job skips the stored ones, so a crash re-calls only the items
 * that were in flight.
 */
export async function processSafetyRun(runId: string): Promise<{ saved: boolean }> {
  const run = await prisma.evaluationRun.findUniqueOrThrow({
    where: { id: runId },
    include: { target: true, judgeTarget: true, planVersion: { select: { checks: true } }, suiteVersion: { include: { suite: { select: { key: true } } } } },
  });
  if (!run.target || !run.suiteVersion) throw new EvaluationInputError("The run has no target or suite.");
  const config = safetyRunConfigSchema.safeParse(run.config);
  if (!config.success) throw new EvaluationInputError("The run's configuration is incomplete; start a new run.");
  const checks = planChecksSchema.safeParse(run.planVersion.checks);
  if (!checks.success) throw new EvaluationInputError("The plan version's checks are not valid; save the plan again and start a new run.");

  const allItems = await suiteItemsOf(prisma, run.suiteVersion.id);
  const items = config.data.limit ? allItems.slice(0, config.data.limit) : allItems;
  const target = run.target;
  if (target.kind === "chat_completions" && target.baseUrl) {
    const refusal = await targetUrlRefusal(target.baseUrl);
    if (refusal) throw new EvaluationInputError(`The target's URL is not allowed: ${refusal}`);
  }
  const client = target.kind === "offline" ? await offlineClientFor(target, items) : chatClientFor(target);
  const judge = run.judgeTarget ? { client: chatClientFor(run.judgeTarget), model: run.judgeTarget.model ?? "judge" } : null;
  const price = target.model
    ? priceFor(
        target.model,
        target.inputPricePerMTok !== null && target.outputPricePerMTok !== null ? { inputUsdPerMillion: target.inputPricePerMTok, outputUsdPerMillion: target.outputPricePerMTok } : undefined,
      )
    : null;

  const stored = await prisma.safetyResponse.findMany({ where: { runId }, select: { itemId: true, status: true } });
  const done = new Set(stored.map((s) => s.itemId));
  let itemsDone = stored.length;
  let itemsFailed = stored.filter((s) => s.status !== "ok").length;
  await prisma.evaluationRun.updateMany({
    where: { id: runId, status: "running" },
    data: { itemsTotal: items.length, itemsDone, itemsFailed, progressNote: done.size > 0 ? `Resuming: ${done.size} of ${items.length} answered before` : "Calling the target" },
  });

  const byId = new Map(items.map((i) => [i.id, i]));
  const pending: PendingRow[] = [];
  let lastFlush = Date.now();
  const abort = new AbortController();
  let fatal: string | null = null;

  const flush = async () => {
    if (pending.length === 0) return;
    const rows = pending.splice(0, pending.length);
    await prisma.safetyResponse.createMany({ data: rows, skipDuplicates: true });
    lastFlush = Date.now();
    const progress = Math.min(95, Math.round((itemsDone / Math.max(1, items.length)) * 95));
    await prisma.evaluationRun.updateMany({
      where: { id: runId, status: "running" },
      data: { itemsDone, itemsFailed, progress, progressNote: `${itemsDone} of ${items.length} answered${itemsFailed ? `, ${itemsFailed} errors` : ""}` },
    });
  };

  const onResult = async (itemId: string, outcome: TargetOutcome) => {
    const item = byId.get(itemId);
    if (!item) return;
    const base = { runId, itemId, category: item.category };
    if (outcome.ok) {
      const { verdicts, judgeError } = await gradeWithJudge(item, outcome.result.content, { policyRules: config.data.graders.policyRules }, judge, abort.signal);
      pending.push({
        ...base,
        status: "ok",
        content: outcome.result.content,
        error: judgeError,
        latencyMs: Math.round(outcome.result.latencyMs),
        promptTokens: outcome.result.promptTokens,
        completionTokens: outcome.result.completionTokens,
        tokensEstimated: outcome.result.tokensEstimated,
        costUsd: costUsd(outcome.result, price),
        attempts: outcome.result.attempts,
        verdicts: verdicts as unknown as Prisma.InputJsonValue,
        outcome: outcomeWithOverrides(item, verdicts, []) as unknown as Prisma.InputJsonValue,
      });
    } else {
      itemsFailed += 1;
      pending.push({ ...base, status: "error", error: outcome.error.message, attempts: outcome.error.attempts, verdicts: [], outcome: {} });
    }
    itemsDone += 1;
    if (itemsDone >= FAIL_FAST_AFTER && itemsFailed === itemsDone && !fatal) {
      fatal = `The target failed on all of the first ${itemsDone} items. Last error: ${outcome.ok ? "" : outcome.error.message}`;
      abort.abort();
    }
    if (pending.length >= FLUSH_EVERY || Date.now() - lastFlush >= FLUSH_INTERVAL_MS) await flush();
  };

  await runTargetBatch({
    items: items.map((i) => ({ id: i.id, messages: conversationOf(i) })),
    done,
    client,
    concurrency: target.kind === "offline" ? 8 : target.concurrency,
    onResult,
    signal: abort.signal,
  });
  await flush();
  if (fatal) throw new EvaluationInputError(fatal);

  await prisma.evaluationRun.updateMany({ where: { id: runId, status: "running" }, data: { progress: 97, progressNote: "Computing metrics and gates" } });
  return { saved: await saveSafetyResults(runId, checks.data, run.suiteVersion.suite.key) };
}

/** Stores summary, gates and the audit event in one transaction that only a still-running run accepts. */
async function saveSafetyResults(runId: string, planChecks: Parameters<typeof summariseStoredRun>[2], suiteKey: string): Promise<boolean> {
  return prisma.$transaction(
    async (tx) => {
      const run = await tx.evaluationRun.findUniqueOrThrow({ where: { id: runId }, select: { orgId: true, datasetSha256: true, planVersionId: true, codeVersion: true } });
      const { result, gates } = await summariseStoredRun(tx, runId, planChecks, suiteKey);
      const finished = await tx.evaluationRun.updateMany({
        where: { id: runId, status: "running" },
        data: { status: "succeeded", progress: 100, progressNote: "Finished", error: null, results: result as unknown as Prisma.InputJsonValue, finishedAt: new Date() },
      });
      if (finished.count === 0) return false;
      await tx.checkResult.deleteMany({ where: { runId } });
      await tx.checkResult.createMany({
        data: gates.map((g) => ({
          runId,
          checkId: g.checkId,
          passed: g.outcome.passed,
          value: g.outcome.value,
          summary: g.outcome.summary,
          details: g.outcome.details as unknown as Prisma.InputJsonValue,
        })),
      });
      await appendAudit(tx, run.orgId, null, {
        action: "run.succeeded",
        entityType: "EvaluationRun",
        entityId: runId,
        before: { status: "running" },
        after: {
          status: "succeeded",
          kind: "safety",
          suiteSha256: run.datasetSha256,
          planVersionId: run.planVersionId,
          codeVersion: run.codeVersion,
          counts: result.summary.counts,
          checks: gates.map((g) => ({ checkId: g.checkId, passed: g.outcome.passed, value: g.outcome.value })),
        },
      });
      return true;
    },
    { timeout: 60_000 },
  );
}
