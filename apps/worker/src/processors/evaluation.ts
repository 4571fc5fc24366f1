import { evaluationJobSchema, type EvaluationJob } from "@assay/queue";
import { failRunFromQueue, processEvaluationRun, type EvaluationOutcome } from "@assay/services";
import { UnrecoverableError, type Job } from "bullmq";

/**
 * Thin adapter from a BullMQ job to processEvaluationRun, which owns the
 * idempotency: a redelivered job (after a crash or a stall) reclaims the run,
 * a job for a finished run does nothing.
 */
export async function processEvaluationJob(job: Job<EvaluationJob>): Promise<EvaluationOutcome> {
  const payload = evaluationJobSchema.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`Malformed evaluation job: ${payload.error.message}`);
  const maxAttempts = job.opts.attempts ?? 1;
  // attemptsMade counts the attempts that already failed; this one is the last if no retry is left after it.
  const finalAttempt = job.attemptsMade + 1 >= maxAttempts;
  return processEvaluationRun(payload.data.runId, { orgId: payload.data.orgId, finalAttempt });
}

/**
 * The queue gave up on a job (retries exhausted, or the worker kept dying
 * while holding it). The run must not stay "running" forever.
 */
export async function onEvaluationJobFailed(job: Job<EvaluationJob> | undefined, error: Error): Promise<void> {
  if (!job) return;
  const payload = evaluationJobSchema.safeParse(job.data);
  if (!payload.success) return;
  const retriesLeft = job.attemptsMade < (job.opts.attempts ?? 1);
  if (retriesLeft && !/stalled more than allowable limit/i.test(error.message)) return;
  await failRunFromQueue(payload.data.runId, error.message);
}
