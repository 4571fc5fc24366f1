import { auditEventHash, verifyAuditChain, type StoredAuditEvent } from "@assay/core";
import { prisma } from "@assay/db";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createInvitation, listMembers, revokeInvitation, updateMemberRoles } from "../src/accounts";
import { listAuditEntityTypes, listAuditEvents, verifyOrgAuditChain } from "../src/audit-trail";
import { ServiceError } from "../src/errors";
import { createTestOrg } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

let org: TestOrg;
let other: TestOrg;

async function storedChain(orgId: string): Promise<StoredAuditEvent[]> {
  const rows = await prisma.auditEvent.findMany({ where: { orgId }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({
    orgId: r.orgId, seq: r.seq, actorId: r.actorId, action: r.action, entityType: r.entityType, entityId: r.entityId,
    before: r.before, after: r.after, createdAt: r.createdAt, prevHash: r.prevHash, hash: r.hash,
  }));
}

beforeAll(async () => {
  org = await createTestOrg("audit");
  other = await createTestOrg("audit-other");
  // Several kinds of change by the admin, so the chain has a few links of different shapes.
  const approver = (await listMembers(org.admin)).find((m) => m.userId === org.approver.userId)!;
  await updateMemberRoles(org.admin, approver.membershipId, { roles: ["approver", "scientist"] });
  const first = await createInvitation(org.admin, { email: `a.${Date.now()}@example.test`, roles: ["auditor"] });
  await createInvitation(org.admin, { email: `b.${Date.now()}@example.test`, roles: ["scientist"] });
  await revokeInvitation(org.admin, first.id);
  await updateMemberRoles(org.admin, approver.membershipId, { roles: ["approver"] });
  await createInvitation(other.admin, { email: `c.${Date.now()}@example.test`, roles: ["auditor"] });
});

describe("the audit chain", () => {
  it("verifies after several mutations, for every role that may read", async () => {
    const events = await storedChain(org.org.id);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    for (const ctx of [org.admin, org.auditor, org.scientist]) {
      expect(await verifyOrgAuditChain(ctx)).toEqual({ ok: true, checked: 5, headHash: events[4]!.hash, orgId: org.org.id });
    }
    // Each organisation has its own chain.
    expect(await verifyOrgAuditChain(other.auditor)).toMatchObject({ ok: true, checked: 1 });
  });

  it("cannot be edited or deleted: Postgres refuses UPDATE and DELETE on AuditEvent", async () => {
    const [event] = await storedChain(org.org.id);
    await expect(prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "action" = 'tampered' WHERE "orgId" = $1 AND "seq" = 1`, org.org.id)).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "orgId" = $1`, org.org.id)).rejects.toThrow(/append-only/);
    await expect(prisma.auditEvent.update({ where: { orgId_seq: { orgId: org.org.id, seq: 1 } }, data: { after: { forged: true } } })).rejects.toThrow();
    const after = await storedChain(org.org.id);
    expect(after[0]).toEqual(event);
    expect(after).toHaveLength(5);
    expect(await verifyOrgAuditChain(org.auditor)).toMatchObject({ ok: true, checked: 5 });
  });

  it("names the first broken event of a tampered copy, and why", async () => {
    const events = await storedChain(org.org.id);
    expect(verifyAuditChain(events)).toMatchObject({ ok: true, checked: 5 });

    const altered = events.map((e) => (e.seq === 3 ? { ...e, after: { ...(e.after as object), roles: ["admin"] } } : e));
    expect(verifyAuditChain(altered)).toEqual({ ok: false, checked: 2, brokenAtSeq: 3, reason: "altered" });

    const actorChanged = events.map((e) => (e.seq === 2 ? { ...e, actorId: org.auditor.userId } : e));
    expect(verifyAuditChain(actorChanged)).toEqual({ ok: false, checked: 1, brokenAtSeq: 2, reason: "altered" });

    const dropped = events.filter((e) => e.seq !== 2);
    expect(verifyAuditChain(dropped)).toEqual({ ok: false, checked: 1, brokenAtSeq: 2, reason: "missing_or_reordered" });

    const swapped = [events[0]!, events[2]!, events[1]!, events[3]!, events[4]!];
    expect(verifyAuditChain(swapped)).toEqual({ ok: false, checked: 1, brokenAtSeq: 2, reason: "missing_or_reordered" });

    // A forger who recomputes the altered event's own hash still breaks the link to the next event.
    const rehashed = events.map((e) => {
      if (e.seq !== 3) return e;
      const forged = { ...e, after: { roles: ["admin"] } };
      return { ...forged, hash: auditEventHash(forged, forged.prevHash) };
    });
    expect(verifyAuditChain(rehashed)).toEqual({ ok: false, checked: 3, brokenAtSeq: 4, reason: "bad_link" });

    // Renumbering to hide a deletion breaks the links instead.
    const renumbered = dropped.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyAuditChain(renumbered)).toMatchObject({ ok: false, brokenAtSeq: 2 });
  });
});

describe("listing audit events", () => {
  it("returns the organisation's events newest first with actor names, filtered and paged", async () => {
    const page = await listAuditEvents(org.auditor, {});
    expect(page.events.map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(page.nextCursor).toBeNull();
    const adminName = (await prisma.user.findUniqueOrThrow({ where: { id: org.admin.userId } })).name;
    expect(page.events.every((e) => e.actor?.id === org.admin.userId && e.actor.name === adminName)).toBe(true);
    expect(page.events.every((e) => e.entityType === "Membership" || e.entityType === "Invitation")).toBe(true);

    const invitations = await listAuditEvents(org.auditor, { entityType: "Invitation" });
    expect(invitations.events.map((e) => e.action)).toEqual(["invitation.revoked", "invitation.created", "invitation.created"]);
    const membershipId = page.events.find((e) => e.entityType === "Membership")!.entityId;
    const byEntity = await listAuditEvents(org.auditor, { entityType: "Membership", entityId: membershipId });
    expect(byEntity.events.map((e) => [e.seq, e.before, e.after])).toEqual([
      [5, { roles: ["approver", "scientist"] }, { roles: ["approver"] }],
      [1, { roles: ["approver"] }, { roles: ["approver", "scientist"] }],
    ]);

    // Query-string values arrive as strings.
    const first = await listAuditEvents(org.auditor, { limit: "2" });
    expect(first.events.map((e) => e.seq)).toEqual([5, 4]);
    expect(first.nextCursor).toBe(4);
    const second = await listAuditEvents(org.auditor, { limit: 2, cursor: String(first.nextCursor) });
    expect(second.events.map((e) => e.seq)).toEqual([3, 2]);
    const last = await listAuditEvents(org.auditor, { limit: 2, cursor: second.nextCursor });
    expect(last).toMatchObject({ events: [expect.objectContaining({ seq: 1 })], nextCursor: null });

    await expect(listAuditEvents(org.auditor, { limit: 201 })).rejects.toBeInstanceOf(ZodError);
    expect(await listAuditEntityTypes(org.auditor)).toEqual(["Invitation", "Membership"]);
  });

  it("never shows another organisation's events", async () => {
    const ours = (await listAuditEvents(org.auditor, {})).events.map((e) => e.id);
    const theirs = await listAuditEvents(other.auditor, {});
    expect(theirs.events).toHaveLength(1);
    expect(theirs.events.map((e) => e.id).some((id) => ours.includes(id))).toBe(false);
    expect(await listAuditEvents(other.auditor, { entityId: (await storedChain(org.org.id))[0]!.entityId })).toEqual({ events: [], nextCursor: null });
  });

  it("requires membership context with read permission", async () => {
    const noRoles = { ...org.auditor, roles: [] };
    for (const call of [listAuditEvents(noRoles, {}), verifyOrgAuditChain(noRoles), listAuditEntityTypes(noRoles)]) {
      const error = await call.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as ServiceError).status).toBe(403);
    }
  });
});
