import { signUp } from "@assay/services";
import { NextResponse, type NextRequest } from "next/server";
import { errorResponse, toErrorResponse } from "@/lib/api";

/**
 * Creates an account (and an organisation, unless the body carries an
 * invitation token). The one v1 route open without a session, so it does not
 * go through apiRoute; the browser signs in with next-auth afterwards.
 */
export async function POST(req: NextRequest) {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return errorResponse(400, "invalid_json", "The request body must be valid JSON.");
  }
  try {
    const user = await signUp(body);
    return NextResponse.json(user, { status: 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
