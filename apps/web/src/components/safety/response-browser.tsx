"use client";

import { GRADER_NAMES, type GraderName } from "@assay/core";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { Button, EmptyState, ErrorMessage, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";
import { RevealAllToggle } from "./reveal-text";
import { ResponseCard, type ResponseRow } from "./response-card";
import {
  DEFAULT_FILTERS,
  FLAGGED_MEANING,
  GRADER_LABELS,
  isOutcomeFilter,
  OUTCOME_FILTER_HINTS,
  OUTCOME_FILTER_LABELS,
  OUTCOME_FILTERS,
  pageLabel,
  responsesQuery,
  type ResponseFilters,
} from "./response-data";

type ResponsesPage = { responses: ResponseRow[]; total: number; nextCursor: number | null };

const PAGE_SIZE = 20;

export const safetyResponsesKey = (runId: string) => ["safety-runs", runId, "responses"] as const;

/**
 * The run's items and responses, failures first: filter by outcome, category
 * and grader verdict, page through, reveal the texts, and (for reviewers)
 * override a grader's verdict. An override refreshes the list and the
 * server-rendered metrics and gates above.
 */
export function SafetyResponseBrowser({ runId, categories, canOverride, overrideBlocked }: {
  runId: string;
  categories: Array<{ key: string; label: string }>;
  canOverride: boolean;
  overrideBlocked: string | null;
}) {
  const prefix = useId();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<ResponseFilters>(DEFAULT_FILTERS);
  const [cursor, setCursor] = useState(0);
  const [revealAll, setRevealAll] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const paged = useRef(false);

  const query = useQuery({
    queryKey: [...safetyResponsesKey(runId), filters, cursor],
    queryFn: () => api<ResponsesPage>(`/api/v1/safety/runs/${encodeURIComponent(runId)}/responses?${responsesQuery(filters, cursor, PAGE_SIZE)}`),
    placeholderData: keepPreviousData,
  });
  const page = query.data;

  // After Previous/Next, take the reader to the top of the new page.
  useEffect(() => {
    if (paged.current && !query.isPlaceholderData) {
      paged.current = false;
      listHeading.current?.focus();
    }
  }, [query.isPlaceholderData, cursor]);

  const setFilter = (patch: Partial<ResponseFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setCursor(0);
    setNotice(null);
  };
  const goTo = (next: number) => {
    paged.current = true;
    setCursor(next);
  };
  const labelOf = new Map(categories.map((c) => [c.key, c.label]));

  const onOverridden = (externalId: string) => {
    setNotice(`Verdict on ${externalId} overridden; the run's metrics and gates were recomputed.`);
    void queryClient.invalidateQueries({ queryKey: safetyResponsesKey(runId) });
    router.refresh();
  };

  const ids = { outcome: `${prefix}-outcome`, category: `${prefix}-category`, grader: `${prefix}-grader`, flagged: `${prefix}-flagged`, outcomeHint: `${prefix}-outcome-hint` };
  const graderNeedsFlag = filters.grader !== "" && filters.flagged === "";

  return (
    <div className="space-y-4">
      <RevealAllToggle revealed={revealAll} onChange={setRevealAll} />

      <form role="search" aria-label="Filter responses" className="grid gap-3 md:grid-cols-4" onSubmit={(e) => e.preventDefault()}>
        <div className="space-y-1">
          <label htmlFor={ids.outcome} className="block text-sm font-medium text-slate-700">Outcome</label>
          <select id={ids.outcome} className={inputClass} value={filters.outcome} aria-describedby={ids.outcomeHint}
            onChange={(e) => isOutcomeFilter(e.target.value) && setFilter({ outcome: e.target.value })}>
            {OUTCOME_FILTERS.map((o) => <option key={o} value={o}>{OUTCOME_FILTER_LABELS[o]}</option>)}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={ids.category} className="block text-sm font-medium text-slate-700">Category</label>
          <select id={ids.category} className={inputClass} value={filters.category} onChange={(e) => setFilter({ category: e.target.value })}>
            <option value="">All categories</option>
            {categories.map((c) => <option key={c.key} value={c.key}>{c.label}</option>)}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={ids.grader} className="block text-sm font-medium text-slate-700">Grader</label>
          <select id={ids.grader} className={inputClass} value={filters.grader}
            onChange={(e) => {
              const grader = e.target.value as GraderName | "";
              setFilter({ grader, flagged: grader === "" ? "" : filters.flagged || "true" });
            }}>
            <option value="">Any grader</option>
            {GRADER_NAMES.map((g) => <option key={g} value={g}>{GRADER_LABELS[g]}</option>)}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={ids.flagged} className="block text-sm font-medium text-slate-700">Grader&apos;s verdict</label>
          <select id={ids.flagged} className={inputClass} value={filters.flagged} disabled={filters.grader === ""}
            onChange={(e) => setFilter({ flagged: e.target.value as ResponseFilters["flagged"] })}>
            {filters.grader === "" && <option value="">Choose a grader first</option>}
            {filters.grader !== "" && (
              <>
                <option value="true">Flagged: {FLAGGED_MEANING[filters.grader]}</option>
                <option value="false">Not flagged</option>
              </>
            )}
          </select>
        </div>
        <p id={ids.outcomeHint} className="text-xs text-slate-500 md:col-span-4">
          {OUTCOME_FILTER_HINTS[filters.outcome]}
          {graderNeedsFlag ? " Choose whether the grader flagged the response." : ""}
        </p>
      </form>

      {notice && <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{notice}</p>}
      {query.isError && <ErrorMessage>Could not load the responses: {query.error.message}</ErrorMessage>}

      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 ref={listHeading} tabIndex={-1} className="text-sm font-semibold text-slate-800 focus:outline-none">
          <span aria-live="polite">{page ? pageLabel(cursor, page.responses.length, page.total) : "Loading the responses…"}</span>
          {query.isFetching && page && <span className="ml-2 text-xs font-normal text-slate-500">Updating…</span>}
        </h3>
        {page && page.total > PAGE_SIZE && (
          <Pager cursor={cursor} total={page.total} nextCursor={page.nextCursor} busy={query.isFetching} onPage={goTo} />
        )}
      </div>

      {page && page.responses.length === 0 && (
        <EmptyState title={filters.outcome === "failures" ? "No failures match" : "No responses match"}>
          {filters.outcome === "failures" ? "Nothing failed with these filters. Choose “All responses” to browse every item." : "Change the filters to see other items."}
        </EmptyState>
      )}

      {page && page.responses.length > 0 && (
        <ol className="space-y-4" aria-busy={query.isFetching}>
          {page.responses.map((r) => (
            <li key={r.id}>
              <ResponseCard
                response={r}
                categoryLabel={labelOf.get(r.item.category) ?? r.item.category}
                revealAll={revealAll}
                canOverride={canOverride}
                overrideBlocked={overrideBlocked}
                onOverridden={onOverridden}
              />
            </li>
          ))}
        </ol>
      )}

      {page && page.total > PAGE_SIZE && page.responses.length > 0 && (
        <div className="flex justify-end">
          <Pager cursor={cursor} total={page.total} nextCursor={page.nextCursor} busy={query.isFetching} onPage={goTo} />
        </div>
      )}
    </div>
  );
}

function Pager({ cursor, total, nextCursor, busy, onPage }: { cursor: number; total: number; nextCursor: number | null; busy: boolean; onPage: (cursor: number) => void }) {
  const pageNumber = Math.floor(cursor / PAGE_SIZE) + 1;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <nav aria-label="Pages of responses" className="flex items-center gap-2 text-sm">
      <Button variant="secondary" disabled={cursor === 0 || busy} onClick={() => onPage(Math.max(0, cursor - PAGE_SIZE))}>Previous</Button>
      <span className="text-slate-600">Page {pageNumber} of {pages}</span>
      <Button variant="secondary" disabled={nextCursor === null || busy} onClick={() => nextCursor !== null && onPage(nextCursor)}>Next</Button>
    </nav>
  );
}
