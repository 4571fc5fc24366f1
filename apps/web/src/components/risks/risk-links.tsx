"use client";

import type { RiskLinkKind } from "@assay/db";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { splitApiError } from "@/components/registry/form-errors";
import { Button, EmptyState, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";
import { RISK_LINK_KIND_LABELS, RISK_LINK_KINDS } from "./labels";

export type RiskLinkRow = {
  id: string;
  kind: RiskLinkKind;
  targetId: string;
  /** null when the target no longer exists. */
  label: string | null;
  href: string | null;
  createdBy: string;
  /** ISO time. */
  createdAt: string;
};

export type LinkCandidate = { kind: RiskLinkKind; targetId: string; label: string };

/** The runs, findings, incidents and reviews linked to a risk; editors add and remove them. */
export function RiskLinks({ riskId, links, candidates, canEdit }: { riskId: string; links: RiskLinkRow[]; candidates: LinkCandidate[]; canEdit: boolean }) {
  const router = useRouter();
  const prefix = useId();
  const [kind, setKind] = useState<RiskLinkKind>(RISK_LINK_KINDS.find((k) => candidates.some((c) => c.kind === k)) ?? "run");
  const options = candidates.filter((c) => c.kind === kind);
  const [targetId, setTargetId] = useState("");
  const chosen = options.some((o) => o.targetId === targetId) ? targetId : (options[0]?.targetId ?? "");

  const add = useMutation({
    mutationFn: (body: { kind: RiskLinkKind; targetId: string }) => api(`/api/v1/risks/${riskId}/links`, { method: "POST", body }),
    onSuccess: () => {
      setTargetId("");
      router.refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (linkId: string) => api(`/api/v1/risks/${riskId}/links/${linkId}`, { method: "DELETE" }),
    onSuccess: () => router.refresh(),
  });
  const addErrors = add.error ? splitApiError(add.error) : { fields: {} as Record<string, string>, general: null };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen) add.mutate({ kind, targetId: chosen });
  };

  return (
    <div className="space-y-4">
      {links.length === 0 ? (
        <EmptyState title="Nothing linked yet">Link the runs, red-team findings, incidents and release reviews that bear on this risk.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {links.map((l) => (
            <li key={l.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <div>
                <span className="mr-2 text-xs font-medium uppercase tracking-wide text-slate-500">{RISK_LINK_KIND_LABELS[l.kind]}</span>
                {l.label && l.href ? (
                  <Link href={l.href} className="text-brand-700 hover:underline">{l.label}</Link>
                ) : (
                  <span className="text-slate-500">No longer exists (<span className="font-mono text-xs">{l.targetId}</span>)</span>
                )}
                <span className="block text-xs text-slate-500">Linked by {l.createdBy}, {l.createdAt.slice(0, 10)}</span>
              </div>
              {canEdit && (
                <Button variant="secondary" disabled={remove.isPending} onClick={() => remove.mutate(l.id)}
                  aria-label={`Remove link to ${l.label ?? `${RISK_LINK_KIND_LABELS[l.kind]} ${l.targetId}`}`}>
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage>{remove.error ? remove.error.message : null}</ErrorMessage>

      {canEdit && (
        <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label="Link evidence to this risk" noValidate>
          <Field label="Link a" htmlFor={`${prefix}-kind`}>
            <select id={`${prefix}-kind`} className={inputClass} value={kind} onChange={(e) => { setKind(e.target.value as RiskLinkKind); setTargetId(""); add.reset(); }}>
              {RISK_LINK_KINDS.map((k) => <option key={k} value={k}>{RISK_LINK_KIND_LABELS[k]}</option>)}
            </select>
          </Field>
          <div className="min-w-64 flex-1">
            <Field label={RISK_LINK_KIND_LABELS[kind]} htmlFor={`${prefix}-target`} error={addErrors.fields.targetId}
              hint={options.length === 0 ? `No unlinked ${RISK_LINK_KIND_LABELS[kind].toLowerCase()} of this system.` : undefined}>
              <select id={`${prefix}-target`} className={inputClass} value={chosen} disabled={options.length === 0} onChange={(e) => setTargetId(e.target.value)}>
                {options.map((o) => <option key={o.targetId} value={o.targetId}>{o.label}</option>)}
              </select>
            </Field>
          </div>
          <Button type="submit" variant="secondary" disabled={add.isPending || !chosen}>{add.isPending ? "Linking…" : "Link"}</Button>
          <div className="basis-full"><ErrorMessage>{addErrors.general}</ErrorMessage></div>
        </form>
      )}
    </div>
  );
}
