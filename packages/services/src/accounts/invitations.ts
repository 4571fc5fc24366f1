import { randomBytes } from "node:crypto";
import { roleSchema, sha256Hex } from "@assay/core";
import { prisma, type Tx } from "@assay/db";
import { z } from "zod";
import { appendAudit, mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, invalid, notFound } from "../errors";
import { emailSchema } from "./schemas";

const INVITATION_TTL_DAYS = 14;

export const createInvitationSchema = z.object({
  email: emailSchema,
  roles: z.array(roleSchema).min(1, "Choose at least one role."),
});

/** The raw token goes only into the link; the database stores its hash. */
function newToken() {
  const token = randomBytes(24).toString("base64url");
  return { token, tokenHash: sha256Hex(token) };
}

export function invitationLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, "")}/invite/${token}`;
}

export async function createInvitation(ctx: ServiceContext, raw: unknown) {
  assertCan(ctx, "org.manage");
  const input = createInvitationSchema.parse(raw);
  const alreadyMember = await prisma.membership.findFirst({ where: { orgId: ctx.orgId, user: { email: input.email } } });
  if (alreadyMember) throw conflict(`${input.email} is already a member of this organisation.`);
  const { token, tokenHash } = newToken();
  const invitation = await mutate(ctx, async (tx, record) => {
    const created = await tx.invitation.create({
      data: {
        orgId: ctx.orgId,
        email: input.email,
        roles: input.roles,
        tokenHash,
        invitedById: ctx.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
      },
    });
    const { tokenHash: _omit, ...safe } = created;
    await record({ action: "invitation.created", entityType: "Invitation", entityId: created.id, after: safe });
    return created;
  });
  return { id: invitation.id, email: invitation.email, roles: invitation.roles, expiresAt: invitation.expiresAt, token };
}

export async function listInvitations(ctx: ServiceContext) {
  assertCan(ctx, "org.manage");
  return prisma.invitation.findMany({
    where: { orgId: ctx.orgId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, roles: true, expiresAt: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeInvitation(ctx: ServiceContext, invitationId: string) {
  assertCan(ctx, "org.manage");
  const invitation = await prisma.invitation.findFirst({ where: { id: invitationId, orgId: ctx.orgId } });
  if (!invitation) throw notFound("Invitation");
  await mutate(ctx, async (tx, record) => {
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await record({ action: "invitation.revoked", entityType: "Invitation", entityId: invitation.id, before: { email: invitation.email } });
  });
}

/** What an invitee sees before accepting: the organisation and roles, nothing else. */
export async function describeInvitation(token: string) {
  const invitation = await prisma.invitation.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { org: true } });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) return null;
  return { email: invitation.email, roles: invitation.roles, orgName: invitation.org.name };
}

export async function acceptInvitationInTx(tx: Tx, token: string, userId: string, userEmail: string) {
  const invitation = await tx.invitation.findUnique({ where: { tokenHash: sha256Hex(token) } });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) {
    throw invalid("This invitation link is invalid or has expired. Ask an admin for a new one.");
  }
  if (invitation.email !== userEmail.toLowerCase()) {
    throw invalid(`This invitation was sent to ${invitation.email}. Sign in with that address to accept it.`);
  }
  const existing = await tx.membership.findUnique({ where: { orgId_userId: { orgId: invitation.orgId, userId } } });
  if (existing) throw conflict("You are already a member of this organisation.");
  const membership = await tx.membership.create({ data: { orgId: invitation.orgId, userId, roles: invitation.roles } });
  await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } });
  await appendAudit(tx, invitation.orgId, userId, { action: "invitation.accepted", entityType: "Membership", entityId: membership.id, after: membership });
  return membership;
}

/** An existing, signed-in user accepts an invitation. */
export async function acceptInvitation(userId: string, token: string) {
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user) throw notFound("User");
  return prisma.$transaction((tx) => acceptInvitationInTx(tx, token, user.id, user.email));
}
