import { prisma, type Role } from "@assay/db";
import { appendAudit } from "../audit";
import { conflict, invalid } from "../errors";
import { hashPassword, verifyPassword } from "./passwords";
import { signUpSchema, credentialsSchema } from "./schemas";
import { acceptInvitationInTx } from "./invitations";

export type SessionUser = { id: string; email: string; name: string };

/** Returns the user for a correct email and password, otherwise null (never says which was wrong). */
export async function authenticate(raw: unknown): Promise<SessionUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const user = await prisma.user.findUnique({ where: { email: parsed.data.email } });
  if (!user?.passwordHash) return null;
  if (!(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name };
}

export function slugify(name: string): string {
  const base = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40);
  return base || "org";
}

/**
 * Creates an account. Either joins the organisation of an invitation or creates
 * a new organisation with the new user as its admin.
 */
export async function signUp(raw: unknown): Promise<SessionUser & { orgId: string }> {
  const input = signUpSchema.parse(raw);
  if (!input.invitationToken && !input.organizationName) {
    throw invalid("Name your organisation, or sign up from an invitation link.");
  }
  const existing = await prisma.user.findUnique({ where: { email: input.email } });
  if (existing) throw conflict("An account with this email already exists. Sign in instead.");
  const passwordHash = await hashPassword(input.password);

  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
    let orgId: string;
    if (input.invitationToken) {
      orgId = (await acceptInvitationInTx(tx, input.invitationToken, user.id, user.email)).orgId;
    } else {
      const orgName = input.organizationName!;
      const slug = `${slugify(orgName)}-${user.id.slice(-6)}`;
      const org = await tx.organization.create({ data: { name: orgName, slug } });
      const roles: Role[] = ["admin"];
      const membership = await tx.membership.create({ data: { orgId: org.id, userId: user.id, roles } });
      await appendAudit(tx, org.id, user.id, { action: "organization.created", entityType: "Organization", entityId: org.id, after: org });
      await appendAudit(tx, org.id, user.id, { action: "membership.created", entityType: "Membership", entityId: membership.id, after: membership });
      orgId = org.id;
    }
    return { id: user.id, email: user.email, name: user.name, orgId };
  });
}

/** Single sign-on: links an OIDC identity to the user with the same verified email, or creates one. */
export async function findOrCreateOidcUser(issuer: string, subject: string, email: string, name: string): Promise<SessionUser> {
  const identity = await prisma.oidcIdentity.findUnique({ where: { issuer_subject: { issuer, subject } }, include: { user: true } });
  if (identity) return { id: identity.user.id, email: identity.user.email, name: identity.user.name };
  const normalisedEmail = email.trim().toLowerCase();
  const user =
    (await prisma.user.findUnique({ where: { email: normalisedEmail } })) ??
    (await prisma.user.create({ data: { email: normalisedEmail, name: name || normalisedEmail } }));
  await prisma.oidcIdentity.create({ data: { issuer, subject, userId: user.id } });
  return { id: user.id, email: user.email, name: user.name };
}
