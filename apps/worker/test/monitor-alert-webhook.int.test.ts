import { verifyWebhookSignature } from "@assay/core";
import { prisma } from "@assay/db";
import { closeQueues, getQueue, QueueName } from "@assay/queue";
import {
  authenticateApiToken,
  closeWindow,
  createAlertRule,
  createApiToken,
  createMonitor,
  createWebhook,
  getAlert,
  listWebhookDeliveries,
  ingestMetrics,
} from "@assay/services";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowPrivateWebhookTargets, startReceiver } from "../../../packages/services/test/alerts-fixtures";
import { createTestOrg } from "../../../packages/services/test/fixtures";
import { bikeVersionWithReference, BIKE_FEATURES, writeBikeFiles } from "../../../packages/services/test/monitors-fixtures";
import { startWorker, type RunningWorker } from "../src/app";
import { waitFor as waitUntil } from "./wait-for";

allowPrivateWebhookTargets();

/**
 * The acceptance test, end to end on real Postgres, Redis, BullMQ and
 * HTTP: a production pipeline pushes counters with an API token, a real worker
 * evaluates the window, the alert rule fires, and the notification reaches
 * HTTP receivers started here, in the generic and the Slack format. A receiver
 * that fails twice is retried on the backoff schedule and finally served,
 * without holding up the others.
 */

// Queues and blob storage of this file's own.
const previousPrefix = process.env.ASSAY_QUEUE_PREFIX;
const previousStorage = process.env.ASSAY_STORAGE_DIR;
const storage = path.join(tmpdir(), `assay-alert-webhook-${randomUUID().slice(0, 8)}`);
process.env.ASSAY_QUEUE_PREFIX = `assay-test-alert-webhook-${randomUUID().slice(0, 8)}`;
process.env.ASSAY_STORAGE_DIR = storage;

const BACKOFF_MS = 400;
/** The label is the monitor's name for its derived metric. */
const FIRING_MESSAGE = "policy_violations per 1,000 interactions is 7.5, at or above the threshold of 5.";

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
let running: RunningWorker;
const logLines: string[] = [];
let generic: Receiver;
let slack: Receiver;
let flaky: Receiver;

beforeAll(async () => {
  generic = await startReceiver();
  slack = await startReceiver();
  // 500, 500, then 200 for every later request.
  flaky = await startReceiver((_request, index) => ({ status: index < 2 ? 500 : 200 }));
  running = startWorker({
    concurrency: 1,
    lockDurationMs: 2000,
    stalledIntervalMs: 1000,
    log: (line) => logLines.push(line),
    alerts: { webhookBackoffMs: BACKOFF_MS },
    // The test closes its windows itself; a scheduler tick must not evaluate them first.
    monitors: { reconcileSchedules: false },
  });
});

afterAll(async () => {
  await running?.close();
  await Promise.all([generic, slack, flaky].map((r) => r?.close()));
  for (const name of [QueueName.MonitorWindow, QueueName.MonitorSchedule, QueueName.AlertEvaluation, QueueName.WebhookDelivery]) {
    await getQueue(name).obliterate({ force: true });
  }
  await closeQueues();
  rmSync(storage, { recursive: true, force: true });
  process.env.ASSAY_QUEUE_PREFIX = previousPrefix;
  process.env.ASSAY_STORAGE_DIR = previousStorage;
  await prisma.$disconnect();
});

const waitFor = <T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000) =>
  waitUntil(what, probe, { timeoutMs, context: () => logLines });

describe("a monitor fed by the API raises an alert that reaches webhooks", () => {
  it("delivers generic and Slack payloads, retries a failing endpoint with backoff, and resolves when the condition clears", async () => {
    const org = await createTestOrg("alert-webhook");
    const bike = await bikeVersionWithReference(org.scientist, await writeBikeFiles());
    const monitor = await createMonitor(org.scientist, {
      modelVersionId: bike.version.id,
      name: "Support assistant in production",
      referenceDatasetId: bike.dataset.id,
      cadence: "daily",
      featureColumns: BIKE_FEATURES,
      metrics: ["data_drift"],
      derivedMetrics: [{ name: "policy_violations_per_1000", numerator: "policy_violations", denominator: "interactions", per: 1000 }],
    });
    // A cron tick near midnight would otherwise queue these past windows before the pipeline closes them.
    await getQueue(QueueName.MonitorSchedule).removeJobScheduler(monitor.id);

    const genericEndpoint = await createWebhook(org.scientist, { name: "On-call receiver", url: generic.url, format: "generic" });
    const slackEndpoint = await createWebhook(org.scientist, { name: "Slack #ml-oncall", url: slack.url, format: "slack", minSeverity: "high" });
    const flakyEndpoint = await createWebhook(org.admin, { name: "Flaky incident bridge", url: flaky.url, format: "generic" });
    await createAlertRule(org.scientist, monitor.id, {
      name: "Policy violations per 1,000 at or above 5",
      valueKey: "metric.policy_violations_per_1000",
      kind: "threshold",
      comparator: ">=",
      threshold: 5,
      severity: "high",
    });

    const pipeline = await authenticateApiToken(`Bearer ${(await createApiToken(org.scientist, { name: "Chat pipeline", scopes: ["metrics_write"] })).secret}`);
    const pushWindow = async (windowStart: string, counters: Record<string, number>) => {
      await ingestMetrics(pipeline, monitor.id, { windowStart, counters });
      await closeWindow(pipeline, monitor.id, windowStart);
      return waitFor(`alerts for ${windowStart}`, async () => {
        const job = await getQueue(QueueName.AlertEvaluation).getJobs(["completed"]);
        return job.find((j) => (j.data as { windowStart: string }).windowStart === new Date(windowStart).toISOString());
      });
    };

    // A quiet day: 2 per 1,000, nothing fires.
    await pushWindow("2025-02-03T00:00:00Z", { policy_violations: 2, interactions: 1000 });
    expect(await prisma.alert.count({ where: { monitorId: monitor.id } })).toBe(0);

    // 9 violations in 1,200 interactions: 7.5 per 1,000.
    await pushWindow("2025-02-04T00:00:00Z", { policy_violations: 9, interactions: 1200 });
    const alert = await prisma.alert.findFirstOrThrow({ where: { monitorId: monitor.id } });
    expect(alert).toMatchObject({ state: "firing", severity: "high", value: 7.5, windowStart: new Date("2025-02-04T00:00:00Z") });

    const firingDelivered = (endpointId: string) =>
      waitFor(`delivery to ${endpointId}`, async () => {
        const delivery = await prisma.webhookDelivery.findFirst({ where: { endpointId, alertId: alert.id, event: "alert.firing" } });
        return delivery?.status === "delivered" ? delivery : null;
      });
    const [toGeneric, toSlack, toFlaky] = await Promise.all([firingDelivered(genericEndpoint.id), firingDelivered(slackEndpoint.id), firingDelivered(flakyEndpoint.id)]);

    // The generic receiver got the alert as JSON.
    expect(generic.received).toHaveLength(1);
    expect(generic.received[0]!.headers).toMatchObject({ "content-type": "application/json", "x-assay-event": "alert.firing", "x-assay-delivery": toGeneric.id });
    // Signed with the endpoint's secret, so the receiver can tell it came from Assay. Our bodies round-trip through JSON.parse exactly.
    const signed = generic.received[0]!;
    const verify = (secret: string) =>
      verifyWebhookSignature({ secret, body: JSON.stringify(signed.body), timestamp: String(signed.headers["x-assay-timestamp"]), signature: String(signed.headers["x-assay-signature"]) });
    expect(verify(genericEndpoint.signingSecret)).toEqual({ ok: true });
    expect(verify(slackEndpoint.signingSecret)).toEqual({ ok: false, reason: "mismatch" });
    expect(generic.received[0]!.body).toMatchObject({
      schemaVersion: 1,
      event: "alert.firing",
      alert: {
        id: alert.id,
        state: "firing",
        severity: "high",
        value: 7.5,
        message: FIRING_MESSAGE,
        rule: { name: "Policy violations per 1,000 at or above 5", valueKey: "metric.policy_violations_per_1000", kind: "threshold" },
      },
      monitor: { id: monitor.id, name: "Support assistant in production", modelVersion: "v1" },
      window: { start: "2025-02-04T00:00:00.000Z", end: "2025-02-05T00:00:00.000Z" },
      link: expect.stringMatching(new RegExp(`/alerts/${alert.id}$`)),
    });

    // The Slack receiver got text and blocks.
    expect(slack.received).toHaveLength(1);
    const slackBody = slack.received[0]!.body as { text: string; blocks: Array<{ type: string }> };
    expect(slackBody.text).toBe(
      `[HIGH] Firing: Policy violations per 1,000 at or above 5 (Support assistant in production): ${FIRING_MESSAGE}`,
    );
    expect(slackBody.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "actions"]);
    expect(toSlack.attempts).toBe(1);

    // The flaky receiver: refused twice, accepted on the third attempt, every attempt logged.
    expect(flaky.received).toHaveLength(3);
    expect(toFlaky.attempts).toBe(3);
    const [flakyLog] = await listWebhookDeliveries(org.auditor, flakyEndpoint.id);
    expect(flakyLog).toMatchObject({ status: "delivered", attempts: 3, lastStatus: 200, lastError: null });
    expect(flakyLog!.attemptLog.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 500, "HTTP 500: receiver says no"],
      [2, 500, "HTTP 500: receiver says no"],
      [3, 200, null],
    ]);
    // Retries waited for the backoff: about 400 ms, then about 800 ms.
    const gaps = [flaky.received[1]!.at - flaky.received[0]!.at, flaky.received[2]!.at - flaky.received[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(BACKOFF_MS * 0.9);
    expect(gaps[1]).toBeGreaterThanOrEqual(BACKOFF_MS * 2 * 0.9);
    // The failing endpoint did not hold up the others: both were served before its first retry.
    expect(generic.received[0]!.at).toBeLessThan(flaky.received[1]!.at);
    expect(slack.received[0]!.at).toBeLessThan(flaky.received[1]!.at);

    // The alert page shows the deliveries.
    const detail = await getAlert(org.auditor, alert.id);
    expect(detail.deliveries.map((d) => [d.endpoint.name, d.status, d.attempts])).toEqual(
      expect.arrayContaining([
        ["On-call receiver", "delivered", 1],
        ["Slack #ml-oncall", "delivered", 1],
        ["Flaky incident bridge", "delivered", 3],
      ]),
    );

    // Back to 1 per 1,000: the alert resolves itself and every endpoint hears about it.
    await pushWindow("2025-02-05T00:00:00Z", { policy_violations: 1, interactions: 1000 });
    await waitFor("resolution notices", async () => {
      const pending = await prisma.webhookDelivery.count({ where: { alertId: alert.id, event: "alert.resolved", status: { not: "delivered" } } });
      const total = await prisma.webhookDelivery.count({ where: { alertId: alert.id, event: "alert.resolved" } });
      return total === 3 && pending === 0;
    });
    expect((await getAlert(org.auditor, alert.id)).history.map((h) => [h.state, h.note])).toEqual([
      ["firing", FIRING_MESSAGE],
      ["resolved", "condition cleared"],
    ]);
    expect(generic.received.at(-1)!.body).toMatchObject({ event: "alert.resolved", alert: { id: alert.id, state: "resolved" }, change: { actor: null, note: "condition cleared" } });
    expect((slack.received.at(-1)!.body as { text: string }).text).toMatch(/^\[HIGH\] Resolved: /);
  });
  it("gives up on an endpoint that never answers 2xx after six attempts, marks the delivery failed, and the monitor carries on", async () => {
    const down = await startReceiver(() => ({ status: 503 }));
    try {
      const org = await createTestOrg("alert-webhook-down");
      const bike = await bikeVersionWithReference(org.scientist, await writeBikeFiles());
      const monitor = await createMonitor(org.scientist, {
        modelVersionId: bike.version.id,
        name: "Assistant behind a dead bridge",
        referenceDatasetId: bike.dataset.id,
        cadence: "daily",
        featureColumns: BIKE_FEATURES,
        metrics: ["data_drift"],
        derivedMetrics: [{ name: "policy_violations_per_1000", numerator: "policy_violations", denominator: "interactions", per: 1000 }],
      });
      await getQueue(QueueName.MonitorSchedule).removeJobScheduler(monitor.id);
      const endpoint = await createWebhook(org.scientist, { name: "Dead bridge", url: down.url });
      await createAlertRule(org.scientist, monitor.id, { valueKey: "metric.policy_violations_per_1000", kind: "threshold", threshold: 5, severity: "medium" });
      const pipeline = await authenticateApiToken(`Bearer ${(await createApiToken(org.scientist, { name: "Pipeline", scopes: ["metrics_write"] })).secret}`);

      await ingestMetrics(pipeline, monitor.id, { windowStart: "2025-03-01T00:00:00Z", counters: { policy_violations: 30, interactions: 1000 } });
      await closeWindow(pipeline, monitor.id, "2025-03-01T00:00:00Z");
      // Meanwhile the next window is evaluated as usual: the dead endpoint blocks nothing.
      await ingestMetrics(pipeline, monitor.id, { windowStart: "2025-03-02T00:00:00Z", counters: { policy_violations: 40, interactions: 1000 } });
      await closeWindow(pipeline, monitor.id, "2025-03-02T00:00:00Z");
      await waitFor("the second window", () => prisma.monitorWindow.findFirst({ where: { monitorId: monitor.id, windowStart: new Date("2025-03-02T00:00:00Z") } }));

      // 400 + 800 + 1,600 + 3,200 + 6,400 ms of backoff between six attempts.
      const [log] = await waitFor(
        "the delivery to fail",
        async () => {
          const deliveries = await listWebhookDeliveries(org.auditor, endpoint.id);
          return deliveries[0]?.status === "failed" ? deliveries : null;
        },
        40_000,
      );
      expect(log).toMatchObject({ status: "failed", attempts: 6, lastStatus: 503, lastError: "HTTP 503: receiver says no", deliveredAt: null });
      expect(log!.attemptLog.map((a) => [a.attempt, a.statusCode])).toEqual([1, 2, 3, 4, 5, 6].map((n) => [n, 503]));
      expect(down.received).toHaveLength(6);
      expect(await prisma.monitorWindow.count({ where: { monitorId: monitor.id } })).toBe(2);
    } finally {
      await down.close();
    }
  });
});
