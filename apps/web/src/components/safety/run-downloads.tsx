import { buttonClass } from "@/components/ui";

/** The safety assessment report of the run, as PDF and as the Markdown it is built from. */
export function SafetyRunDownloads({ runId }: { runId: string }) {
  const id = encodeURIComponent(runId);
  return (
    <div className="flex flex-wrap gap-2">
      <a className={buttonClass("secondary")} href={`/api/v1/safety/runs/${id}/report?format=pdf`} download>Download report (PDF)</a>
      <a className={buttonClass("secondary")} href={`/api/v1/safety/runs/${id}/report?format=md`} download>Download report (Markdown)</a>
    </div>
  );
}
