import { prisma, type Alert, type WebhookDelivery } from "@assay/db";
import { assertCan, type ServiceContext } from "../context";
import { notFound } from "../errors";
import { listDeliveriesFilterSchema } from "./schemas";

export type WebhookAttemptRecord = {
  attempt: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  createdAt: Date;
};

export type WebhookDeliveryRecord = {
  id: string;
  event: string;
  status: WebhookDelivery["status"];
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  endpoint: { id: string; name: string; format: string };
  /** Null for governance notices (reviews, exceptions, incidents), which name their subject in `subjectKey`. */
  alert: { id: string; message: string; severity: Alert["severity"]; state: Alert["state"] } | null;
  subjectKey: string | null;
  attemptLog: WebhookAttemptRecord[];
};

export const deliveryInclude = {
  endpoint: { select: { id: true, name: true, format: true } },
  alert: { select: { id: true, message: true, severity: true, state: true } },
  attemptLog: { orderBy: { attempt: "asc" }, select: { attempt: true, statusCode: true, error: true, durationMs: true, createdAt: true } },
} as const;

type DeliveryRow = WebhookDelivery & {
  endpoint: WebhookDeliveryRecord["endpoint"];
  alert: WebhookDeliveryRecord["alert"];
  attemptLog: WebhookAttemptRecord[];
};

/** The payload is left out: it is what the receiver got, and the log is for seeing whether it got it. */
export function toDeliveryRecord(row: DeliveryRow): WebhookDeliveryRecord {
  return {
    id: row.id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
    endpoint: row.endpoint,
    alert: row.alert,
    subjectKey: row.subjectKey,
    attemptLog: row.attemptLog,
  };
}

/** An endpoint's delivery log, newest first, with every attempt. */
export async function listWebhookDeliveries(ctx: ServiceContext, webhookId: string, rawFilter: unknown = {}): Promise<WebhookDeliveryRecord[]> {
  assertCan(ctx, "org.read");
  const filter = listDeliveriesFilterSchema.parse(rawFilter ?? {});
  const endpoint = await prisma.webhookEndpoint.findFirst({ where: { id: webhookId, orgId: ctx.orgId }, select: { id: true } });
  if (!endpoint) throw notFound("Webhook");
  const rows = await prisma.webhookDelivery.findMany({
    where: { orgId: ctx.orgId, endpointId: endpoint.id, ...(filter.status ? { status: filter.status } : {}) },
    include: deliveryInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filter.limit,
  });
  return rows.map(toDeliveryRecord);
}
