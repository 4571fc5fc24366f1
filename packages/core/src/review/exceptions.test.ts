import { describe, expect, it } from "vitest";
import { exceptionDatesProblem, exceptionDaysLeft, exceptionExpiryCap, exceptionState } from "./exceptions";

const now = new Date("2026-03-10T12:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 24 * 60 * 60 * 1000);

describe("exception dates", () => {
  it("accepts an expiry within the tier's cap and a re-review before it", () => {
    expect(exceptionDatesProblem({ expiresAt: days(90), reReviewAt: days(60), now, tier: "critical", maxExceptionDays: 90 })).toBeNull();
    expect(exceptionDatesProblem({ expiresAt: days(30), reReviewAt: days(30), now, tier: "critical", maxExceptionDays: 90 })).toBeNull();
  });

  it("refuses an expiry beyond the cap, naming the cap and the last allowed day", () => {
    expect(exceptionExpiryCap(now, 90).toISOString()).toBe("2026-06-08T12:00:00.000Z");
    expect(exceptionDatesProblem({ expiresAt: days(91), reReviewAt: days(30), now, tier: "critical", maxExceptionDays: 90 })).toEqual({
      path: "expiresAt",
      message: "An exception on a critical-tier system may last at most 90 days: choose an expiry on or before 2026-06-08.",
    });
  });

  it("refuses a past expiry, a past re-review and a re-review after the expiry", () => {
    const base = { now, tier: "high" as const, maxExceptionDays: 120 };
    expect(exceptionDatesProblem({ ...base, expiresAt: days(-1), reReviewAt: days(-2) })?.path).toBe("expiresAt");
    expect(exceptionDatesProblem({ ...base, expiresAt: now, reReviewAt: now })?.message).toBe("The expiry date must be in the future.");
    expect(exceptionDatesProblem({ ...base, expiresAt: days(10), reReviewAt: days(-1) })).toEqual({ path: "reReviewAt", message: "The re-review date must be in the future." });
    expect(exceptionDatesProblem({ ...base, expiresAt: days(10), reReviewAt: days(11) })).toEqual({ path: "reReviewAt", message: "The re-review date must be on or before the expiry date." });
  });
});

describe("exception state", () => {
  it("is active, expiring within 14 days, expired once past its date, or revoked", () => {
    expect(exceptionState({ status: "active", expiresAt: days(30) }, now)).toBe("active");
    expect(exceptionState({ status: "active", expiresAt: days(14) }, now)).toBe("expiring");
    expect(exceptionState({ status: "active", expiresAt: days(-0.01) }, now)).toBe("expired");
    expect(exceptionState({ status: "expired", expiresAt: days(5) }, now)).toBe("expired");
    expect(exceptionState({ status: "revoked", expiresAt: days(30) }, now)).toBe("revoked");
    expect(exceptionDaysLeft(days(2.5), now)).toBe(3);
    expect(exceptionDaysLeft(days(-1), now)).toBe(-1);
  });
});
