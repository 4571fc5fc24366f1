import { describe, expect, it } from "vitest";
import { AUDIT_GENESIS_HASH, auditEventHash, type StoredAuditEvent } from "./audit-chain";
import { auditSegmentSchema, buildAuditSegment, verifyAuditSegment } from "./audit-segment";

function chain(n: number): StoredAuditEvent[] {
  const out: StoredAuditEvent[] = [];
  let prev = AUDIT_GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      orgId: "org-1",
      seq,
      actorId: seq % 2 ? "user-a" : null,
      action: seq % 3 ? "risk.updated" : "system.updated",
      entityType: seq % 3 ? "RiskEntry" : "AiSystem",
      entityId: seq % 3 ? "risk-1" : "system-9",
      before: { n: seq - 1 },
      after: { n: seq },
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
    };
    const hash = auditEventHash(content, prev);
    out.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

const events = chain(8);
// The pack's subject is risk-1; the system-9 events appear as links only.
const segment = buildAuditSegment("org-1", events.slice(2), events[1]!.hash, (e) => e.entityId === "risk-1");

describe("audit chain segments in evidence packs", () => {
  it("verifies a segment that mixes full events and link-only events, anchored at both ends", () => {
    expect(auditSegmentSchema.parse(JSON.parse(JSON.stringify(segment)))).toEqual(segment);
    expect(segment.anchor).toEqual({ seq: 2, hash: events[1]!.hash });
    expect(segment.head).toEqual({ seq: 8, hash: events[7]!.hash });
    expect(segment.events.filter((e) => e.kind === "link").map((e) => e.seq)).toEqual([3, 6]);
    expect(verifyAuditSegment(segment)).toEqual({ ok: true, checked: 6, fullEvents: 4, headHash: events[7]!.hash });
  });

  it("names an altered event", () => {
    const altered = { ...segment, events: segment.events.map((e) => (e.seq === 5 && e.kind === "event" ? { ...e, after: { n: 99 } } : e)) };
    expect(verifyAuditSegment(altered)).toEqual({ ok: false, checked: 2, brokenAtSeq: 5, reason: "altered" });
  });

  it("names a deleted event, in the middle or at the end", () => {
    const middle = { ...segment, events: segment.events.filter((e) => e.seq !== 4) };
    expect(verifyAuditSegment(middle)).toEqual({ ok: false, checked: 1, brokenAtSeq: 4, reason: "missing_or_reordered" });
    const tail = { ...segment, events: segment.events.filter((e) => e.seq !== 8) };
    expect(verifyAuditSegment(tail)).toEqual({ ok: false, checked: 5, brokenAtSeq: 8, reason: "head_mismatch" });
  });

  it("names reordered events", () => {
    const [a, b, ...rest] = segment.events;
    expect(verifyAuditSegment({ ...segment, events: [b!, a!, ...rest] })).toEqual({ ok: false, checked: 0, brokenAtSeq: 3, reason: "missing_or_reordered" });
  });

  it("catches a forged event whose own hash was recomputed, at the next link", () => {
    const forged = {
      ...segment,
      events: segment.events.map((e) => (e.seq === 4 && e.kind === "event" ? { ...e, after: { n: 0 }, hash: auditEventHash({ ...e, after: { n: 0 } }, e.prevHash) } : e)),
    };
    expect(verifyAuditSegment(forged)).toEqual({ ok: false, checked: 2, brokenAtSeq: 5, reason: "bad_link" });
  });
});
