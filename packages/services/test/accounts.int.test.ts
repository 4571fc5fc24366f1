import { prisma } from "@assay/db";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import {
  acceptInvitation,
  authenticate,
  createInvitation,
  describeInvitation,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
  signUp,
  updateMemberRoles,
} from "../src/accounts";
import { verifyOrgAuditChain } from "../src/audit-trail";
import { createTestOrg, expectStatus } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let n = 0;
const email = (who: string) => `${who}.${run}.${++n}@example.test`;
const PASSWORD = "correct horse battery";


/** A user with a password and no organisation, as after signing up elsewhere. */
async function bareUser(address: string) {
  return prisma.user.create({ data: { email: address, name: `User ${address}` } });
}

let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  org = await createTestOrg("accounts");
  other = await createTestOrg("accounts-other");
});

describe("sign-up and sign-in", () => {
  it("creates a user, an organisation with the user as its only admin, and audit events for both", async () => {
    const address = email("founder");
    const user = await signUp({ name: "Ada Founder", email: address.toUpperCase(), password: PASSWORD, organizationName: "Founders Ltd" });
    expect(user.email).toBe(address);

    const founded = await prisma.organization.findUniqueOrThrow({ where: { id: user.orgId } });
    expect(founded.name).toBe("Founders Ltd");
    const memberships = await prisma.membership.findMany({ where: { userId: user.id } });
    expect(memberships).toEqual([expect.objectContaining({ orgId: founded.id, roles: ["admin"] })]);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toBeTruthy();
    expect(stored.passwordHash).not.toContain(PASSWORD);

    const events = await prisma.auditEvent.findMany({ where: { orgId: founded.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.seq, e.action, e.actorId])).toEqual([
      [1, "organization.created", user.id],
      [2, "membership.created", user.id],
    ]);
    const ctx = { userId: user.id, orgId: founded.id, roles: ["admin"] as const };
    expect(await verifyOrgAuditChain(ctx)).toMatchObject({ ok: true, checked: 2, headHash: events[1]!.hash });

    expect(await authenticate({ email: address, password: PASSWORD })).toEqual({ id: user.id, email: address, name: "Ada Founder" });
    expect(await authenticate({ email: ` ${address.toUpperCase()} `, password: PASSWORD })).toMatchObject({ id: user.id });
    expect(await authenticate({ email: address, password: "wrong password!" })).toBeNull();
    expect(await authenticate({ email: email("nobody"), password: PASSWORD })).toBeNull();
    expect(await authenticate({ email: "not an email", password: PASSWORD })).toBeNull();
  });

  it("refuses a second account for the same email (409), a short password and a missing organisation name", async () => {
    const address = email("dup");
    await signUp({ name: "First", email: address, password: PASSWORD, organizationName: "Dup Org" });
    await expectStatus(signUp({ name: "Second", email: address, password: PASSWORD, organizationName: "Dup Org 2" }), 409);
    await expect(signUp({ name: "Short", email: email("short"), password: "short", organizationName: "Org" })).rejects.toBeInstanceOf(ZodError);
    await expectStatus(signUp({ name: "No org", email: email("noorg"), password: PASSWORD }), 400);
    expect(await prisma.user.count({ where: { email: address } })).toBe(1);
  });
});

describe("invitations", () => {
  it("go from create to describe to accept; the link works once and only for the invited email", async () => {
    const invitee = await bareUser(email("invitee"));
    const stranger = await bareUser(email("stranger"));
    const created = await createInvitation(org.admin, { email: invitee.email.toUpperCase(), roles: ["approver", "auditor"] });
    expect(created.email).toBe(invitee.email);
    expect(created.token.length).toBeGreaterThanOrEqual(16);
    const row = await prisma.invitation.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).not.toBe(created.token);

    expect((await listInvitations(org.admin)).map((i) => i.id)).toContain(created.id);
    expect(await describeInvitation(created.token)).toEqual({ email: invitee.email, roles: ["approver", "auditor"], orgName: org.org.name });
    expect(await describeInvitation("x".repeat(32))).toBeNull();

    const mismatch = await expectStatus(acceptInvitation(stranger.id, created.token), 400);
    expect(mismatch.message).toContain(invitee.email);
    expect(await prisma.membership.count({ where: { userId: stranger.id } })).toBe(0);

    const membership = await acceptInvitation(invitee.id, created.token);
    expect(membership).toMatchObject({ orgId: org.org.id, userId: invitee.id, roles: ["approver", "auditor"] });
    const accepted = await prisma.auditEvent.findFirstOrThrow({ where: { orgId: org.org.id, entityId: membership.id } });
    expect(accepted).toMatchObject({ action: "invitation.accepted", actorId: invitee.id });

    await expectStatus(acceptInvitation(invitee.id, created.token), 400);
    expect(await describeInvitation(created.token)).toBeNull();
    expect((await listInvitations(org.admin)).map((i) => i.id)).not.toContain(created.id);
    expect((await listMembers(org.auditor)).find((m) => m.userId === invitee.id)?.roles).toEqual(["approver", "auditor"]);
  });

  it("lets a new user sign up from the link and join that organisation instead of creating one", async () => {
    const address = email("newcomer");
    const { token } = await createInvitation(org.admin, { email: address, roles: ["scientist"] });
    await expectStatus(signUp({ name: "Wrong", email: email("wrong"), password: PASSWORD, invitationToken: token }), 400);
    const user = await signUp({ name: "Newcomer", email: address, password: PASSWORD, invitationToken: token });
    expect(user.orgId).toBe(org.org.id);
    expect(await prisma.membership.findMany({ where: { userId: user.id }, select: { orgId: true, roles: true } })).toEqual([
      { orgId: org.org.id, roles: ["scientist"] },
    ]);
  });

  it("refuses revoked and expired links, and an invitation for someone already a member", async () => {
    const revokedFor = await bareUser(email("revoked"));
    const revoked = await createInvitation(org.admin, { email: revokedFor.email, roles: ["scientist"] });
    await expectStatus(revokeInvitation(other.admin, revoked.id), 404);
    await revokeInvitation(org.admin, revoked.id);
    expect(await describeInvitation(revoked.token)).toBeNull();
    await expectStatus(acceptInvitation(revokedFor.id, revoked.token), 400);

    const expiredFor = await bareUser(email("expired"));
    const expired = await createInvitation(org.admin, { email: expiredFor.email, roles: ["scientist"] });
    await prisma.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await describeInvitation(expired.token)).toBeNull();
    await expectStatus(acceptInvitation(expiredFor.id, expired.token), 400);
    expect(await prisma.membership.count({ where: { userId: { in: [revokedFor.id, expiredFor.id] } } })).toBe(0);

    const scientistEmail = (await prisma.user.findUniqueOrThrow({ where: { id: org.scientist.userId } })).email;
    await expectStatus(createInvitation(org.admin, { email: scientistEmail, roles: ["auditor"] }), 409);
    await expect(createInvitation(org.admin, { email: email("noroles"), roles: [] })).rejects.toBeInstanceOf(ZodError);
  });

  it("are for admins only", async () => {
    for (const role of ["scientist", "product_owner", "approver", "auditor"] as const) {
      await expectStatus(createInvitation(org[role], { email: email("x"), roles: ["admin"] }), 403);
      await expectStatus(listInvitations(org[role]), 403);
    }
    const { id } = await createInvitation(org.admin, { email: email("keep"), roles: ["auditor"] });
    await expectStatus(revokeInvitation(org.scientist, id), 403);
  });
});

describe("members and roles", () => {
  it("only admins change roles or remove members; other organisations' members are not found", async () => {
    const target = (await listMembers(org.admin)).find((m) => m.userId === org.approver.userId)!;
    for (const role of ["scientist", "product_owner", "approver", "auditor"] as const) {
      await expectStatus(updateMemberRoles(org[role], target.membershipId, { roles: ["admin"] }), 403);
      await expectStatus(removeMember(org[role], target.membershipId), 403);
    }
    const otherMember = (await listMembers(other.admin))[0]!;
    await expectStatus(updateMemberRoles(org.admin, otherMember.membershipId, { roles: ["auditor"] }), 404);
    await expectStatus(removeMember(org.admin, otherMember.membershipId), 404);
    await expect(updateMemberRoles(org.admin, target.membershipId, { roles: [] })).rejects.toBeInstanceOf(ZodError);

    const updated = await updateMemberRoles(org.admin, target.membershipId, { roles: ["approver", "scientist"] });
    expect(updated.roles).toEqual(["approver", "scientist"]);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { orgId: org.org.id, entityId: target.membershipId }, orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "membership.roles_changed", actorId: org.admin.userId, before: { roles: ["approver"] }, after: { roles: ["approver", "scientist"] } });
  });

  it("keeps at least one admin: the last admin can be neither removed nor demoted (409)", async () => {
    const o = await createTestOrg("last-admin");
    const adminMembership = (await listMembers(o.admin)).find((m) => m.userId === o.admin.userId)!;
    await expectStatus(removeMember(o.admin, adminMembership.membershipId), 409);
    await expectStatus(updateMemberRoles(o.admin, adminMembership.membershipId, { roles: ["auditor"] }), 409);

    // With a second admin, the first may step down and the member can be removed.
    const second = (await listMembers(o.admin)).find((m) => m.userId === o.scientist.userId)!;
    await updateMemberRoles(o.admin, second.membershipId, { roles: ["scientist", "admin"] });
    await removeMember(o.admin, adminMembership.membershipId);
    expect((await listMembers(o.auditor)).map((m) => m.userId)).not.toContain(o.admin.userId);
    const removed = await prisma.auditEvent.findFirstOrThrow({ where: { orgId: o.org.id, action: "membership.removed" } });
    expect(removed).toMatchObject({ entityId: adminMembership.membershipId, actorId: o.admin.userId });
    expect(await verifyOrgAuditChain(o.auditor)).toMatchObject({ ok: true });
  });
});
