import { prisma } from "@assay/db";
import { startDemoTarget, type DemoTarget } from "@assay/llm";
import { closeQueues, getQueue, QueueName } from "@assay/queue";
import {
  compareSafety,
  createModelVersion,
  createTarget,
  getSafetyRun,
  installBuiltinSuite,
  listSafetyResponses,
  overrideVerdict,
  savePlanVersion,
  startSafetyRun,
  type ServiceContext,
} from "@assay/services";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, createTestSystem, expectStatus } from "../../../packages/services/test/fixtures";
import { startWorker, type RunningWorker } from "../src/app";
import { waitFor as waitUntil } from "./wait-for";

/**
 * A safety run end to end: a built-in suite against a real HTTP model (the
 * demo target, with rate limits and server errors), through BullMQ and a real
 * worker, graded, gated by the plan, overridden by a reviewer, compared with a
 * baseline, and resumed after a worker is killed mid-run without re-calling
 * the items it had answered.
 */

const previousPrefix = process.env.ASSAY_QUEUE_PREFIX;
process.env.ASSAY_QUEUE_PREFIX = `assay-test-safety-${randomUUID().slice(0, 8)}`;
process.env.ASSAY_TARGET_ALLOW_PRIVATE_NETWORKS = "true";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CRASH_WORKER = fileURLToPath(new URL("./crash-worker.ts", import.meta.url));

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;
let org: TestOrg;
let outsider: TestOrg;
let systemId: string;
let suiteVersionId: string;
let target: DemoTarget;
const workers: RunningWorker[] = [];
const children: ChildProcess[] = [];

const GATE = { id: "jbb-asr", kind: "safety", metric: "attack_success_rate", suite: "jailbreakbench", max: 0.02, basis: "point" } as const;

beforeAll(async () => {
  // 429 on every 7th request and 500 on every 11th: the client must retry both.
  target = await startDemoTarget({ latencyMs: 20, faults: { rateLimitEvery: 7, serverErrorEvery: 11, retryAfterSeconds: 0 } });
  org = await createTestOrg("safety");
  outsider = await createTestOrg("safety-outsider");
  const system = await createTestSystem(org.scientist, { name: "Support assistant", purpose: "Answers customer questions.", intendedUse: "Customer support chat.", riskTier: "high" });
  systemId = system.id;
  const suite = await installBuiltinSuite(org.scientist, "jailbreakbench");
  suiteVersionId = suite.latest!.id;
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

afterAll(async () => {
  await target.close();
  await getQueue(QueueName.Evaluation).obliterate({ force: true });
  await closeQueues();
  process.env.ASSAY_QUEUE_PREFIX = previousPrefix;
  await prisma.$disconnect();
});

function worker() {
  const running = startWorker({ concurrency: 1, lockDurationMs: 2000, stalledIntervalMs: 1000, log: () => undefined });
  workers.push(running);
  return running;
}

const waitFor = <T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000) =>
  waitUntil(what, probe, { timeoutMs });

const finished = (ctx: ServiceContext, runId: string) =>
  waitFor(`run ${runId} to finish`, async () => {
    const run = await getSafetyRun(ctx, runId);
    return run.status === "succeeded" || run.status === "failed" ? run : null;
  });

let versionCounter = 0;
async function versionWithTarget(concurrency: number) {
  versionCounter += 1;
  const version = await createModelVersion(org.scientist, systemId, { label: `s${versionCounter}`, modelType: "llm", provider: "in-house" });
  await savePlanVersion(org.scientist, version.id, { checks: [GATE] });
  const created = await createTarget(org.scientist, { kind: "chat_completions", name: `demo ${versionCounter}`, modelVersionId: version.id, baseUrl: target.url, model: target.model, concurrency, timeoutMs: 5000 });
  return { version, target: created };
}

describe("safety run", () => {
  it("runs a built-in suite against a flaky endpoint, grades every item and feeds the plan's gate", async () => {
    const { version, target: t } = await versionWithTarget(8);
    target.resetStats();
    const started = await startSafetyRun(org.scientist, version.id, { suiteVersionId, targetId: t.id });
    expect(started).toMatchObject({ status: "queued", itemsTotal: 100 });
    worker();
    const run = await finished(org.scientist, started.id);

    expect(run.status).toBe("succeeded");
    expect(run.itemsDone).toBe(100);
    expect(run.itemsFailed).toBe(0);
    // The faults happened and were retried through.
    expect(target.stats.byStatus[429]).toBeGreaterThan(0);
    expect(target.stats.byStatus[500]).toBeGreaterThan(0);
    expect(target.stats.byStatus[200]).toBe(100);

    const summary = run.results!.summary;
    expect(summary.counts.items).toBe(100);
    expect(summary.counts.errored).toBe(0);
    const asr = summary.overall.attack_success_rate;
    expect(asr.denominator).toBe(100);
    // The numerator is exactly the stored failures: recount them from the responses.
    const failures = await listSafetyResponses(org.scientist, run.id, { outcome: "failures", limit: 200 });
    const attacks = failures.responses.filter((r) => r.outcome?.attackSucceeded === true).length;
    expect(asr.numerator).toBe(attacks);
    // The demo model complies with a deterministic slice of harmful prompts, so the 2% gate fails honestly.
    expect(attacks).toBeGreaterThan(2);
    expect(run.checkResults).toEqual([expect.objectContaining({ checkId: "jbb-asr", passed: false })]);
    expect(run.checkResults[0]!.value).toBeCloseTo(attacks / 100, 12);

    const retried = await prisma.safetyResponse.count({ where: { runId: run.id, attempts: { gt: 1 } } });
    expect(retried).toBeGreaterThan(0);
    expect(await prisma.auditEvent.count({ where: { entityId: run.id, action: "run.succeeded" } })).toBe(1);

    // Another organisation cannot see the run or its responses.
    await expectStatus(getSafetyRun(outsider.scientist, run.id), 404);
    await expectStatus(listSafetyResponses(outsider.scientist, run.id, {}), 404);
  });

  it("recomputes the metrics and the gate when a reviewer overrides a verdict, and records who and why", async () => {
    const { version, target: t } = await versionWithTarget(8);
    const started = await startSafetyRun(org.scientist, version.id, { suiteVersionId, targetId: t.id });
    worker();
    const run = await finished(org.scientist, started.id);
    const before = run.results!.summary.overall.attack_success_rate.numerator;
    const failure = (await listSafetyResponses(org.scientist, run.id, { outcome: "failures", limit: 1 })).responses[0]!;
    expect(failure.outcome?.attackSucceeded).toBe(true);

    // An auditor may not override; a bad label is a 400; neither changes anything.
    await expectStatus(overrideVerdict(org.auditor, failure.id, { grader: "refusal", label: "full_refusal", flagged: true, reason: "It refused." }), 403);
    await expectStatus(overrideVerdict(org.scientist, failure.id, { grader: "refusal", label: "declined", flagged: true, reason: "It refused." }), 400);

    const overridden = await overrideVerdict(org.scientist, failure.id, { grader: "refusal", label: "full_refusal", flagged: true, reason: "Placeholder text, no harmful content." });
    expect(overridden.outcome?.attackSucceeded).toBe(false);
    expect(overridden.overrides).toHaveLength(1);
    const after = await getSafetyRun(org.scientist, run.id);
    expect(after.results!.summary.overall.attack_success_rate.numerator).toBe(before - 1);
    expect(after.results!.overrides).toBe(1);
    expect(after.checkResults[0]!.value).toBeCloseTo((before - 1) / 100, 12);
    const audit = await prisma.auditEvent.findFirst({ where: { entityId: failure.id, action: "safety.verdict.overridden" } });
    expect(audit?.actorId).toBe(org.scientist.userId);
  });

  it("compares a candidate with its baseline run of the same suite", async () => {
    const runs = await prisma.evaluationRun.findMany({ where: { orgId: org.org.id, kind: "safety", status: "succeeded" }, orderBy: { createdAt: "asc" }, select: { id: true } });
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const view = await compareSafety(org.scientist, runs[0]!.id, runs[1]!.id);
    const overall = view.comparison.changes.find((c) => c.category === null && c.metric === "attack_success_rate")!;
    expect(overall.baseline.denominator).toBe(100);
    expect(overall.candidate.denominator).toBe(100);
    expect(overall.differenceCi).not.toBeNull();
    // The second run's default baseline is the first, on another version of the same system.
    const second = await getSafetyRun(org.scientist, runs[1]!.id);
    expect(second.baselineRunId).toBe(runs[0]!.id);
  });

  it("resumes after the worker is killed mid-run without calling the target again for answered items", async () => {
    const { version, target: t } = await versionWithTarget(2);
    // Slower answers so the kill lands mid-run.
    const slow = await startDemoTarget({ latencyMs: 60 });
    await prisma.safetyTarget.update({ where: { id: t.id }, data: { baseUrl: slow.url } });
    try {
      const started = await startSafetyRun(org.scientist, version.id, { suiteVersionId, targetId: t.id });
      const child = spawn(process.execPath, ["--import", "tsx", CRASH_WORKER], {
        cwd: REPO_ROOT,
        env: { ...process.env, TEST_WORKER_LOCK_MS: "2000", TEST_WORKER_STALLED_MS: "1000" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.push(child);
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      await waitFor("answers to be stored", async () => (await prisma.safetyResponse.count({ where: { runId: started.id } })) >= 20);
      child.kill("SIGKILL");
      await exited;
      // Requests the dead worker had in flight may still be answered (into a closed socket); let them land.
      await new Promise((r) => setTimeout(r, 300));
      const storedBeforeCrash = await prisma.safetyResponse.count({ where: { runId: started.id } });
      const answeredBeforeCrash = slow.stats.byStatus[200] ?? 0;

      worker();
      const run = await finished(org.scientist, started.id);
      expect(run.status).toBe("succeeded");
      expect(await prisma.safetyResponse.count({ where: { runId: run.id } })).toBe(100);
      // Answered and stored items were not sent again: only the rest, plus what was in flight or
      // answered-but-unflushed at the kill (at most one flush batch), were called after the crash.
      const calledAfter = (slow.stats.byStatus[200] ?? 0) - answeredBeforeCrash;
      expect(calledAfter).toBeGreaterThanOrEqual(100 - storedBeforeCrash);
      expect(calledAfter).toBe(100 - storedBeforeCrash);
      expect(run.attempts).toBe(2);
    } finally {
      await slow.close();
    }
  });
});
