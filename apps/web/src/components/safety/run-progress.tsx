import { cx } from "@/components/ui";
import { formatCount, progressPercent } from "./run-format";

/**
 * Items answered out of the run's total, as a determinate progress bar that
 * assistive technology reads in items ("120 of 520 items, about 40 s left").
 */
export function SafetyRunProgress({ done, total, label, note, size = "md" }: { done: number; total: number; label: string; note?: string | null; size?: "sm" | "md" }) {
  const max = Math.max(0, total);
  const now = Math.max(0, Math.min(done, max));
  const percent = progressPercent(now, max);
  const text = `${formatCount(now)} of ${formatCount(max)} items (${percent}%)${note ? `, ${note}` : ""}`;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={now}
      aria-valuetext={text}
      className={cx("w-full overflow-hidden rounded-full bg-slate-200", size === "sm" ? "h-1.5" : "h-2.5")}
    >
      <div className="h-full rounded-full bg-brand-600 transition-[width] duration-500" style={{ width: `${percent}%` }} />
    </div>
  );
}
