import { buttonClass, cx } from "@/components/ui";

/**
 * A plain link, so the browser downloads the ZIP itself: no client state, and
 * it works for every role that may read the review, auditors included.
 */
export function DownloadPackButton({ reviewId, className }: { reviewId: string; className?: string }) {
  return (
    <a href={`/api/v1/reviews/${encodeURIComponent(reviewId)}/evidence-pack`} download className={cx(buttonClass("secondary"), className)}>
      Download evidence pack
    </a>
  );
}
