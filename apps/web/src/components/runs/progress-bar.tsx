import { cx } from "@/components/ui";

/** A determinate progress bar (0–100) that assistive technology reads with its note. */
export function ProgressBar({ value, label, note, size = "md" }: { value: number; label: string; note?: string; size?: "sm" | "md" }) {
  const clamped = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped}
      aria-valuetext={note ? `${clamped}%: ${note}` : `${clamped}%`}
      className={cx("w-full overflow-hidden rounded-full bg-slate-200", size === "sm" ? "h-1.5" : "h-2.5")}
    >
      <div className="h-full rounded-full bg-brand-600 transition-[width] duration-500" style={{ width: `${clamped}%` }} />
    </div>
  );
}
