import { Queue, type ConnectionOptions, type JobsOptions } from "bullmq";
import { Redis } from "ioredis";
import { z } from "zod";

/**
 * Queue names and job payloads, defined once and imported by both the web app
 * (producer) and the worker (consumer).
 */
export const QueueName = {
  Evaluation: "evaluation",
  MonitorWindow: "monitor-window",
  MonitorSchedule: "monitor-schedule",
  AlertEvaluation: "alert-evaluation",
  WebhookDelivery: "webhook-delivery",
  GovernanceSweep: "governance-sweep",
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const evaluationJobSchema = z.object({
  runId: z.string().min(1),
  orgId: z.string().min(1),
});
export type EvaluationJob = z.infer<typeof evaluationJobSchema>;

/** Window starts travel as ISO-8601 UTC strings; the monitor's cadence decides which starts are valid. */
const windowStartSchema = z.iso.datetime();

export const monitorWindowJobSchema = z.object({
  orgId: z.string().min(1),
  monitorId: z.string().min(1),
  windowStart: windowStartSchema,
});
export type MonitorWindowJob = z.infer<typeof monitorWindowJobSchema>;

/** One tick of a monitor's job scheduler: enqueue every closed window not evaluated yet. */
export const monitorScheduleJobSchema = z.object({
  orgId: z.string().min(1),
  monitorId: z.string().min(1),
});
export type MonitorScheduleJob = z.infer<typeof monitorScheduleJobSchema>;

/** Produced after a window's results commit; evaluates the monitor's alert rules on that window. */
export const alertEvaluationJobSchema = z.object({
  orgId: z.string().min(1),
  monitorId: z.string().min(1),
  windowStart: windowStartSchema,
});
export type AlertEvaluationJob = z.infer<typeof alertEvaluationJobSchema>;

/**
 * BullMQ refuses custom job ids with ':' (they look like repeatable-job keys),
 * and an ISO timestamp has two; the compact form 20240101T000000Z keeps ids
 * readable, sortable and one per window.
 */
const compactInstant = (windowStart: Date | string) => new Date(windowStart).toISOString().replace(/[-:]|\.\d{3}/g, "");

export const monitorWindowJobId = (monitorId: string, windowStart: Date | string) => `window-${monitorId}-${compactInstant(windowStart)}`;
export const alertEvaluationJobId = (monitorId: string, windowStart: Date | string) => `alerts-${monitorId}-${compactInstant(windowStart)}`;

/** One notification to one endpoint; the job id is the WebhookDelivery id. */
export const webhookDeliveryJobSchema = z.object({
  orgId: z.string().min(1),
  deliveryId: z.string().min(1),
});
export type WebhookDeliveryJob = z.infer<typeof webhookDeliveryJobSchema>;

/** One tick of the governance sweep's job scheduler: expire exceptions and send due notices in every organisation. */
export const governanceSweepJobSchema = z.object({});
export type GovernanceSweepJob = z.infer<typeof governanceSweepJobSchema>;

export const JOB_SCHEMAS = {
  [QueueName.Evaluation]: evaluationJobSchema,
  [QueueName.MonitorWindow]: monitorWindowJobSchema,
  [QueueName.MonitorSchedule]: monitorScheduleJobSchema,
  [QueueName.AlertEvaluation]: alertEvaluationJobSchema,
  [QueueName.WebhookDelivery]: webhookDeliveryJobSchema,
  [QueueName.GovernanceSweep]: governanceSweepJobSchema,
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

/** The name of the webhook retry schedule; the worker that delivers webhooks defines its delays. */
export const WEBHOOK_BACKOFF = "webhook";

/**
 * Queues whose jobs retry differently. A receiver that is down for a few
 * minutes still gets its notification: six attempts, spaced by the worker's
 * exponential webhook schedule.
 */
export const QUEUE_JOB_OPTIONS: Partial<Record<QueueName, JobsOptions>> = {
  [QueueName.WebhookDelivery]: { attempts: 6, backoff: { type: WEBHOOK_BACKOFF } },
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
      defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, ...QUEUE_JOB_OPTIONS[name] },
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
