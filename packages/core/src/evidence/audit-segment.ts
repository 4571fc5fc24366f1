import { z } from "zod";
import { auditEventHash, type StoredAuditEvent } from "./audit-chain";

/**
 * A contiguous stretch of one organisation's audit chain, as an evidence pack
 * carries it. Events about the pack's subject are complete, so their content
 * can be re-hashed; the others in between are links only (seq, prevHash,
 * hash), which keeps other systems' details out of the pack while leaving the
 * chain unbroken. The anchors are the hash before the first event and the
 * hash of the last one (the last event about the subject, so a pack rebuilt
 * from unchanged records is identical); an auditor compares them with any
 * later copy of the chain.
 */
const fullEventSchema = z.object({
  kind: z.literal("event"),
  orgId: z.string(),
  seq: z.number().int().positive(),
  actorId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  createdAt: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
const linkSchema = z.object({ kind: z.literal("link"), seq: z.number().int().positive(), prevHash: z.string(), hash: z.string() });

export const auditSegmentSchema = z.object({
  format: z.literal("assay-audit-segment/1"),
  orgId: z.string(),
  anchor: z.object({ seq: z.number().int().min(0), hash: z.string() }),
  head: z.object({ seq: z.number().int().min(0), hash: z.string() }),
  events: z.array(z.discriminatedUnion("kind", [fullEventSchema, linkSchema])),
});
export type AuditSegment = z.infer<typeof auditSegmentSchema>;

export type SegmentVerdict =
  | { ok: true; checked: number; fullEvents: number; headHash: string }
  | { ok: false; checked: number; brokenAtSeq: number; reason: "altered" | "missing_or_reordered" | "bad_link" | "head_mismatch" };

/** Builds the segment from stored events in seq order; `relevant` says which to include in full. */
export function buildAuditSegment(orgId: string, events: readonly StoredAuditEvent[], anchorHash: string, relevant: (e: StoredAuditEvent) => boolean): AuditSegment {
  const first = events[0];
  const last = events.at(-1);
  return {
    format: "assay-audit-segment/1",
    orgId,
    anchor: { seq: first ? first.seq - 1 : 0, hash: first ? first.prevHash : anchorHash },
    head: { seq: last?.seq ?? 0, hash: last?.hash ?? anchorHash },
    events: events.map((e) =>
      relevant(e)
        ? {
            kind: "event" as const,
            orgId: e.orgId,
            seq: e.seq,
            actorId: e.actorId,
            action: e.action,
            entityType: e.entityType,
            entityId: e.entityId,
            before: e.before ?? null,
            after: e.after ?? null,
            createdAt: new Date(e.createdAt).toISOString(),
            prevHash: e.prevHash,
            hash: e.hash,
          }
        : { kind: "link" as const, seq: e.seq, prevHash: e.prevHash, hash: e.hash },
    ),
  };
}

/**
 * Checks a segment offline: consecutive seqs from the anchor, each prevHash
 * equal to the hash before it, full events re-hashed, and the last hash equal
 * to the recorded head. Names the first broken link.
 */
export function verifyAuditSegment(segment: AuditSegment): SegmentVerdict {
  let prev = segment.anchor.hash;
  let expectedSeq = segment.anchor.seq + 1;
  let full = 0;
  for (const [i, e] of segment.events.entries()) {
    if (e.seq !== expectedSeq) return { ok: false, checked: i, brokenAtSeq: expectedSeq, reason: "missing_or_reordered" };
    if (e.prevHash !== prev) return { ok: false, checked: i, brokenAtSeq: e.seq, reason: "bad_link" };
    if (e.kind === "event") {
      full += 1;
      if (e.orgId !== segment.orgId || auditEventHash(e, e.prevHash) !== e.hash) {
        return { ok: false, checked: i, brokenAtSeq: e.seq, reason: "altered" };
      }
    }
    prev = e.hash;
    expectedSeq += 1;
  }
  if (segment.events.length > 0 && (prev !== segment.head.hash || expectedSeq - 1 !== segment.head.seq)) {
    return { ok: false, checked: segment.events.length, brokenAtSeq: expectedSeq, reason: "head_mismatch" };
  }
  return { ok: true, checked: segment.events.length, fullEvents: full, headHash: prev };
}
