import type { RiskTier } from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;

/** An exception expiring within this many days shows as "expiring" in the register. */
export const EXCEPTION_EXPIRING_DAYS = 14;

export type ExceptionDatesProblem = { path: "expiresAt" | "reReviewAt"; message: string };

/** The latest expiry a tier allows for an exception granted at `now`. */
export function exceptionExpiryCap(now: Date, maxExceptionDays: number): Date {
  return new Date(now.getTime() + maxExceptionDays * DAY_MS);
}

/**
 * Checks an exception's dates against the tier policy: the expiry is required,
 * in the future and no later than `maxExceptionDays` from now; the re-review
 * date is in the future and not after the expiry. Null when both are fine.
 */
export function exceptionDatesProblem(args: {
  expiresAt: Date;
  reReviewAt: Date;
  now: Date;
  tier: RiskTier;
  maxExceptionDays: number;
}): ExceptionDatesProblem | null {
  const { expiresAt, reReviewAt, now, tier, maxExceptionDays } = args;
  const cap = exceptionExpiryCap(now, maxExceptionDays);
  if (expiresAt.getTime() <= now.getTime()) return { path: "expiresAt", message: "The expiry date must be in the future." };
  if (expiresAt.getTime() > cap.getTime()) {
    return {
      path: "expiresAt",
      message: `An exception on a ${tier}-tier system may last at most ${maxExceptionDays} days: choose an expiry on or before ${cap.toISOString().slice(0, 10)}.`,
    };
  }
  if (reReviewAt.getTime() <= now.getTime()) return { path: "reReviewAt", message: "The re-review date must be in the future." };
  if (reReviewAt.getTime() > expiresAt.getTime()) return { path: "reReviewAt", message: "The re-review date must be on or before the expiry date." };
  return null;
}

/** Whole days until `expiresAt` (rounded up); 0 or less once it has passed. */
export function exceptionDaysLeft(expiresAt: Date, now: Date): number {
  return Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS);
}

export type ExceptionState = "active" | "expiring" | "expired" | "revoked";

/** The register's view of an exception at `now`, from its stored status and its expiry date. */
export function exceptionState(e: { status: "active" | "expired" | "revoked"; expiresAt: Date }, now: Date): ExceptionState {
  if (e.status === "revoked") return "revoked";
  if (e.status === "expired" || e.expiresAt.getTime() <= now.getTime()) return "expired";
  return exceptionDaysLeft(e.expiresAt, now) <= EXCEPTION_EXPIRING_DAYS ? "expiring" : "active";
}
