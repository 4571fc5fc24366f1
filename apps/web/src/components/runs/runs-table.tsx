"use client";

import type { RunSummary } from "@assay/services";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { ErrorMessage, Table, Td, Th, formatDate } from "@/components/ui";
import { api } from "@/lib/client-api";
import { formatChecksPassed, formatDuration, isActive, POLL_INTERVAL_MS } from "./format";
import { ProgressBar } from "./progress-bar";
import { CompareRunsLink } from "./compare/compare-link";
import { RunStatusBadge } from "./run-status-badge";
import type { Jsonify } from "./serialize";

export type RunRow = Jsonify<RunSummary>;

export const runsQueryKey = (versionId: string) => ["versions", versionId, "runs"] as const;

/**
 * The runs of a model version, newest first. Polls while any run is queued or
 * running; when one finishes, the page's server components refresh so that
 * the review checklist and readiness see the new results.
 */
export function RunsTable({ versionId, initialRuns }: { versionId: string; initialRuns: RunRow[] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: runsQueryKey(versionId),
    queryFn: () => api<RunRow[]>(`/api/v1/versions/${versionId}/runs`),
    initialData: initialRuns,
    refetchInterval: (q) => (q.state.data?.some((r) => isActive(r.status)) ? POLL_INTERVAL_MS : false),
  });
  const runs = query.data;

  // A server render (navigation back, router.refresh) is at least as new as the cache.
  useEffect(() => {
    queryClient.setQueryData(runsQueryKey(versionId), initialRuns);
  }, [queryClient, versionId, initialRuns]);

  const activeIds = runs.filter((r) => isActive(r.status)).map((r) => r.id);
  const previousActive = useRef<string[]>(activeIds);
  const activeKey = activeIds.join(",");
  useEffect(() => {
    const now = activeKey ? activeKey.split(",") : [];
    const finished = previousActive.current.some((id) => !now.includes(id));
    previousActive.current = now;
    if (finished) router.refresh();
  }, [activeKey, router]);

  return (
    <div className="space-y-2">
      {/* Polling errors are transient; say so without hiding the last known state. */}
      {query.isError && activeIds.length > 0 && (
        <ErrorMessage>Could not refresh the runs ({query.error.message}). Retrying…</ErrorMessage>
      )}
      <Table caption="Evaluation runs of this version, newest first">
        <thead>
          <tr>
            <Th>Status</Th>
            <Th>Progress</Th>
            <Th>Dataset</Th>
            <Th>Plan</Th>
            <Th>Checks passed</Th>
            <Th>Started</Th>
            <Th><span className="sr-only">Results</span></Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((r) => {
            const duration = formatDuration(r.startedAt, r.finishedAt);
            return (
              <tr key={r.id}>
                <Td className="whitespace-nowrap"><RunStatusBadge status={r.status} /></Td>
                <Td className="min-w-40">
                  {isActive(r.status) ? (
                    <div className="space-y-1">
                      <ProgressBar size="sm" value={r.progress} label={`Progress of the run on ${r.dataset.name}`} note={r.progressNote} />
                      <p className="text-xs text-slate-600">{r.progress}% · {r.progressNote}</p>
                    </div>
                  ) : r.status === "failed" ? (
                    <p className="line-clamp-2 max-w-xs text-xs text-red-800" title={r.error ?? undefined}>{r.error ?? "Failed"}</p>
                  ) : (
                    <span className="text-xs text-slate-600">{duration ? `Done in ${duration}` : "Done"}</span>
                  )}
                </Td>
                <Td>
                  <span className="font-medium">{r.dataset.name}</span>
                  <span className="block text-xs text-slate-500">{r.dataset.fileName}</span>
                </Td>
                <Td className="whitespace-nowrap">Version {r.planVersion.version}</Td>
                <Td className="whitespace-nowrap">
                  {r.status === "succeeded" ? (
                    <span className={r.checksPassed === r.checkCount ? "text-emerald-800" : "font-medium text-red-800"}>
                      {formatChecksPassed(r.checksPassed, r.checkCount)}
                    </span>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </Td>
                <Td className="whitespace-nowrap">
                  {formatDate(r.createdAt)}
                  <span className="block text-xs text-slate-500">by {r.createdBy.name}</span>
                </Td>
                <Td className="whitespace-nowrap">
                  <Link href={`/runs/${r.id}`} className="font-medium text-brand-700 hover:underline">
                    View results<span className="sr-only"> of the run started {formatDate(r.createdAt)} on {r.dataset.name}</span>
                  </Link>
                  {r.status === "succeeded" && <span className="ml-3"><CompareRunsLink runId={r.id} /></span>}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
