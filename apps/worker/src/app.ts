import { createRedis, QueueName, type EvaluationJob } from "@assay/queue";
import type { EvaluationOutcome } from "@assay/services";
import { Worker } from "bullmq";
import { onEvaluationJobFailed, processEvaluationJob } from "./processors/evaluation";
import { startAlertWorkers, type AlertWorkerOptions } from "./processors/alert-workers";
import { startGovernanceSweepWorker, type GovernanceSweepWorkerOptions } from "./processors/governance-sweep";
import { startMonitorWorkers, type MonitorWorkerOptions } from "./processors/monitor-workers";
import { workerOptions, type LockOptions } from "./processors/worker-options";

export type WorkerOptions = LockOptions & {
  concurrency?: number;
  log?: (line: string) => void;
  /** Alert evaluation and webhook delivery (retry delays, concurrency). */
  alerts?: AlertWorkerOptions;
  /** Monitor window evaluation and scheduler ticks. */
  monitors?: MonitorWorkerOptions;
  /** The scheduled governance sweep (exception expiry, due notices). */
  governance?: GovernanceSweepWorkerOptions;
};

export type RunningWorker = { worker: Worker; close: () => Promise<void> };

/**
 * Starts the evaluation worker. Any number of these may run, in one process
 * or on many hosts, against the same Redis and Postgres.
 */
export function startWorker(options: WorkerOptions = {}): RunningWorker {
  const log = options.log ?? ((line: string) => console.log(line));
  const connection = createRedis();
  const worker = new Worker<EvaluationJob, EvaluationOutcome>(QueueName.Evaluation, processEvaluationJob, {
    ...workerOptions(connection, options),
    concurrency: options.concurrency ?? Number(process.env.ASSAY_WORKER_CONCURRENCY ?? 2),
  });
  worker.on("completed", (job, outcome) => log(`evaluation ${job.data.runId}: ${outcome.status}`));
  worker.on("failed", (job, error) => {
    log(`evaluation ${job?.data.runId ?? "?"}: attempt failed: ${error.message}`);
    onEvaluationJobFailed(job, error).catch((e: unknown) => log(`could not record the failure: ${String(e)}`));
  });
  worker.on("error", (error) => log(`worker error: ${error.message}`));
  const monitorWorkers = startMonitorWorkers(connection, { lockDurationMs: options.lockDurationMs, stalledIntervalMs: options.stalledIntervalMs, ...options.monitors }, log);
  const alertWorkers = startAlertWorkers(connection, { lockDurationMs: options.lockDurationMs, stalledIntervalMs: options.stalledIntervalMs, ...options.alerts }, log);
  const governanceWorker = startGovernanceSweepWorker(connection, { lockDurationMs: options.lockDurationMs, stalledIntervalMs: options.stalledIntervalMs, ...options.governance }, log);
  return {
    worker,
    close: async () => {
      await Promise.all([worker.close(), ...alertWorkers.map((w) => w.close()), ...monitorWorkers.map((w) => w.close()), governanceWorker.close()]);
      connection.disconnect();
    },
  };
}
