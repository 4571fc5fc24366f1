import { prisma } from "@assay/db";
import { closeQueues, getQueue, QueueName } from "@assay/queue";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGovernanceSweep, type GovernanceSweepOutcome } from "../src/governance";
import { listNotifications, markNotificationsRead, unreadNotificationCount } from "../src/notifications";
import { createModelVersion } from "../src/registry";
import { assessReview, openReview, signOff } from "../src/reviews";
import { createTestOrg, createTestSystem } from "./fixtures";

/**
 * The governance sweep on real Postgres: exceptions expire (audited, owners
 * notified in-app and by webhook), expiring ones are warned about once,
 * overdue risks and open reviews send their notices, and a second run adds
 * nothing. No worker runs here; deliveries wait in this file's own queue.
 */

const previousPrefix = process.env.ASSAY_QUEUE_PREFIX;
process.env.ASSAY_QUEUE_PREFIX = `assay-test-governance-sweep-${randomUUID().slice(0, 8)}`;

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;
const DAY_MS = 24 * 60 * 60 * 1000;

let org: TestOrg;
let other: TestOrg;
let systemId: string;
let endpointId: string;
let counter = 0;

beforeAll(async () => {
  org = await createTestOrg("sweep");
  other = await createTestOrg("sweep-other");
  // The scientist asks for exceptions; the product owner owns the system.
  systemId = (await createTestSystem(org.scientist, { name: "Sweep system", ownerIds: [org.product_owner.userId] })).id;
  const endpoint = await prisma.webhookEndpoint.create({
    data: { orgId: org.org.id, name: "Governance bridge", url: "https://hooks.example.test/assay", format: "generic", signingSecret: "whsec_test", createdById: org.admin.userId },
  });
  endpointId = endpoint.id;
});

afterAll(async () => {
  await getQueue(QueueName.WebhookDelivery).obliterate({ force: true });
  await closeQueues();
  process.env.ASSAY_QUEUE_PREFIX = previousPrefix;
});

async function createException(expiresAt: Date, overrides: { systemId?: string; gateKey?: string; modelVersionId?: string | null } = {}) {
  counter += 1;
  return prisma.riskException.create({
    data: {
      orgId: org.org.id,
      systemId: overrides.systemId ?? systemId,
      modelVersionId: overrides.modelVersionId ?? null,
      gateKey: overrides.gateKey ?? `check:gate-${counter}`,
      gateLabel: `Gate ${counter}`,
      rationale: "Accepted for the pilot.",
      compensatingControls: "Human review of every decision.",
      residualRisk: "Low.",
      approverId: org.approver.userId,
      expiresAt,
      reReviewAt: new Date(Math.min(expiresAt.getTime(), Date.now() + DAY_MS)),
      createdById: org.scientist.userId,
    },
  });
}

const notices = (dedupeKey: string) => prisma.notification.findMany({ where: { orgId: org.org.id, dedupeKey }, orderBy: { userId: "asc" } });
const totalNew = (o: GovernanceSweepOutcome) => Object.values(o.notifications).reduce((a, b) => a + b, 0) + Object.values(o.deliveries).reduce((a, b) => a + b, 0);

describe("exceptions", () => {
  it("expires a back-dated active exception: audited, owners notified in-app and by webhook, once", async () => {
    const exception = await createException(new Date(Date.now() - 60 * 60 * 1000));
    const now = new Date();
    const first = await runGovernanceSweep(now);
    expect(first.failures.filter((f) => f.orgId === org.org.id)).toEqual([]);
    expect(first.exceptionsExpired).toBeGreaterThanOrEqual(1);

    const stored = await prisma.riskException.findUniqueOrThrow({ where: { id: exception.id } });
    expect(stored).toMatchObject({ status: "expired", expiredAt: now });

    const [audit, ...moreAudit] = await prisma.auditEvent.findMany({ where: { orgId: org.org.id, entityId: exception.id } });
    expect(moreAudit).toEqual([]);
    expect(audit).toMatchObject({ action: "exception.expired", actorId: null, entityType: "RiskException", before: { status: "active", expiredAt: null }, after: { status: "expired", expiredAt: now.toISOString() } });

    // The creator, the approver, the system's owner, and every product owner (the same person here).
    const sent = await notices(`exception:${exception.id}:expired`);
    expect(sent.map((n) => n.userId).sort()).toEqual([org.scientist.userId, org.approver.userId, org.product_owner.userId].sort());
    expect(sent[0]).toMatchObject({ kind: "exception.expired", link: "/exceptions", readAt: null });
    expect(sent[0]!.title).toContain("Gate");

    const deliveries = await prisma.webhookDelivery.findMany({ where: { endpointId, subjectKey: `exception:${exception.id}:expired` } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ status: "pending", alertId: null, event: "exception.expired", orgId: org.org.id });
    expect(deliveries[0]!.payload).toMatchObject({ schemaVersion: 1, event: "exception.expired", severity: "high", subject: { type: "RiskException", id: exception.id }, system: { id: systemId, name: "Sweep system" } });
    // Handed to the webhook queue after the commit; the job id is the delivery id.
    expect(await getQueue(QueueName.WebhookDelivery).getJob(deliveries[0]!.id)).toBeTruthy();

    // Again, at the same moment: nothing changes and nobody hears twice.
    const second = await runGovernanceSweep(now);
    expect(second.exceptionsExpired).toBe(0);
    expect(totalNew(second)).toBe(0);
    expect(await notices(`exception:${exception.id}:expired`)).toHaveLength(3);
    expect(await prisma.webhookDelivery.count({ where: { subjectKey: `exception:${exception.id}:expired` } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { orgId: org.org.id, entityId: exception.id } })).toBe(1);
    expect(await prisma.riskException.findUniqueOrThrow({ where: { id: exception.id } })).toMatchObject({ expiredAt: now });
  });

  it("warns exactly once about an exception expiring within 14 days, and not about one expiring later", async () => {
    const soon = await createException(new Date(Date.now() + 10 * DAY_MS));
    const later = await createException(new Date(Date.now() + 30 * DAY_MS));
    await runGovernanceSweep();
    await runGovernanceSweep();

    const warned = await prisma.riskException.findUniqueOrThrow({ where: { id: soon.id } });
    expect(warned.status).toBe("active");
    expect(warned.expiryWarnedAt).toBeInstanceOf(Date);
    const sent = await notices(`exception:${soon.id}:expiring`);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((n) => n.userId)).size).toBe(3);
    expect(sent[0]).toMatchObject({ kind: "exception.expiring", link: "/exceptions" });
    expect(sent[0]!.title).toMatch(/^Exception expires in 10 days: /);
    expect(await prisma.webhookDelivery.count({ where: { endpointId, subjectKey: `exception:${soon.id}:expiring` } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { orgId: org.org.id, entityId: soon.id } })).toBe(1);

    expect(await prisma.riskException.findUniqueOrThrow({ where: { id: later.id } })).toMatchObject({ status: "active", expiryWarnedAt: null });
    expect(await prisma.notification.count({ where: { dedupeKey: { startsWith: `exception:${later.id}:` } } })).toBe(0);
  });

  it("leaves revoked exceptions alone", async () => {
    const revoked = await createException(new Date(Date.now() - DAY_MS));
    await prisma.riskException.update({ where: { id: revoked.id }, data: { status: "revoked", revokedAt: new Date(), revokedById: org.approver.userId } });
    await runGovernanceSweep();
    expect(await prisma.riskException.findUniqueOrThrow({ where: { id: revoked.id } })).toMatchObject({ status: "revoked", expiredAt: null });
    expect(await prisma.notification.count({ where: { dedupeKey: { startsWith: `exception:${revoked.id}:` } } })).toBe(0);
  });
});

describe("risks", () => {
  it("tells an overdue risk's owner once per due date", async () => {
    const risk = await prisma.riskEntry.create({
      data: {
        orgId: org.org.id, systemId, statement: "Scores drift for thin-file applicants.", likelihood: 4, impact: 4, severity: "critical",
        ownerId: org.product_owner.userId, dueDate: new Date("2025-01-15T00:00:00Z"), status: "mitigating", createdById: org.scientist.userId,
      },
    });
    const closed = await prisma.riskEntry.create({
      data: {
        orgId: org.org.id, systemId, statement: "Already dealt with.", likelihood: 2, impact: 2, severity: "low",
        ownerId: org.product_owner.userId, dueDate: new Date("2025-01-15T00:00:00Z"), status: "closed", createdById: org.scientist.userId,
      },
    });
    await runGovernanceSweep();
    await runGovernanceSweep();

    const sent = await notices(`risk:${risk.id}:overdue:2025-01-15`);
    expect(sent.map((n) => [n.userId, n.kind, n.link])).toEqual([[org.product_owner.userId, "risk.overdue", `/risks/${risk.id}`]]);
    const [delivery] = await prisma.webhookDelivery.findMany({ where: { endpointId, subjectKey: `risk:${risk.id}:overdue:2025-01-15` } });
    expect(delivery?.payload).toMatchObject({ event: "risk.overdue", severity: "high" });
    expect(await prisma.notification.count({ where: { dedupeKey: { startsWith: `risk:${closed.id}:` } } })).toBe(0);

    // A new due date that passes too warns again.
    await prisma.riskEntry.update({ where: { id: risk.id }, data: { dueDate: new Date("2025-02-01T00:00:00Z") } });
    await runGovernanceSweep();
    expect(await notices(`risk:${risk.id}:overdue:2025-02-01`)).toHaveLength(1);
    expect(await prisma.notification.count({ where: { userId: org.product_owner.userId, kind: "risk.overdue", dedupeKey: { startsWith: `risk:${risk.id}:` } } })).toBe(2);
  });
});

describe("reviews", () => {
  it("announces an open review, asks each role to sign, and tells a signer when their sign-off went stale", async () => {
    const system = await createTestSystem(org.scientist, { name: "Reviewed system", ownerIds: [org.product_owner.userId], riskTier: "high" });
    const version = await createModelVersion(org.scientist, system.id, { label: "v1", modelType: "classifier", provider: "in-house" });
    const review = await openReview(org.product_owner, { modelVersionId: version.id, title: "Release v1" });
    expect(review.requiredSignoffRoles).toEqual(["scientist", "product_owner", "approver"]);

    await runGovernanceSweep();
    const requested = await notices(`review:${review.id}:requested`);
    expect(requested.map((n) => n.userId).sort()).toEqual([org.scientist.userId, org.product_owner.userId, org.approver.userId].sort());
    expect(requested[0]).toMatchObject({ kind: "review.requested", link: `/reviews/${review.id}`, title: "Review requested: Release v1" });

    const firstHash = (await assessReview(prisma, review.id)).evidence.hash;
    for (const [role, ctx] of [["scientist", org.scientist], ["product_owner", org.product_owner], ["approver", org.approver]] as const) {
      const sent = await notices(`review:${review.id}:signoff:${role}:${firstHash}`);
      expect(sent.map((n) => [n.userId, n.kind])).toEqual([[ctx.userId, "signoff.needed"]]);
    }
    // The admin and the auditor sign nothing and hear nothing.
    expect(await prisma.notification.count({ where: { userId: { in: [org.admin.userId, org.auditor.userId] }, dedupeKey: { startsWith: `review:${review.id}:` } } })).toBe(0);

    // The scientist signs; then the evidence changes under the sign-off.
    const signed = await signOff(org.scientist, review.id, { role: "scientist" });
    await runGovernanceSweep();
    expect(await prisma.notification.count({ where: { kind: "signoff.stale", dedupeKey: { startsWith: `signoff:${signed.id}:` } } })).toBe(0);
    await prisma.aiSystem.update({ where: { id: system.id }, data: { purpose: "Ranks loan applications, now with thin-file scoring." } });
    const secondHash = (await assessReview(prisma, review.id)).evidence.hash;
    expect(secondHash).not.toBe(firstHash);

    await runGovernanceSweep();
    await runGovernanceSweep();
    const stale = await notices(`signoff:${signed.id}:stale:${secondHash}`);
    expect(stale.map((n) => [n.userId, n.kind])).toEqual([[org.scientist.userId, "signoff.stale"]]);
    // Every role is asked again on the new evidence; the request itself is not repeated.
    expect(await notices(`review:${review.id}:signoff:scientist:${secondHash}`)).toHaveLength(1);
    expect(await notices(`review:${review.id}:requested`)).toHaveLength(3);
    expect(await prisma.webhookDelivery.count({ where: { endpointId, subjectKey: `signoff:${signed.id}:stale:${secondHash}` } })).toBe(1);
  });
});

describe("the inbox", () => {
  it("shows each person their own notices only, and marks only their own read", async () => {
    const exception = await createException(new Date(Date.now() - 1000));
    await runGovernanceSweep();
    const key = `exception:${exception.id}:expired`;

    const approverInbox = await listNotifications(org.approver, { limit: 200 });
    const mine = approverInbox.find((n) => n.link === "/exceptions" && n.kind === "exception.expired" && n.title.includes(exception.gateLabel));
    expect(mine).toMatchObject({ read: false, readAt: null });
    // Newest first.
    const times = approverInbox.map((n) => n.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // The auditor gets none of this, and cannot mark the approver's notice read.
    const auditorInbox = await listNotifications(org.auditor);
    expect(auditorInbox.map((n) => n.id)).not.toContain(mine!.id);
    expect(await markNotificationsRead(org.auditor, { ids: [mine!.id] })).toEqual({ updated: 0 });
    expect(await prisma.notification.findUniqueOrThrow({ where: { id: mine!.id } })).toMatchObject({ readAt: null });
    // Nor can a member of another organisation.
    expect(await markNotificationsRead(other.approver, { all: true })).toEqual({ updated: 0 });
    expect(await listNotifications(other.approver)).toEqual([]);
    expect(await prisma.notification.findUniqueOrThrow({ where: { id: mine!.id } })).toMatchObject({ readAt: null });

    const unreadBefore = await unreadNotificationCount(org.approver);
    expect(unreadBefore).toBe(approverInbox.filter((n) => !n.read).length);
    expect(await markNotificationsRead(org.approver, { ids: [mine!.id] })).toEqual({ updated: 1 });
    expect(await unreadNotificationCount(org.approver)).toBe(unreadBefore - 1);
    expect((await listNotifications(org.approver, { unread: true })).map((n) => n.id)).not.toContain(mine!.id);
    expect((await listNotifications(org.approver, { unread: "true", limit: 200 })).every((n) => !n.read)).toBe(true);
    // Marking again changes nothing; the first read time stays.
    const readAt = (await prisma.notification.findUniqueOrThrow({ where: { id: mine!.id } })).readAt;
    expect(await markNotificationsRead(org.approver, { ids: [mine!.id] })).toEqual({ updated: 0 });
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: mine!.id } })).readAt).toEqual(readAt);

    // The scientist got the same notice (same key) and still has it unread.
    const scientists = await prisma.notification.findFirstOrThrow({ where: { userId: org.scientist.userId, dedupeKey: key } });
    expect(scientists.readAt).toBeNull();

    await markNotificationsRead(org.approver, { all: true });
    expect(await unreadNotificationCount(org.approver)).toBe(0);
    expect(await unreadNotificationCount(org.scientist)).toBeGreaterThan(0);
    await expect(markNotificationsRead(org.approver, {})).rejects.toThrow(/ids to mark read/);
  });
});
