import { Queue, type ConnectionOptions, type JobsOptions } from "bullmq";
import { Redis } from "ioredis";
import { z } from "zod";

/**
 * Queue names and job payloads, defined once and imported by both the web app
 * (producer) and the worker (consumer).
 */
export const QueueName = {
  Evaluation: "evaluation",
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const evaluationJobSchema = z.object({
  runId: z.string().min(1),
  orgId: z.string().min(1),
});
export type EvaluationJob = z.infer<typeof evaluationJobSchema>;

export const JOB_SCHEMAS = {
  [QueueName.Evaluation]: evaluationJobSchema,
} as const satisfies Record<QueueName, z.ZodType>;

export type JobPayload<Q extends QueueName> = z.infer<(typeof JOB_SCHEMAS)[Q]>;

export function redisUrl(): string {
  return process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}

/** BullMQ needs maxRetriesPerRequest: null on connections used by workers. */
export function createRedis(): Redis {
  return new Redis(redisUrl(), { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export function queuePrefix(): string {
  return process.env.ASSAY_QUEUE_PREFIX ?? "assay";
}

/**
 * Retries survive worker crashes: a job whose worker dies is detected as
 * stalled and handed to another worker; processors are idempotent.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: "exponential", delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

const queues = new Map<QueueName, Queue>();
let sharedConnection: Redis | undefined;

export function getQueue<Q extends QueueName>(name: Q): Queue {
  let queue = queues.get(name);
  if (!queue) {
    sharedConnection ??= createRedis();
    queue = new Queue(name, {
      connection: sharedConnection as unknown as ConnectionOptions,
      prefix: queuePrefix(),
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    queues.set(name, queue);
  }
  return queue;
}

/**
 * Validates the payload against the queue's schema before it leaves the
 * process. `jobId` makes enqueueing idempotent: the same id is never queued twice.
 */
export async function enqueue<Q extends QueueName>(name: Q, payload: JobPayload<Q>, jobId: string): Promise<void> {
  const data = JOB_SCHEMAS[name].parse(payload);
  await getQueue(name).add(name, data, { jobId });
}

export async function closeQueues(): Promise<void> {
  await Promise.all([...queues.values()].map((q) => q.close()));
  queues.clear();
  if (sharedConnection) {
    sharedConnection.disconnect();
    sharedConnection = undefined;
  }
}
