"use client";

import type { SafetyRunDto } from "@assay/services";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { Jsonify } from "@/components/runs/serialize";
import { Badge, ErrorMessage, Table, Td, Th, formatDate } from "@/components/ui";
import { api } from "@/lib/client-api";
import { formatCount, formatEta, isActiveStatus, safetyRunHref } from "./run-format";
import { SafetyRunProgress } from "./run-progress";
import { SafetyRunStatusBadge } from "./run-status-badge";
import { safetyRunRow, type SafetyRunRow } from "./version-safety-rows";

export const versionSafetyRunsKey = (versionId: string) => ["versions", versionId, "safety-runs"] as const;

const POLL_MS = 2000;

/**
 * The safety runs of a model version, newest first. Polls while any run is
 * queued or running; when one finishes, the page's server components refresh
 * so that the review checklist and readiness see the new results.
 */
export function VersionSafetyRunsTable({ versionId, initialRuns }: { versionId: string; initialRuns: SafetyRunRow[] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: versionSafetyRunsKey(versionId),
    queryFn: async () => (await api<Jsonify<SafetyRunDto>[]>(`/api/v1/versions/${encodeURIComponent(versionId)}/safety-runs`)).map(safetyRunRow),
    initialData: initialRuns,
    refetchInterval: (q) => (q.state.data?.some((r) => isActiveStatus(r.status)) ? POLL_MS : false),
  });
  const runs = query.data;

  // A server render (navigation back, router.refresh) is at least as new as the cache.
  useEffect(() => {
    queryClient.setQueryData(versionSafetyRunsKey(versionId), initialRuns);
  }, [queryClient, versionId, initialRuns]);

  const activeKey = runs.filter((r) => isActiveStatus(r.status)).map((r) => r.id).join(",");
  const previousActive = useRef(activeKey);
  useEffect(() => {
    const before = previousActive.current ? previousActive.current.split(",") : [];
    const now = activeKey ? activeKey.split(",") : [];
    previousActive.current = activeKey;
    if (before.some((id) => !now.includes(id))) router.refresh();
  }, [activeKey, router]);

  return (
    <div className="space-y-2">
      {query.isError && activeKey && <ErrorMessage>Could not refresh the safety runs ({query.error.message}). Retrying…</ErrorMessage>}
      <Table caption="Safety runs of this version, newest first">
        <thead>
          <tr>
            <Th>Suite</Th>
            <Th>Target</Th>
            <Th>Status</Th>
            <Th>Items</Th>
            <Th>Gates passed</Th>
            <Th>Started</Th>
            <Th><span className="sr-only">Results</span></Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((r) => {
            const active = isActiveStatus(r.status);
            const eta = r.status === "running" ? formatEta(r.etaSeconds) : null;
            return (
              <tr key={r.id}>
                <Td>
                  <span className="font-medium">{r.suite.name}</span>
                  <span className="block text-xs text-slate-500">version {r.suite.version}</span>
                </Td>
                <Td>
                  {r.target.name}
                  {r.target.model && <span className="block text-xs text-slate-500">{r.target.model}</span>}
                </Td>
                <Td className="whitespace-nowrap"><SafetyRunStatusBadge status={r.status} /></Td>
                <Td className="min-w-44">
                  {active ? (
                    <div className="space-y-1">
                      <SafetyRunProgress size="sm" done={r.itemsDone} total={r.itemsTotal} label={`Progress of the ${r.suite.name} run`} note={eta} />
                      <p className="text-xs text-slate-600">{formatCount(r.itemsDone)} of {formatCount(r.itemsTotal)}{eta ? ` · ${eta}` : ""}</p>
                    </div>
                  ) : (
                    <span className="tabular-nums">{formatCount(r.itemsDone)} of {formatCount(r.itemsTotal)}</span>
                  )}
                  {r.itemsFailed > 0 && <span className="block text-xs text-red-800">{formatCount(r.itemsFailed)} errored</span>}
                  {r.status === "failed" && r.error && <p className="line-clamp-2 max-w-xs text-xs text-red-800" title={r.error}>{r.error}</p>}
                </Td>
                <Td className="whitespace-nowrap">
                  {r.status !== "succeeded" ? (
                    <span className="text-slate-500">—</span>
                  ) : r.gates.total === 0 ? (
                    <span className="text-slate-600">No gates</span>
                  ) : (
                    <Badge tone={r.gates.passed === r.gates.total ? "good" : "bad"}>{r.gates.passed} of {r.gates.total}</Badge>
                  )}
                </Td>
                <Td className="whitespace-nowrap">
                  {formatDate(r.createdAt)}
                  <span className="block text-xs text-slate-500">by {r.createdBy}</span>
                </Td>
                <Td className="whitespace-nowrap">
                  <Link href={safetyRunHref(r.id)} className="font-medium text-brand-700 hover:underline">
                    View run<span className="sr-only"> of {r.suite.name} started {formatDate(r.createdAt)}</span>
                  </Link>
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
