import { listMemberships, notFound } from "@assay/services";
import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute } from "@/lib/api";
import { ORG_COOKIE } from "@/lib/context";

/** The organisation the caller is working in, with every organisation they belong to. */
export const GET = apiRoute(async ({ ctx }) => {
  const memberships = await listMemberships(ctx.userId);
  return { current: memberships.find((m) => m.orgId === ctx.orgId) ?? null, memberships };
});

const switchSchema = z.object({ orgId: z.string().trim().min(1, "Choose an organisation.") });

/** Switches organisation. Only organisations the caller belongs to; others answer 404. */
export const PUT = apiRoute(async ({ ctx, json }) => {
  const { orgId } = switchSchema.parse(await json());
  const membership = (await listMemberships(ctx.userId)).find((m) => m.orgId === orgId);
  if (!membership) throw notFound("Organisation");
  const res = NextResponse.json({ current: membership });
  res.cookies.set(ORG_COOKIE, membership.orgId, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: process.env.NODE_ENV === "production",
  });
  return res;
});
