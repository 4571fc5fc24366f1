import type { ReviewSla } from "@assay/core";
import { Badge, formatDay } from "@/components/ui";

/** "Due in 3 days" or, flagged, "Overdue by 2 days"; nothing once the review is decided. */
export function SlaBadge({ sla }: { sla: ReviewSla | null }) {
  if (!sla) return null;
  const text = sla.label.charAt(0).toUpperCase() + sla.label.slice(1);
  return (
    <span title={`Review SLA: due ${formatDay(sla.dueAt)}`}>
      <Badge tone={sla.overdue ? "bad" : sla.days <= 1 ? "warn" : "neutral"}>{sla.overdue ? `⚑ ${text}` : text}</Badge>
    </span>
  );
}

export function HoldBadge({ count }: { count: number }) {
  if (count === 0) return null;
  return <Badge tone="bad">{count === 1 ? "On hold" : `On hold (${count})`}</Badge>;
}
