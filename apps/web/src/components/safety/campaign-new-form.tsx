"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api, ApiError } from "@/lib/client-api";
import { campaignHref } from "./campaign-data";

/** Opens a red-team campaign against this model version, then goes to it to log attempts. */
export function NewCampaignForm({ versionId }: { versionId: string }) {
  const router = useRouter();
  const prefix = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [objective, setObjective] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const nameProblem = name.trim() ? null : "Name the campaign.";

  const create = useMutation({
    mutationFn: () => api<{ id: string }>(`/api/v1/versions/${encodeURIComponent(versionId)}/campaigns`, { method: "POST", body: { name: name.trim(), objective: objective.trim() } }),
    onSuccess: (campaign) => router.push(campaignHref(campaign.id)),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (nameProblem) return;
    create.mutate();
  };

  if (!open) {
    return <Button variant="secondary" onClick={() => setOpen(true)}>New campaign</Button>;
  }

  const error = create.error;
  const errorText = error instanceof ApiError && error.status === 403 ? "Your role cannot run red-team campaigns." : error?.message;
  const busy = create.isPending || create.isSuccess;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3" aria-label="New red-team campaign">
      <Field label="Name" htmlFor={`${prefix}-name`} error={submitted ? nameProblem : null}>
        <input id={`${prefix}-name`} className={inputClass} value={name} maxLength={160} required disabled={busy} autoFocus
          aria-invalid={submitted && nameProblem ? true : undefined} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="Objective (optional)" htmlFor={`${prefix}-objective`} hint="What the red team tries to make the model do, and within which limits.">
        <textarea id={`${prefix}-objective`} className={inputClass} rows={3} value={objective} maxLength={4000} disabled={busy} onChange={(e) => setObjective(e.target.value)} />
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy}>{create.isPending ? "Creating…" : create.isSuccess ? "Opening the campaign…" : "Create campaign"}</Button>
        <Button variant="secondary" disabled={busy} onClick={() => { setOpen(false); create.reset(); setSubmitted(false); }}>Cancel</Button>
      </div>
      <ErrorMessage>{errorText}</ErrorMessage>
    </form>
  );
}
