import { addBusinessDays } from "../governance/tier-policy";

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a review requested at `requestedAt` is due: the tier's SLA in business days. */
export function reviewDueAt(requestedAt: Date, slaBusinessDays: number): Date {
  return addBusinessDays(requestedAt, slaBusinessDays);
}

export type ReviewSla = {
  dueAt: string;
  overdue: boolean;
  /** Whole days left (rounded up) or, when overdue, days past due (rounded up). */
  days: number;
  /** "due in 3 days", "due in 1 day", "overdue by 2 days". */
  label: string;
};

/** Where an undecided review stands against its SLA at `now`. */
export function reviewSla(dueAt: Date, now: Date): ReviewSla {
  const diff = dueAt.getTime() - now.getTime();
  const overdue = diff < 0;
  const days = Math.ceil(Math.abs(diff) / DAY_MS);
  const n = `${days} ${days === 1 ? "day" : "days"}`;
  return { dueAt: dueAt.toISOString(), overdue, days, label: overdue ? `overdue by ${n}` : days === 0 ? "due now" : `due in ${n}` };
}
