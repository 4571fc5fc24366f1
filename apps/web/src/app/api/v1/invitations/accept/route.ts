import { acceptInvitation, unauthenticated } from "@assay/services";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { errorResponse, toErrorResponse } from "@/lib/api";
import { ORG_COOKIE, currentUserId } from "@/lib/context";

const acceptSchema = z.object({ token: z.string().min(16, "The invitation link is incomplete.") });

/**
 * A signed-in user joins the invitation's organisation. Not behind apiRoute:
 * the invitee may belong to no organisation yet, which apiRoute treats as
 * unauthenticated. Switches the session to the organisation just joined.
 */
export async function POST(req: NextRequest) {
  try {
    const userId = await currentUserId();
    if (!userId) throw unauthenticated();
    let body: unknown;
    try {
      body = await req.json();
    } catch {
      return errorResponse(400, "invalid_json", "The request body must be valid JSON.");
    }
    const { token } = acceptSchema.parse(body);
    const membership = await acceptInvitation(userId, token);
    const res = NextResponse.json({ membershipId: membership.id, orgId: membership.orgId, roles: membership.roles });
    res.cookies.set(ORG_COOKIE, membership.orgId, { httpOnly: true, sameSite: "lax", path: "/", secure: process.env.NODE_ENV === "production" });
    return res;
  } catch (error) {
    return toErrorResponse(error);
  }
}
