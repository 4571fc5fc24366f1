import { getQueue, governanceSweepJobSchema, QueueName, type createRedis, type GovernanceSweepJob } from "@assay/queue";
import { runGovernanceSweep, SWEEP_KINDS, type GovernanceSweepOutcome } from "@assay/services";
import { UnrecoverableError, Worker, type Job } from "bullmq";
import { workerOptions, type LockOptions } from "./worker-options";

/** The single job scheduler of the sweep; upserting it again (every worker start) keeps one. Ids must not contain ':'. */
export const GOVERNANCE_SWEEP_SCHEDULER_ID = "governance-sweep";
export const DEFAULT_GOVERNANCE_SWEEP_MS = 60_000;

export type GovernanceSweepWorkerOptions = LockOptions & {
  /** Time between sweeps; default ASSAY_GOVERNANCE_SWEEP_MS or one minute. */
  everyMs?: number;
  /** Create (or update) the job scheduler on start (default true). */
  schedule?: boolean;
};

export function governanceSweepEveryMs(options: Pick<GovernanceSweepWorkerOptions, "everyMs"> = {}): number {
  const configured = options.everyMs ?? Number(process.env.ASSAY_GOVERNANCE_SWEEP_MS ?? DEFAULT_GOVERNANCE_SWEEP_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_GOVERNANCE_SWEEP_MS;
}

/** One scheduler tick: expire lapsed exceptions and send due governance notices in every organisation. */
export async function processGovernanceSweepJob(job: Job<GovernanceSweepJob>): Promise<GovernanceSweepOutcome> {
  const payload = governanceSweepJobSchema.safeParse(job.data ?? {});
  if (!payload.success) throw new UnrecoverableError(`Malformed governance-sweep job: ${payload.error.message}`);
  const outcome = await runGovernanceSweep(new Date());
  if (outcome.failures.length > 0) {
    // Fails the tick so it is logged; what did commit stays, and the next tick retries the rest.
    throw new Error(`governance sweep failed in ${outcome.failures.length} organisation(s): ${outcome.failures.map((f) => `${f.orgId}: ${f.error}`).join("; ")}`);
  }
  return outcome;
}

/**
 * Runs on a BullMQ job scheduler: one job every `everyMs`, whichever worker
 * takes it. A failed tick is not retried; the next tick is the retry, and
 * the sweep is idempotent, so overlapping or repeated ticks are harmless.
 */
export async function scheduleGovernanceSweep(everyMs: number): Promise<void> {
  await getQueue(QueueName.GovernanceSweep).upsertJobScheduler(
    GOVERNANCE_SWEEP_SCHEDULER_ID,
    { every: everyMs },
    {
      name: QueueName.GovernanceSweep,
      data: {},
      opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 1000, age: 7 * 24 * 3600 } },
    },
  );
}

/** One sweep worker (concurrency 1) and, unless told otherwise, its scheduler. */
export function startGovernanceSweepWorker(connection: ReturnType<typeof createRedis>, options: GovernanceSweepWorkerOptions, log: (line: string) => void): Worker {
  const worker = new Worker<GovernanceSweepJob, GovernanceSweepOutcome>(QueueName.GovernanceSweep, processGovernanceSweepJob, {
    ...workerOptions(connection, options),
    concurrency: 1,
  });
  worker.on("completed", (_job, outcome) => {
    const sent = SWEEP_KINDS.filter((k) => outcome.notifications[k] > 0 || outcome.deliveries[k] > 0).map((k) => `${k} ${outcome.notifications[k]}/${outcome.deliveries[k]}`);
    if (outcome.exceptionsExpired > 0 || outcome.exceptionsWarned > 0 || sent.length > 0) {
      log(`governance sweep: ${outcome.exceptionsExpired} exception(s) expired, ${outcome.exceptionsWarned} warned; notices (in-app/webhook): ${sent.join(", ") || "none"}`);
    }
  });
  worker.on("failed", (_job, error) => log(`governance sweep failed (the next tick retries): ${error.message}`));
  worker.on("error", (error) => log(`${worker.name} worker error: ${error.message}`));
  if (options.schedule ?? true) {
    const everyMs = governanceSweepEveryMs(options);
    scheduleGovernanceSweep(everyMs).then(
      () => log(`governance sweep: every ${everyMs} ms`),
      (error: unknown) => log(`governance sweep could not be scheduled: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  return worker;
}
