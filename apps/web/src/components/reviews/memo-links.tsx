import { buttonClass } from "@/components/ui";

/** Plain links, so the browser downloads the memo itself; every member may read it, auditors included. */
export function MemoLinks({ reviewId }: { reviewId: string }) {
  const href = (format: "pdf" | "md") => `/api/v1/reviews/${encodeURIComponent(reviewId)}/memo?format=${format}`;
  return (
    <>
      <a href={href("pdf")} download className={buttonClass("secondary")}>Decision memo (PDF)</a>
      <a href={href("md")} download className={buttonClass("ghost")}>Markdown</a>
    </>
  );
}
