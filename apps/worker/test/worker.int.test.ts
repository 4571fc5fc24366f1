import { prisma } from "@assay/db";
import { closeQueues, getQueue, QueueName } from "@assay/queue";
import { createModelVersion, savePlanVersion, startRun, uploadDataset, type ServiceContext } from "@assay/services";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, createTestSystem } from "../../../packages/services/test/fixtures";
import { startWorker, type RunningWorker } from "../src/app";
import { waitFor as waitUntil } from "./wait-for";

/**
 * The evaluation worker against real Redis and Postgres: BullMQ delivers the
 * job that startRun queues, a worker killed while it holds a job loses it to
 * another worker, and the run is computed exactly once either way.
 */

// A queue of this file's own: no leftover jobs from other suites, nothing left behind in Redis.
const previousPrefix = process.env.ASSAY_QUEUE_PREFIX;
process.env.ASSAY_QUEUE_PREFIX = `assay-test-worker-${randomUUID().slice(0, 8)}`;

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CRASH_WORKER = fileURLToPath(new URL("./crash-worker.ts", import.meta.url));

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;
let org: TestOrg;
let systemId: string;
let versionCounter = 0;
const workers: RunningWorker[] = [];
const children: ChildProcess[] = [];
const logLines: string[] = [];

beforeAll(async () => {
  org = await createTestOrg("worker");
  const system = await createTestSystem(org.scientist, { name: "Claims triage model", purpose: "Routes insurance claims.", intendedUse: "Prioritising the claims queue.", riskTier: "medium" });
  systemId = system.id;
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

afterAll(async () => {
  await getQueue(QueueName.Evaluation).obliterate({ force: true });
  await closeQueues();
  process.env.ASSAY_QUEUE_PREFIX = previousPrefix;
  await prisma.$disconnect();
});

const CSV = ["label,prediction,sex", "1,1,F", "0,1,F", "0,0,F", "1,0,F", "1,1,M", "0,1,M", "0,0,M", "1,1,M"].join("\n");
const CHECKS = [{ id: "fpr-sex", kind: "fairness", metric: "fpr", attribute: "sex", band: { type: "ratio", min: 0.8, max: 1.25 }, referenceGroup: "M" }];

/** A queued run: new model version, dataset and plan, then startRun (which enqueues the job). */
async function queuedRun(ctx: ServiceContext = org.scientist) {
  versionCounter += 1;
  const version = await createModelVersion(ctx, systemId, { label: `w${versionCounter}`, modelType: "classifier", provider: "in-house" });
  const dataset = await uploadDataset(ctx, version.id, {
    fields: { mapping: JSON.stringify({ labelColumn: "label", predictionColumn: "prediction", positiveValue: "1", sensitiveColumns: ["sex"] }) },
    fileStream: Readable.from([Buffer.from(CSV)]),
    fileName: "claims.csv",
  });
  await savePlanVersion(ctx, version.id, { checks: CHECKS });
  return startRun(ctx, version.id, { datasetId: dataset.id });
}

/**
 * An in-process worker. Every worker of this file uses short lock and stall
 * intervals: BullMQ runs one stall check per queue per interval, shared by all
 * workers, so a single worker with the default 30 s would delay the takeover.
 */
function worker() {
  const running = startWorker({ concurrency: 1, lockDurationMs: 2000, stalledIntervalMs: 1000, log: (line) => logLines.push(line) });
  workers.push(running);
  return running;
}

const waitFor = <T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000) =>
  waitUntil(what, probe, { timeoutMs });

const runRow = (runId: string) => prisma.evaluationRun.findUniqueOrThrow({ where: { id: runId }, include: { checkResults: true } });
const finished = (runId: string) => waitFor(`run ${runId} to finish`, async () => {
  const run = await runRow(runId);
  return run.status === "succeeded" || run.status === "failed" ? run : null;
});
/** The job once it has reached `state`, read after the state so its fields match it. */
const jobIn = (state: "completed" | "failed", jobId: string) =>
  waitFor(`job ${jobId} to be ${state}`, async () => {
    const queue = getQueue(QueueName.Evaluation);
    return (await queue.getJobState(jobId)) === state ? queue.getJob(jobId) : null;
  });
const auditCount = (runId: string, action: string) => prisma.auditEvent.count({ where: { entityType: "EvaluationRun", entityId: runId, action } });

describe("evaluation worker", () => {
  it("computes a run that startRun queued", async () => {
    const started = await queuedRun();
    worker();
    const run = await finished(started.id);

    expect(run).toMatchObject({ status: "succeeded", attempts: 1, progress: 100, error: null });
    expect(run.checkResults).toHaveLength(1);
    // FPR is 1/2 for F and for M: ratio 1.
    expect(run.checkResults[0]).toMatchObject({ checkId: "fpr-sex", passed: true, value: 1 });
    expect(await auditCount(started.id, "run.succeeded")).toBe(1);

    const job = await jobIn("completed", started.id);
    expect(job.returnvalue).toEqual({ status: "succeeded" });
  });

  it("survives malformed and stale jobs, and keeps working", async () => {
    const running = worker();
    const queue = getQueue(QueueName.Evaluation);
    // Straight onto the queue, past enqueue()'s schema check, as a buggy or older producer might.
    const malformed = await queue.add(QueueName.Evaluation, { runId: 42 }, { jobId: `malformed-${randomUUID()}` });
    const stale = await queue.add(QueueName.Evaluation, { runId: "no-such-run", orgId: org.org.id }, { jobId: `stale-${randomUUID()}` });

    const failedJob = await jobIn("failed", malformed.id!);
    expect(failedJob.failedReason).toMatch(/^Malformed evaluation job/);
    // An unrecoverable error: not retried.
    expect(failedJob.attemptsMade).toBe(1);

    const staleJob = await jobIn("completed", stale.id!);
    expect(staleJob.returnvalue).toEqual({ status: "skipped", reason: "No such run." });

    expect(running.worker.isRunning()).toBe(true);
    const started = await queuedRun();
    expect(await finished(started.id)).toMatchObject({ status: "succeeded" });
    expect(logLines.some((l) => /attempt failed: Malformed evaluation job/.test(l))).toBe(true);
  });

  it("hands the job of a worker killed mid-run to another worker, and the run succeeds exactly once", async () => {
    const started = await queuedRun();

    // Hold the organisation's audit-chain lock: the child worker then blocks inside its
    // result transaction (results written, audit event pending), the last moment before commit.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const lockHeld = new Promise<void>((resolve) => (held = resolve));
    const holder = prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"audit:" + org.org.id}, 0))`;
        held();
        await released;
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
    try {
      await lockHeld;

      const child = spawn(process.execPath, ["--import", "tsx", CRASH_WORKER], {
        cwd: REPO_ROOT,
        env: { ...process.env, TEST_WORKER_LOCK_MS: "2000", TEST_WORKER_STALLED_MS: "1000" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.push(child);
      let output = "";
      child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

      // The child has claimed the run and waits on the lock inside its transaction.
      await waitFor(
        "the child worker to block in its result transaction",
        async () => {
          if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The child worker exited early:\n${output}`);
          const [row] = await prisma.$queryRaw<Array<{ n: number }>>`
            SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`;
          return row!.n > 0;
        },
        30_000,
      );
      expect(output).toContain(`active ${started.id}`);
      // Its writes are not visible: the claim committed, the results did not.
      expect(await runRow(started.id)).toMatchObject({ status: "running", attempts: 1, checkResults: [] });
      expect(await getQueue(QueueName.Evaluation).getJobState(started.id)).toBe("active");

      child.kill("SIGKILL");
      await exited;
    } finally {
      release();
      await holder;
    }

    // The dead worker's transaction rolls back; its job lock expires and another worker's stall check takes the job over.
    worker();
    const run = await finished(started.id);
    expect(run).toMatchObject({ status: "succeeded", attempts: 2, error: null });
    expect(run.checkResults).toHaveLength(CHECKS.length);
    expect(await auditCount(started.id, "run.succeeded")).toBe(1);
    expect(await auditCount(started.id, "run.failed")).toBe(0);
    const job = await jobIn("completed", started.id);
    expect(job.returnvalue).toEqual({ status: "succeeded" });
  });
});
