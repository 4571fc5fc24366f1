import { buttonClass } from "@/components/ui";

/**
 * The run's results as files: CSV (one row per attribute, group and metric),
 * JSON (the run as the API returns it), and the fairness assessment report
 * (PDF, and the Markdown it is built from; both are also in evidence packs).
 */
export function DownloadLinks({ runId }: { runId: string }) {
  const id = encodeURIComponent(runId);
  return (
    <div className="flex flex-wrap gap-2">
      <a className={buttonClass("secondary")} href={`/api/v1/runs/${id}/report?format=pdf`} download>Download report (PDF)</a>
      <a className={buttonClass("secondary")} href={`/api/v1/runs/${id}/report?format=md`} download>Download report (Markdown)</a>
      <a className={buttonClass("secondary")} href={`/api/v1/runs/${id}/export?format=csv`} download>Download results (CSV)</a>
      <a className={buttonClass("secondary")} href={`/api/v1/runs/${id}/export?format=json`} download>Download results (JSON)</a>
    </div>
  );
}
