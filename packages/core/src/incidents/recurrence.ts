/** An incident recurs when its system had another with the same root cause within this many days before it. */
export const RECURRENCE_WINDOW_DAYS = 90;

const WINDOW_MS = RECURRENCE_WINDOW_DAYS * 24 * 60 * 60 * 1000;

export type RecurrenceCandidate = { id: string; systemId: string | null; rootCause: string | null; detectedAt: Date };

const earlier = (a: RecurrenceCandidate, b: RecurrenceCandidate) =>
  a.detectedAt.getTime() < b.detectedAt.getTime() || (a.detectedAt.getTime() === b.detectedAt.getTime() && a.id < b.id);

/**
 * The incident this one repeats: the latest other incident of the same
 * system with the same root cause detected in the 90 days before it (by
 * detection time). Null without a system or a root cause, or when none is found.
 */
export function findRecurrence<T extends RecurrenceCandidate>(incident: RecurrenceCandidate, others: readonly T[]): T | null {
  if (!incident.systemId || !incident.rootCause) return null;
  let found: T | null = null;
  for (const other of others) {
    if (other.id === incident.id || other.systemId !== incident.systemId || other.rootCause !== incident.rootCause) continue;
    if (!earlier(other, incident)) continue;
    if (incident.detectedAt.getTime() - other.detectedAt.getTime() > WINDOW_MS) continue;
    if (found === null || earlier(found, other)) found = other;
  }
  return found;
}
