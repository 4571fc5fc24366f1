import { governanceWebhookPayload, meetsSeverity, type GovernanceEvent, type GovernanceNotice, type Role, type Severity } from "@assay/core";
import { prisma, type Prisma, type Tx } from "@assay/db";
import { appBaseUrl, enqueuePendingDeliveries } from "../webhooks/notifications";

export type NotifyInput = {
  orgId: string;
  event: GovernanceEvent;
  /** Members who get the in-app notice: these users, plus every member holding one of these roles. */
  recipients: { userIds?: readonly string[]; roles?: readonly Role[] };
  title: string;
  body?: string;
  /** A path in the app, e.g. "/reviews/abc"; made absolute for webhooks. */
  path: string;
  /** Names the occurrence, e.g. "exception:<id>:expired": the same key never notifies a person or an endpoint twice. */
  subjectKey: string;
  subject: { type: string; id: string };
  system?: { id: string; name: string } | null;
  severity: Severity;
};

async function recipientIds(tx: Tx, orgId: string, recipients: NotifyInput["recipients"]): Promise<string[]> {
  const ids = new Set(recipients.userIds ?? []);
  if (recipients.roles?.length) {
    const members = await tx.membership.findMany({ where: { orgId, roles: { hasSome: [...recipients.roles] } }, select: { userId: true } });
    for (const m of members) ids.add(m.userId);
  }
  // Only current members: a departed owner gets nothing.
  const members = await tx.membership.findMany({ where: { orgId, userId: { in: [...ids] } }, select: { userId: true } });
  return members.map((m) => m.userId);
}

/**
 * Records an in-app notice for each recipient and a pending webhook delivery
 * for each active endpoint whose minimum severity the notice meets, in the
 * caller's transaction. Idempotent per subjectKey, so a sweep that runs again
 * (or a retried job) never notifies twice. After the transaction commits,
 * call flushGovernanceWebhooks(orgId) to hand the deliveries to the queue.
 */
export async function notify(tx: Tx, input: NotifyInput): Promise<{ notified: number; deliveries: number }> {
  const users = await recipientIds(tx, input.orgId, input.recipients);
  const created = await tx.notification.createMany({
    data: users.map((userId) => ({
      orgId: input.orgId,
      userId,
      kind: input.event,
      title: input.title,
      body: input.body ?? "",
      link: input.path,
      dedupeKey: input.subjectKey,
    })),
    skipDuplicates: true,
  });
  const notice: GovernanceNotice = {
    event: input.event,
    occurredAt: new Date().toISOString(),
    severity: input.severity,
    title: input.title,
    body: input.body ?? "",
    subject: input.subject,
    system: input.system ?? null,
    link: `${appBaseUrl()}${input.path}`,
  };
  const endpoints = (await tx.webhookEndpoint.findMany({ where: { orgId: input.orgId, active: true }, select: { id: true, format: true, minSeverity: true } })).filter((e) =>
    meetsSeverity(input.severity, e.minSeverity),
  );
  const deliveries = await tx.webhookDelivery.createMany({
    data: endpoints.map((e) => ({
      orgId: input.orgId,
      endpointId: e.id,
      subjectKey: input.subjectKey,
      event: input.event,
      payload: governanceWebhookPayload(e.format, notice) as unknown as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
  });
  return { notified: created.count, deliveries: deliveries.count };
}

/** Queues the organisation's pending deliveries once their rows have committed. */
export async function flushGovernanceWebhooks(orgId: string): Promise<void> {
  await enqueuePendingDeliveries({ orgId }).catch((error: unknown) => {
    // Redis down: the rows stay pending and the next sweep (or alert) queues them.
    console.warn(`Governance webhooks for ${orgId} stay pending: ${error instanceof Error ? error.message : String(error)}`);
  });
}

export const unreadCount = (userId: string, orgId: string) => prisma.notification.count({ where: { userId, orgId, readAt: null } });
