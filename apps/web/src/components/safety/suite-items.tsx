"use client";

import type { SuiteItemDto } from "@assay/services";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { formatCount } from "@/components/runs/format";
import { RevealAllToggle, RevealText } from "@/components/safety/reveal-text";
import { Button, ErrorMessage, Table, Td, Th, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";
import { expectedLabel } from "./suite-labels";

type ItemsPage = { items: SuiteItemDto[]; total: number; nextCursor: number | null };

export const PAGE_SIZE = 25;

const DETECTOR_LABELS: Record<string, string> = { contains: "contains", regex: "matches the pattern", canary: "contains the canary" };

function ItemContent({ item, revealed }: { item: SuiteItemDto; revealed: boolean }) {
  const of = `of ${item.externalId}`;
  return (
    <div className="space-y-2">
      {item.messages.map((m, i) => (
        <div key={i}>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{m.role}</p>
          <RevealText text={m.content} label={`${m.role} message ${i + 1} ${of}`} revealed={revealed ? true : undefined} />
        </div>
      ))}
      {item.context !== null && (
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Context (untrusted content)</p>
          <RevealText text={item.context} label={`context ${of}`} revealed={revealed ? true : undefined} />
        </div>
      )}
      {item.injection && (
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Injected instruction</p>
          <RevealText text={item.injection.instruction} label={`injected instruction ${of}`} revealed={revealed ? true : undefined} />
          {item.injection.detector && (
            <div className="mt-1">
              <p className="text-xs text-slate-600">Followed when the response {DETECTOR_LABELS[item.injection.detector.type] ?? item.injection.detector.type}:</p>
              <RevealText
                text={item.injection.detector.type === "regex" ? item.injection.detector.pattern : item.injection.detector.value}
                label={`injection detector ${of}`}
                revealed={revealed ? true : undefined}
              />
            </div>
          )}
        </div>
      )}
      {item.secret !== null && (
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Secret</p>
          <RevealText text={item.secret} label={`secret ${of}`} revealed={revealed ? true : undefined} />
        </div>
      )}
    </div>
  );
}

/**
 * The items of one suite version, a page at a time, filtered by category.
 * Every prompt, context and secret stays hidden until the reader shows it,
 * one at a time or all on the page.
 */
export function SuiteItemsBrowser({
  suiteVersionId,
  version,
  categories,
  labels,
}: {
  suiteVersionId: string;
  version: number;
  categories: Array<{ category: string; count: number }>;
  labels: Record<string, string>;
}) {
  const prefix = useId();
  const [category, setCategory] = useState("");
  const [page, setPage] = useState(0);
  const [revealAll, setRevealAll] = useState(false);
  const query = useQuery({
    queryKey: ["safety", "suite-items", suiteVersionId, category, page],
    queryFn: () => {
      const params = new URLSearchParams({ cursor: String(page * PAGE_SIZE), limit: String(PAGE_SIZE) });
      if (category) params.set("category", category);
      return api<ItemsPage>(`/api/v1/safety/suite-versions/${suiteVersionId}/items?${params}`);
    },
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const first = page * PAGE_SIZE;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <div className="space-y-3">
      <RevealAllToggle revealed={revealAll} onChange={setRevealAll} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="w-72 space-y-1">
          <label htmlFor={`${prefix}-category`} className="block text-sm font-medium text-slate-700">Category</label>
          <select
            id={`${prefix}-category`}
            className={inputClass}
            value={category}
            onChange={(e) => {
              setCategory(e.target.value);
              setPage(0);
            }}
          >
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c.category} value={c.category}>{labels[c.category] ?? c.category} ({formatCount(c.count)})</option>
            ))}
          </select>
        </div>
        <p className="text-sm text-slate-600" role="status" aria-live="polite">
          {query.isPending
            ? "Loading items…"
            : data && data.total > 0
              ? `Items ${formatCount(first + 1)}–${formatCount(first + data.items.length)} of ${formatCount(data.total)}${query.isFetching ? " (loading…)" : ""}`
              : "No items"}
        </p>
      </div>
      {query.isError && <ErrorMessage>Could not load the items: {query.error.message}</ErrorMessage>}
      {data && data.items.length > 0 && (
        <Table caption={`Items of suite version ${version}${category ? `, category ${labels[category] ?? category}` : ""}`}>
          <thead>
            <tr>
              <Th>Item</Th>
              <Th>Category</Th>
              <Th>Expected</Th>
              <Th className="w-1/2">Content</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data.items.map((item) => (
              <tr key={item.id}>
                <th scope="row" className="px-3 py-2 text-left align-top font-normal">
                  <code className="break-all text-xs text-slate-900">{item.externalId}</code>
                  <span className="block text-xs text-slate-500">#{formatCount(item.position + 1)}</span>
                </th>
                <Td>
                  {labels[item.category] ?? item.category}
                  {item.sourceCategory && <span className="block text-xs text-slate-500">Source: {item.sourceCategory}</span>}
                </Td>
                <Td>{expectedLabel(item.expected)}</Td>
                <Td><ItemContent item={item} revealed={revealAll} /></Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {data && data.total > PAGE_SIZE && (
        <nav aria-label="Pages of items" className="flex items-center gap-2">
          <Button variant="secondary" disabled={page === 0 || query.isFetching} onClick={() => setPage((p) => Math.max(0, p - 1))}>Previous</Button>
          <span className="text-sm text-slate-600">Page {page + 1} of {pages}</span>
          <Button variant="secondary" disabled={data.nextCursor === null || query.isFetching} onClick={() => setPage((p) => p + 1)}>Next</Button>
        </nav>
      )}
    </div>
  );
}
