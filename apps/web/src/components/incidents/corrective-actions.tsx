"use client";

import type { CorrectiveActionLinkOptions, CorrectiveActionView } from "@assay/services";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { splitApiError } from "@/components/registry/form-errors";
import type { Jsonify } from "@/components/runs/serialize";
import { Button, ErrorMessage, Field, formatDay, inputClass, Table, Td, Th } from "@/components/ui";
import { api } from "@/lib/client-api";
import { CorrectiveActionStateBadge } from "./badges";
import type { MemberOption } from "./incident-forms";

export type CorrectiveActionRow = Jsonify<CorrectiveActionView>;
type LinkKind = "none" | "suiteItem" | "monitor";
type Draft = { description: string; ownerId: string; dueDate: string; linkKind: LinkKind; suiteItemId: string; monitorId: string };

const noErrors = { fields: {} as Record<string, string>, general: null as string | null };
const link = "text-brand-700 hover:underline";

function ActionLink({ action }: { action: CorrectiveActionRow }) {
  if (action.suiteItem) {
    return (
      <span>
        Test <span className="font-mono text-xs">{action.suiteItem.externalId}</span> in{" "}
        <Link className={link} href={`/safety/suites/${action.suiteItem.suite.id}`}>{action.suiteItem.suite.name}</Link> v{action.suiteItem.suiteVersion}
      </span>
    );
  }
  if (action.monitor) return <span>Monitor <Link className={link} href={`/monitors/${action.monitor.id}`}>{action.monitor.name}</Link></span>;
  return <span className="text-slate-400">—</span>;
}

/** Adds a corrective action, or edits one; the link is a regression suite item or a monitor (resolving needs one). */
function ActionForm({ incidentId, members, options, initial, actionId, onDone }: {
  incidentId: string;
  members: MemberOption[];
  options: CorrectiveActionLinkOptions;
  initial: Draft;
  actionId?: string;
  onDone?: () => void;
}) {
  const router = useRouter();
  const prefix = useId();
  const id = (n: string) => `${prefix}-${n}`;
  const [draft, setDraft] = useState<Draft>(initial);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api(`/api/v1/incidents/${incidentId}/corrective-actions`, { method: actionId ? "PATCH" : "POST", body: actionId ? { id: actionId, ...body } : body }),
    onSuccess: () => {
      if (!actionId) setDraft(initial);
      onDone?.();
      router.refresh();
    },
  });
  const errors = save.error ? splitApiError(save.error) : noErrors;
  const label = actionId ? "Edit the corrective action" : "Add a corrective action";

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      description: draft.description.trim(),
      ownerId: draft.ownerId,
      dueDate: draft.dueDate,
      suiteItemId: draft.linkKind === "suiteItem" ? draft.suiteItemId || null : null,
      monitorId: draft.linkKind === "monitor" ? draft.monitorId || null : null,
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={label} className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3">
      <Field label="Action" htmlFor={id("description")} error={errors.fields.description}>
        <input id={id("description")} className={inputClass} value={draft.description} onChange={(e) => set("description", e.target.value)} maxLength={2000} placeholder="Add the injection prompt to the regression suite" />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Action owner" htmlFor={id("owner")} error={errors.fields.ownerId}>
          <select id={id("owner")} className={inputClass} value={draft.ownerId} onChange={(e) => set("ownerId", e.target.value)}>
            <option value="" disabled>Choose a member</option>
            {members.map((m) => <option key={m.userId} value={m.userId}>{m.name}</option>)}
          </select>
        </Field>
        <Field label="Due date" htmlFor={id("due")} error={errors.fields.dueDate} hint="On time means done by the end of this day (UTC).">
          <input id={id("due")} type="date" className={inputClass} value={draft.dueDate} onChange={(e) => set("dueDate", e.target.value)} />
        </Field>
      </div>
      <Field label="Adds" htmlFor={id("kind")} hint="Resolving the incident needs an action that adds a regression test or a monitor.">
        <select id={id("kind")} className={inputClass} value={draft.linkKind} onChange={(e) => set("linkKind", e.target.value as LinkKind)}>
          <option value="none">Nothing to link</option>
          <option value="suiteItem">A regression test (suite item)</option>
          <option value="monitor">A monitor</option>
        </select>
      </Field>
      {draft.linkKind === "suiteItem" && (
        <Field label="Suite item" htmlFor={id("item")} error={errors.fields.suiteItemId}
          hint={options.suiteItems.length === 0 ? "No regression suite yet: promote a red-team finding to one first." : "Items of the organisation's regression suites (latest versions), this system's first."}>
          <select id={id("item")} className={inputClass} value={draft.suiteItemId} onChange={(e) => set("suiteItemId", e.target.value)}>
            <option value="" disabled>Choose a suite item</option>
            {options.suiteItems.map((i) => <option key={i.id} value={i.id}>{i.suite.name} v{i.suite.version} · {i.externalId} ({i.category})</option>)}
          </select>
        </Field>
      )}
      {draft.linkKind === "monitor" && (
        <Field label="Monitor" htmlFor={id("monitor")} error={errors.fields.monitorId}
          hint={options.monitors.length === 0 ? "The affected system has no monitor yet: set one up on a version first." : "Monitors of the affected system's versions."}>
          <select id={id("monitor")} className={inputClass} value={draft.monitorId} onChange={(e) => set("monitorId", e.target.value)}>
            <option value="" disabled>Choose a monitor</option>
            {options.monitors.map((m) => <option key={m.id} value={m.id}>{m.name} ({m.versionLabel})</option>)}
          </select>
        </Field>
      )}
      <ErrorMessage>{errors.general}</ErrorMessage>
      <div className="flex gap-2">
        <Button type="submit" disabled={save.isPending}>{save.isPending ? "Saving…" : actionId ? "Save action" : "Add action"}</Button>
        {onDone && actionId && <Button variant="secondary" onClick={onDone}>Cancel</Button>}
      </div>
    </form>
  );
}

function CompletionButton({ incidentId, action }: { incidentId: string; action: CorrectiveActionRow }) {
  const router = useRouter();
  const toggle = useMutation({
    mutationFn: () => api(`/api/v1/incidents/${incidentId}/corrective-actions`, { method: "PATCH", body: { id: action.id, completed: !action.completedAt } }),
    onSuccess: () => router.refresh(),
  });
  return (
    <span className="flex flex-col items-start gap-1">
      <Button variant="secondary" disabled={toggle.isPending} onClick={() => toggle.mutate()} aria-label={`${action.completedAt ? "Reopen" : "Mark done"}: ${action.description}`}>
        {action.completedAt ? "Reopen" : "Mark done"}
      </Button>
      {toggle.error && <span role="alert" className="text-xs text-red-700">{splitApiError(toggle.error).general ?? "Could not save."}</span>}
    </span>
  );
}

const draftOf = (a: CorrectiveActionRow): Draft => ({
  description: a.description,
  ownerId: a.owner.id,
  dueDate: a.dueDate.slice(0, 10),
  linkKind: a.suiteItem ? "suiteItem" : a.monitor ? "monitor" : "none",
  suiteItemId: a.suiteItem?.id ?? "",
  monitorId: a.monitor?.id ?? "",
});

/** The incident's corrective actions with their state, and (for writers) the forms to add, edit and complete them. */
export function CorrectiveActions({ incidentId, actions, members, options, canWrite, defaultOwnerId }: {
  incidentId: string;
  actions: CorrectiveActionRow[];
  members: MemberOption[];
  options: CorrectiveActionLinkOptions;
  canWrite: boolean;
  defaultOwnerId: string;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const blank: Draft = { description: "", ownerId: defaultOwnerId, dueDate: "", linkKind: options.suiteItems.length ? "suiteItem" : options.monitors.length ? "monitor" : "none", suiteItemId: "", monitorId: "" };
  return (
    <div className="space-y-4">
      {actions.length === 0 ? (
        <p className="text-sm text-slate-600">No corrective actions yet.</p>
      ) : (
        <Table caption="Corrective actions">
          <thead>
            <tr>
              <Th>Action</Th>
              <Th>Owner</Th>
              <Th>Due</Th>
              <Th>State</Th>
              <Th>Adds</Th>
              {canWrite && <Th><span className="sr-only">Changes</span></Th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {actions.map((a) => (
              <tr key={a.id}>
                <Td className="max-w-xs">
                  {a.description}
                  {editing === a.id && (
                    <div className="mt-2">
                      <ActionForm incidentId={incidentId} members={members} options={options} initial={draftOf(a)} actionId={a.id} onDone={() => setEditing(null)} />
                    </div>
                  )}
                </Td>
                <Td>{a.owner.name}</Td>
                <Td className="whitespace-nowrap">{formatDay(a.dueDate)}</Td>
                <Td>
                  <span className="flex flex-col items-start gap-0.5">
                    <CorrectiveActionStateBadge state={a.state} />
                    {a.completedAt && <span className="text-xs text-slate-500">{formatDay(a.completedAt)}</span>}
                  </span>
                </Td>
                <Td><ActionLink action={a} /></Td>
                {canWrite && (
                  <Td>
                    <span className="flex flex-col items-start gap-1">
                      <CompletionButton incidentId={incidentId} action={a} />
                      {editing !== a.id && <Button variant="ghost" onClick={() => setEditing(a.id)} aria-label={`Edit: ${a.description}`}>Edit</Button>}
                    </span>
                  </Td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {canWrite && <ActionForm incidentId={incidentId} members={members} options={options} initial={blank} />}
    </div>
  );
}
