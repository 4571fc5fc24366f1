import { verifyAuditChain, AUDIT_GENESIS_HASH, type ChainVerdict, type StoredAuditEvent } from "@assay/core";
import { prisma } from "@assay/db";
import { assertCan, type ServiceContext } from "../context";

/** Events are read in pages so a long trail does not have to fit in memory at once. */
const VERIFY_BATCH = 2000;

export type ChainVerification = ChainVerdict & { orgId: string };

/**
 * Recomputes every hash of the organisation's audit chain from the stored
 * rows and names the first event that no longer matches.
 */
export async function verifyOrgAuditChain(ctx: ServiceContext): Promise<ChainVerification> {
  assertCan(ctx, "org.read");
  let anchor = AUDIT_GENESIS_HASH;
  let nextSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await prisma.auditEvent.findMany({
      where: { orgId: ctx.orgId, seq: { gte: nextSeq } },
      orderBy: { seq: "asc" },
      take: VERIFY_BATCH,
    });
    if (rows.length === 0) break;
    const events: StoredAuditEvent[] = rows.map((r) => ({
      orgId: r.orgId,
      seq: r.seq,
      actorId: r.actorId,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      createdAt: r.createdAt,
      prevHash: r.prevHash,
      hash: r.hash,
    }));
    const verdict = verifyAuditChain(events, anchor, nextSeq);
    if (!verdict.ok) return { ...verdict, checked: checked + verdict.checked, orgId: ctx.orgId };
    checked += verdict.checked;
    anchor = verdict.headHash;
    nextSeq += rows.length;
    if (rows.length < VERIFY_BATCH) break;
  }
  return { ok: true, checked, headHash: anchor, orgId: ctx.orgId };
}
