import { buttonClass } from "@/components/ui";

/** The run's results as files: CSV (one row per attribute, group and metric) and JSON (the run as the API returns it). */
export function DownloadLinks({ runId }: { runId: string }) {
  const href = (format: "csv" | "json") => `/api/v1/runs/${encodeURIComponent(runId)}/export?format=${format}`;
  return (
    <div className="flex flex-wrap gap-2">
      <a className={buttonClass("secondary")} href={href("csv")} download>Download results (CSV)</a>
      <a className={buttonClass("secondary")} href={href("json")} download>Download results (JSON)</a>
    </div>
  );
}
