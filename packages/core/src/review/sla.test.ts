import { describe, expect, it } from "vitest";
import { reviewDueAt, reviewSla } from "./sla";

describe("review SLA", () => {
  it("is due a number of business days after the request", () => {
    // Friday + 3 business days = Wednesday.
    expect(reviewDueAt(new Date("2026-03-06T09:00:00Z"), 3).toISOString()).toBe("2026-03-11T09:00:00.000Z");
  });

  it("counts days left, rounded up, then days overdue", () => {
    const due = new Date("2026-03-11T09:00:00Z");
    expect(reviewSla(due, new Date("2026-03-08T10:00:00Z"))).toEqual({ dueAt: "2026-03-11T09:00:00.000Z", overdue: false, days: 3, label: "due in 3 days" });
    expect(reviewSla(due, new Date("2026-03-11T08:00:00Z"))).toMatchObject({ overdue: false, days: 1, label: "due in 1 day" });
    expect(reviewSla(due, due)).toMatchObject({ overdue: false, days: 0, label: "due now" });
    expect(reviewSla(due, new Date("2026-03-11T10:00:00Z"))).toMatchObject({ overdue: true, days: 1, label: "overdue by 1 day" });
    expect(reviewSla(due, new Date("2026-03-13T10:00:00Z"))).toMatchObject({ overdue: true, days: 3, label: "overdue by 3 days" });
  });
});
