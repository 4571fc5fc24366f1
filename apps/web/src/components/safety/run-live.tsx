"use client";

import type { SafetyRunDto } from "@assay/services";
import { formatDuration } from "@/components/runs/format";
import type { Jsonify } from "@/components/runs/serialize";
import { useLiveRun, useLiveRunStatus, type LiveRunSource } from "@/components/runs/use-live-run";
import { Button, ErrorMessage, formatDate } from "@/components/ui";
import { ApiError } from "@/lib/client-api";
import { formatCount, formatEta, formatItemsProgress, isActiveStatus, plural, progressPercent, SAFETY_POLL_INTERVAL_MS } from "./run-format";
import { SafetyRunProgress } from "./run-progress";
import { SafetyRunStatusBadge } from "./run-status-badge";
import { safetyRunSnapshot, type SafetyRunSnapshot } from "./run-snapshot";

/** Module-level, so the hooks' effects see one stable object. */
const SAFETY_RUN: LiveRunSource<Jsonify<SafetyRunDto>, SafetyRunSnapshot> = {
  queryKey: (runId) => ["safety-runs", runId, "status"],
  url: (runId) => `/api/v1/safety/runs/${encodeURIComponent(runId)}`,
  toSnapshot: safetyRunSnapshot,
  isActive: isActiveStatus,
  pollIntervalMs: SAFETY_POLL_INTERVAL_MS,
};

/** The run's status for the page header; follows the panel's polling. */
export function LiveSafetyRunStatusBadge({ initial }: { initial: SafetyRunSnapshot }) {
  const { data } = useLiveRunStatus(SAFETY_RUN, initial, false);
  return <SafetyRunStatusBadge status={data.status} />;
}

/**
 * Progress of a queued or running safety run (polled every second): items
 * answered, errors, the time left and a progress bar. The error and Retry of
 * a failed run; a line on a finished one. When the run finishes, the
 * server-rendered results are fetched with router.refresh().
 */
export function SafetyRunStatusPanel({ initial, canRetry }: { initial: SafetyRunSnapshot; canRetry: boolean }) {
  const { query, run, retry } = useLiveRun(SAFETY_RUN, initial);

  if (isActiveStatus(run.status)) {
    const eta = run.status === "running" ? formatEta(run.etaSeconds) : null;
    const percent = progressPercent(run.itemsDone, run.itemsTotal);
    // Announced in steps of 10%, not every second.
    const step = Math.floor(percent / 10) * 10;
    return (
      <div className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
          <p className="font-medium text-slate-800">
            {run.status === "queued" ? "Queued" : "Running"} · {formatItemsProgress(run.itemsDone, run.itemsTotal)}
            {eta && <span className="font-normal text-slate-600"> · {eta}</span>}
          </p>
          <p className="text-slate-600">{run.startedAt ? `Started ${formatDate(run.startedAt)}` : `Queued ${formatDate(run.createdAt)}`}</p>
        </div>
        <SafetyRunProgress done={run.itemsDone} total={run.itemsTotal} label="Safety run progress" note={eta} />
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
          <div className="flex gap-1">
            <dt className="text-slate-500">Answered</dt>
            <dd className="tabular-nums">{formatCount(run.itemsDone)} of {formatCount(run.itemsTotal)}</dd>
          </div>
          <div className="flex gap-1">
            <dt className="text-slate-500">Errors</dt>
            <dd className={run.itemsFailed > 0 ? "tabular-nums font-medium text-red-800" : "tabular-nums"}>{formatCount(run.itemsFailed)}</dd>
          </div>
          <div className="flex gap-1"><dt className="text-slate-500">Time left</dt><dd>{eta ?? (run.status === "queued" ? "waiting for a worker" : "estimating…")}</dd></div>
        </dl>
        {run.progressNote && <p className="text-sm text-slate-600">{run.progressNote}</p>}
        <p className="sr-only" aria-live="polite">{run.status === "queued" ? "The run is queued." : `The run is ${step}% done.`}</p>
        {query.isError && <p role="alert" className="text-xs text-red-700">Could not refresh the status ({query.error.message}); retrying.</p>}
        <p className="text-xs text-slate-500">
          Errors are items the target did not answer after its retries; they are left out of every rate. Results appear on this page when the run
          finishes; you can leave and come back.
        </p>
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
        <p className="text-sm text-slate-700">
          {formatItemsProgress(run.itemsDone, run.itemsTotal)} before it stopped
          {run.itemsFailed > 0 ? `, ${plural(run.itemsFailed, "error")}` : ""}. {plural(run.attempts, "attempt")} so far.
        </p>
        {canRetry && (
          <div className="space-y-2">
            <p className="text-xs text-slate-500">
              A retry resumes after the items already answered: it asks the target only for the rest, with the same suite version, target settings,
              judge and graders, so the answered items are not paid for twice.
            </p>
            <Button onClick={() => retry.mutate()} disabled={retry.isPending || retry.isSuccess}>
              {retry.isPending ? "Retrying…" : retry.isSuccess ? "Queued again" : "Retry run"}
            </Button>
            <ErrorMessage>{retryError}</ErrorMessage>
          </div>
        )}
      </div>
    );
  }

  const duration = formatDuration(run.startedAt, run.finishedAt);
  return (
    <p className="text-sm text-slate-700" role="status">
      Finished {formatDate(run.finishedAt)}{duration ? ` after ${duration}` : ""}: {formatItemsProgress(run.itemsDone, run.itemsTotal)}
      {run.itemsFailed > 0 ? <span className="font-medium text-red-800">, {plural(run.itemsFailed, "error")}</span> : ", no errors"}.
    </p>
  );
}
