import "server-only";
import { resolveContext, unauthenticated, type ServiceContext } from "@assay/services";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { authOptions } from "./auth";

/** The organisation the user is working in; validated against membership on every request. */
export const ORG_COOKIE = "assay_org";

export async function currentUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions);
  return session?.user?.id ?? null;
}

/** For route handlers: throws 401 without a session. */
export async function requireContext(): Promise<ServiceContext> {
  const userId = await currentUserId();
  if (!userId) throw unauthenticated();
  const preferred = (await cookies()).get(ORG_COOKIE)?.value;
  const ctx = await resolveContext(userId, preferred);
  if (!ctx) throw unauthenticated();
  return ctx;
}

/** For pages: redirects to sign-in without a session. */
export async function pageContext(): Promise<ServiceContext> {
  const userId = await currentUserId();
  if (!userId) redirect("/signin");
  const preferred = (await cookies()).get(ORG_COOKIE)?.value;
  const ctx = await resolveContext(userId, preferred);
  if (!ctx) redirect("/signin?error=no-organisation");
  return ctx;
}
