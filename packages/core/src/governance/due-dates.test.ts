import { describe, expect, it } from "vitest";
import { dueDeadline, isPastDue, pastDueBefore } from "./due-dates";

describe("due dates", () => {
  const due = new Date("2030-03-10T00:00:00Z");

  it("run to the end of the due day in UTC", () => {
    expect(dueDeadline(due).toISOString()).toBe("2030-03-11T00:00:00.000Z");
    expect(dueDeadline(new Date("2030-03-10T17:45:00Z")).toISOString()).toBe("2030-03-11T00:00:00.000Z");
    expect(isPastDue(due, new Date("2030-03-10T23:59:59.999Z"))).toBe(false);
    expect(isPastDue(due, new Date("2030-03-11T00:00:00Z"))).toBe(true);
  });

  it("agree with the database filter for any stored time of day", () => {
    for (const stored of [due, new Date("2030-03-10T23:00:00Z")]) {
      for (const now of ["2030-03-10T12:00:00Z", "2030-03-10T23:59:59Z", "2030-03-11T00:00:00Z", "2030-03-12T08:00:00Z"].map((t) => new Date(t))) {
        expect(stored < pastDueBefore(now), `${stored.toISOString()} at ${now.toISOString()}`).toBe(isPastDue(stored, now));
      }
    }
  });
});
