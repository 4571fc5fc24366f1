import { hashCanonical } from "./canonical";

/** The genesis link of every organisation's chain. */
export const AUDIT_GENESIS_HASH = "0".repeat(64);

export type AuditEventContent = {
  orgId: string;
  seq: number;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  createdAt: Date | string;
};

/** hash = SHA-256 over the canonical event content and the previous event's hash. */
export function auditEventHash(content: AuditEventContent, prevHash: string): string {
  // Pick the hashed fields explicitly: stored rows also carry id and hash,
  // which must not feed into their own hash.
  const { orgId, seq, actorId, action, entityType, entityId, before, after } = content;
  return hashCanonical({
    orgId, seq, actorId, action, entityType, entityId, before, after,
    createdAt: new Date(content.createdAt).toISOString(),
    prevHash,
  });
}

export type StoredAuditEvent = AuditEventContent & { prevHash: string; hash: string };

export type ChainVerdict =
  | { ok: true; checked: number; headHash: string }
  | { ok: false; checked: number; brokenAtSeq: number; reason: "altered" | "missing_or_reordered" | "bad_link" };

/** Walks one organisation's events in seq order and names the first broken link. */
export function verifyAuditChain(events: readonly StoredAuditEvent[], anchorHash = AUDIT_GENESIS_HASH, firstSeq = 1): ChainVerdict {
  let prev = anchorHash;
  let expectedSeq = firstSeq;
  for (const [i, event] of events.entries()) {
    if (event.seq !== expectedSeq) return { ok: false, checked: i, brokenAtSeq: expectedSeq, reason: "missing_or_reordered" };
    if (event.prevHash !== prev) return { ok: false, checked: i, brokenAtSeq: event.seq, reason: "bad_link" };
    if (auditEventHash(event, event.prevHash) !== event.hash) return { ok: false, checked: i, brokenAtSeq: event.seq, reason: "altered" };
    prev = event.hash;
    expectedSeq += 1;
  }
  return { ok: true, checked: events.length, headHash: prev };
}
