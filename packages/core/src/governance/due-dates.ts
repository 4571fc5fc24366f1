const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC at the start of `at`'s day. */
export function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/**
 * A due date means "by the end of that day (UTC)", for risks, mitigations and
 * corrective actions alike: the deadline is the next midnight.
 */
export function dueDeadline(dueDate: Date): Date {
  return new Date(startOfUtcDay(dueDate).getTime() + DAY_MS);
}

/** True once the whole due day has passed. */
export function isPastDue(dueDate: Date, now: Date = new Date()): boolean {
  return now.getTime() >= dueDeadline(dueDate).getTime();
}

/**
 * For a database filter: a stored due date is past due exactly when it falls
 * before the start of today (UTC), whatever time of day it was stored with.
 */
export function pastDueBefore(now: Date = new Date()): Date {
  return startOfUtcDay(now);
}
