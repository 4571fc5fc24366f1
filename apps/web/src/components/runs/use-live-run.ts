"use client";

import { useMutation, useQuery, useQueryClient, type DefinedUseQueryResult, type NonUndefinedGuard } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { api } from "@/lib/client-api";

/** How one kind of run is read while it is live: fairness and safety runs share everything else. */
export type LiveRunSource<Dto, Snapshot extends { id: string; status: string }> = {
  queryKey: (runId: string) => readonly unknown[];
  /** The run's API resource; its `/retry` sub-resource re-queues it. */
  url: (runId: string) => string;
  toSnapshot: (dto: Dto) => Snapshot;
  isActive: (status: Snapshot["status"]) => boolean;
  pollIntervalMs: number;
};

/** One cache entry per run: the panel polls it (`poll`), the header badge only reads it. */
export function useLiveRunStatus<Dto, Snapshot extends { id: string; status: string }>(
  source: LiveRunSource<Dto, Snapshot>,
  initial: Snapshot,
  poll: boolean,
): DefinedUseQueryResult<Snapshot, Error> {
  return useQuery<Snapshot, Error, Snapshot, readonly unknown[]>({
    queryKey: source.queryKey(initial.id),
    queryFn: async () => source.toSnapshot(await api<Dto>(source.url(initial.id))),
    // TanStack picks its "data is defined" overload through a conditional type that stays unresolved for a generic.
    initialData: initial as NonUndefinedGuard<Snapshot>,
    refetchInterval: poll ? (q) => (q.state.data && source.isActive(q.state.data.status) ? source.pollIntervalMs : false) : false,
  });
}

/**
 * The status panel's state: the polled snapshot, and Retry. When the run
 * stops being active, the server-rendered results are fetched with
 * router.refresh().
 */
export function useLiveRun<Dto, Snapshot extends { id: string; status: string }>(source: LiveRunSource<Dto, Snapshot>, initial: Snapshot) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const query = useLiveRunStatus(source, initial, true);
  const status = query.data.status;

  // A server render is at least as new as the cache.
  useEffect(() => {
    queryClient.setQueryData(source.queryKey(initial.id), initial);
  }, [queryClient, initial, source]);

  const previous = useRef(status);
  useEffect(() => {
    const was = previous.current;
    previous.current = status;
    if (was !== status && source.isActive(was) && !source.isActive(status)) router.refresh();
  }, [status, router, source]);

  const retry = useMutation({
    mutationFn: () => api<Dto>(`${source.url(initial.id)}/retry`, { method: "POST" }),
    onSuccess: (updated) => {
      queryClient.setQueryData(source.queryKey(initial.id), source.toSnapshot(updated));
      router.refresh();
    },
  });

  return { query, run: query.data, retry };
}
