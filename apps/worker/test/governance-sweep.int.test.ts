import { prisma } from "@assay/db";
import { closeQueues, getQueue, QueueName } from "@assay/queue";
import { assessReview, createModelVersion, getReview, openReview } from "@assay/services";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, createTestSystem } from "../../../packages/services/test/fixtures";
import { startWorker, type RunningWorker } from "../src/app";
import { waitFor as waitUntil } from "./wait-for";

/**
 * The acceptance test for exception expiry, on real Postgres, Redis
 * and BullMQ: a real worker runs the governance sweep from its own job
 * scheduler, every 500 ms. Exceptions that pass their expiry become expired,
 * the gate they waived fails again and their owners are notified, without
 * the test calling anything after creating the rows.
 */

// Queues of this file's own.
const previousPrefix = process.env.ASSAY_QUEUE_PREFIX;
process.env.ASSAY_QUEUE_PREFIX = `assay-test-governance-sweep-worker-${randomUUID().slice(0, 8)}`;

const SWEEP_MS = 500;
let running: RunningWorker;
const logLines: string[] = [];

beforeAll(() => {
  running = startWorker({
    concurrency: 1,
    lockDurationMs: 2000,
    stalledIntervalMs: 1000,
    log: (line) => logLines.push(line),
    monitors: { reconcileSchedules: false },
    governance: { everyMs: SWEEP_MS },
  });
});

afterAll(async () => {
  await running?.close();
  for (const name of [QueueName.GovernanceSweep, QueueName.WebhookDelivery, QueueName.Evaluation, QueueName.MonitorWindow, QueueName.MonitorSchedule, QueueName.AlertEvaluation]) {
    await getQueue(name).obliterate({ force: true });
  }
  await closeQueues();
  process.env.ASSAY_QUEUE_PREFIX = previousPrefix;
  await prisma.$disconnect();
});

const waitFor = <T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000) =>
  waitUntil(what, probe, { timeoutMs, context: () => logLines });

describe("the scheduled governance sweep", () => {
  it("expires exceptions on its own: the waived gate fails again, the review shows the exception expired, owners are notified", async () => {
    const org = await createTestOrg("sweep-worker");
    const system = await createTestSystem(org.scientist, { name: "Credit scoring", ownerIds: [org.product_owner.userId], riskTier: "high" });
    const version = await createModelVersion(org.scientist, system.id, { label: "v3", modelType: "classifier", provider: "in-house" });
    const review = await openReview(org.product_owner, { modelVersionId: version.id, title: "Release v3" });
    // A critical open risk fails the "risks" gate...
    await prisma.riskEntry.create({
      data: {
        orgId: org.org.id, systemId: system.id, modelVersionId: version.id, statement: "Thin-file applicants are scored unreliably.",
        likelihood: 4, impact: 5, severity: "critical", ownerId: org.scientist.userId, createdById: org.scientist.userId,
      },
    });
    const exceptionData = {
      orgId: org.org.id, systemId: system.id, gateLabel: "No open high or critical risk", rationale: "Manual review of every thin-file decision.",
      compensatingControls: "Underwriter sign-off per decision.", residualRisk: "Moderate.", approverId: org.approver.userId, createdById: org.scientist.userId,
    };
    // ...and an exception waives it for a few seconds more.
    const expiresAt = new Date(Date.now() + 4000);
    const waiver = await prisma.riskException.create({ data: { ...exceptionData, modelVersionId: version.id, gateKey: "risks", expiresAt, reReviewAt: expiresAt } });
    // Another exception of the system was already past its expiry when it was recorded.
    const pastDated = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    const backDated = await prisma.riskException.create({ data: { ...exceptionData, modelVersionId: null, gateKey: "documentation", gateLabel: "Documentation", expiresAt: pastDated, reReviewAt: pastDated } });

    const risksItem = async () => (await assessReview(prisma, review.id)).checklist.items.find((i) => i.key === "risks")!;
    expect(await risksItem()).toMatchObject({ status: "waived", ref: { exceptionId: waiver.id, exceptionExpired: false } });

    // From here on the test only watches.
    const stored = await waitFor("the back-dated exception to be expired", async () => {
      const row = await prisma.riskException.findUniqueOrThrow({ where: { id: backDated.id } });
      return row.status === "expired" ? row : null;
    });
    expect(stored.expiredAt).toBeInstanceOf(Date);

    const lapsed = await waitFor("the waiver to be expired", async () => {
      const row = await prisma.riskException.findUniqueOrThrow({ where: { id: waiver.id } });
      return row.status === "expired" ? row : null;
    });
    expect(lapsed.expiredAt!.getTime()).toBeGreaterThanOrEqual(expiresAt.getTime());
    // It was warned about first (it expired within 14 days), once.
    expect(lapsed.expiryWarnedAt).toBeInstanceOf(Date);

    // The gate fails again and says why; the review shows the exception expired.
    expect(await risksItem()).toMatchObject({ status: "fail", ref: { exceptionId: waiver.id, exceptionExpired: true } });
    const detail = await getReview(org.auditor, review.id);
    expect(detail.exceptions.find((e) => e.id === waiver.id)).toMatchObject({ state: "expired", gateKey: "risks" });
    expect(detail.checklist.blockers.map((b) => b.key)).toContain("risks");

    // Audited as the system's doing.
    for (const e of [waiver, backDated]) {
      const events = await prisma.auditEvent.findMany({ where: { orgId: org.org.id, entityId: e.id, action: "exception.expired" } });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actorId: null, entityType: "RiskException" });
    }

    // The requester, the approver and the system's owner are told in-app, once each.
    const told = await waitFor("the expiry notices", async () => {
      const rows = await prisma.notification.findMany({ where: { orgId: org.org.id, dedupeKey: `exception:${waiver.id}:expired` } });
      return rows.length === 3 ? rows : null;
    });
    expect(told.map((n) => n.userId).sort()).toEqual([org.scientist.userId, org.approver.userId, org.product_owner.userId].sort());
    expect(await prisma.notification.count({ where: { orgId: org.org.id, dedupeKey: `exception:${waiver.id}:expiring` } })).toBe(3);

    // Later ticks change nothing more.
    await new Promise((r) => setTimeout(r, SWEEP_MS * 3));
    expect(await prisma.notification.count({ where: { orgId: org.org.id, dedupeKey: { in: [`exception:${waiver.id}:expired`, `exception:${backDated.id}:expired`] } } })).toBe(6);
    expect(await prisma.auditEvent.count({ where: { orgId: org.org.id, entityId: { in: [waiver.id, backDated.id] }, action: "exception.expired" } })).toBe(2);
    expect((await prisma.riskException.findUniqueOrThrow({ where: { id: waiver.id } })).expiredAt).toEqual(lapsed.expiredAt);

    // Ran from the scheduler: one of them, at the configured interval.
    const schedulers = await getQueue(QueueName.GovernanceSweep).getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every])).toEqual([["governance-sweep", SWEEP_MS]]);
  });
});
