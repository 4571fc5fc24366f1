import { auditEventHash, AUDIT_GENESIS_HASH } from "@assay/core";
import { prisma, type Prisma, type Tx } from "@assay/db";
import type { ServiceContext } from "./context";

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/**
 * Appends one event to the organisation's hash chain inside the caller's
 * transaction, so the change and its audit record commit or fail together.
 */
export async function appendAudit(tx: Tx, orgId: string, actorId: string | null, entry: AuditEntry) {
  // Serialise appends per organisation so seq and prevHash form one chain.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"audit:" + orgId}, 0))`;
  const head = await tx.auditEvent.findFirst({ where: { orgId }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? AUDIT_GENESIS_HASH;
  const createdAt = new Date();
  const before = toJson(entry.before);
  const after = toJson(entry.after);
  const content = { orgId, seq, actorId, action: entry.action, entityType: entry.entityType, entityId: entry.entityId, before, after, createdAt };
  const hash = auditEventHash(content, prevHash);
  return tx.auditEvent.create({
    data: {
      ...content,
      before: before === null ? undefined : (before as Prisma.InputJsonValue),
      after: after === null ? undefined : (after as Prisma.InputJsonValue),
      prevHash,
      hash,
    },
  });
}

/** JSON round-trip so the hashed content equals what Postgres stores and returns. */
function toJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
}

/**
 * Runs a change and its audit events in one transaction.
 * `record` appends an audit event attributed to the caller.
 */
export async function mutate<T>(
  ctx: ServiceContext,
  work: (tx: Tx, record: (entry: AuditEntry) => Promise<void>) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const record = async (entry: AuditEntry) => {
      await appendAudit(tx, ctx.orgId, ctx.userId, entry);
    };
    return work(tx, record);
  });
}
