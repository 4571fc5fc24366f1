"use client";

import type { RunDetail } from "@assay/services";
import { Button, ErrorMessage, formatDate } from "@/components/ui";
import { ApiError } from "@/lib/client-api";
import { formatChecksPassed, formatDuration, isActive, POLL_INTERVAL_MS } from "./format";
import { ProgressBar } from "./progress-bar";
import { RunStatusBadge } from "./run-status-badge";
import type { Jsonify } from "./serialize";
import { statusSnapshot, type RunStatusSnapshot } from "./status-snapshot";
import { useLiveRun, useLiveRunStatus, type LiveRunSource } from "./use-live-run";

/** Module-level, so the hooks' effects see one stable object. */
const FAIRNESS_RUN: LiveRunSource<Jsonify<RunDetail>, RunStatusSnapshot> = {
  queryKey: (runId) => ["runs", runId, "status"],
  url: (runId) => `/api/v1/runs/${runId}`,
  toSnapshot: statusSnapshot,
  isActive,
  pollIntervalMs: POLL_INTERVAL_MS,
};

/** The run's status for the page header; follows the panel's polling. */
export function LiveRunStatusBadge({ initial }: { initial: RunStatusSnapshot }) {
  const { data } = useLiveRunStatus(FAIRNESS_RUN, initial, false);
  return <RunStatusBadge status={data.status} />;
}

/**
 * Progress of a queued or running run (polled every 1.5 s), the error and
 * Retry of a failed one, the outcome of a finished one. When the run
 * finishes, the server-rendered results are fetched with router.refresh().
 */
export function RunStatusPanel({ initial, canRetry }: { initial: RunStatusSnapshot; canRetry: boolean }) {
  const { query, run, retry } = useLiveRun(FAIRNESS_RUN, initial);

  if (isActive(run.status)) {
    return (
      <div className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
          <p className="font-medium text-slate-800">{run.status === "queued" ? "Queued" : "Running"} · {run.progress}%</p>
          <p className="text-slate-600">{run.startedAt ? `Started ${formatDate(run.startedAt)}` : `Queued ${formatDate(run.createdAt)}`}</p>
        </div>
        <ProgressBar value={run.progress} label="Run progress" note={run.progressNote} />
        <p className="text-sm text-slate-600" aria-live="polite">{run.progressNote}</p>
        {query.isError && (
          <p role="alert" className="text-xs text-red-700">Could not refresh the status ({query.error.message}); retrying.</p>
        )}
        <p className="text-xs text-slate-500">Results appear on this page when the run finishes; you can leave and come back.</p>
      </div>
    );
  }

  if (run.status === "failed") {
    const retryError = retry.error instanceof ApiError && retry.error.status === 403 ? "Your role cannot retry runs." : retry.error?.message;
    return (
      <div className="space-y-3">
        <ErrorMessage>
          <p className="font-medium">The run failed{run.finishedAt ? ` (${formatDate(run.finishedAt)})` : ""}.</p>
          <p className="mt-1 whitespace-pre-wrap">{run.error ?? "No reason was recorded."}</p>
        </ErrorMessage>
        <p className="text-xs text-slate-500">
          {run.attempts === 1 ? "1 attempt" : `${run.attempts} attempts`} so far. A retry runs again with the same dataset, plan version and configuration.
        </p>
        {canRetry && (
          <div className="space-y-2">
            <Button onClick={() => retry.mutate()} disabled={retry.isPending || retry.isSuccess}>
              {retry.isPending ? "Retrying…" : "Retry run"}
            </Button>
            <ErrorMessage>{retryError}</ErrorMessage>
          </div>
        )}
      </div>
    );
  }

  const duration = formatDuration(run.startedAt, run.finishedAt);
  const allPassed = run.checksPassed === run.checkCount;
  return (
    <p className="text-sm text-slate-700" role="status">
      Finished {formatDate(run.finishedAt)}{duration ? ` after ${duration}` : ""}.{" "}
      <span className={allPassed ? "font-medium text-emerald-800" : "font-medium text-red-800"}>
        {formatChecksPassed(run.checksPassed, run.checkCount)} checks passed.
      </span>
    </p>
  );
}
