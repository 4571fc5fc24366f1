import { createInvitation, invitationLink, listInvitations } from "@assay/services";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(async ({ ctx }) => listInvitations(ctx));

/**
 * Body: { email, roles }. Answers with the invitation link: no mail is sent,
 * so the admin passes the link on. NEXTAUTH_URL wins over the request origin
 * because behind a proxy the origin may be an internal address.
 */
export const POST = apiRoute(async ({ ctx, json, req }) => {
  const { token, ...invitation } = await createInvitation(ctx, await json());
  const base = process.env.NEXTAUTH_URL ?? req.nextUrl.origin;
  return { ...invitation, link: invitationLink(base, token) };
}, { status: 201 });
