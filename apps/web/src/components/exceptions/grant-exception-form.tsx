"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";

export type GateOption = { key: string; label: string; status: string };

/**
 * An approver accepts the residual risk of a failing or missing gate until a
 * date the tier caps. Dates are calendar days (midnight UTC); the bounds come
 * from the server so the form and the check agree.
 */
export function GrantExceptionForm({ reviewId, gates, defaultGate, minDate, maxDate, defaultExpiry, defaultReReview, maxDays, tier, requesters }: {
  reviewId: string;
  gates: GateOption[];
  defaultGate: string | null;
  /** YYYY-MM-DD bounds for the expiry: tomorrow, and today plus the tier's maximum. */
  minDate: string;
  maxDate: string;
  defaultExpiry: string;
  defaultReReview: string;
  maxDays: number;
  tier: string;
  /** Scientists and product owners who may have asked for it. */
  requesters: Array<{ id: string; name: string }>;
}) {
  const router = useRouter();
  const id = useId();
  const [gateKey, setGateKey] = useState(defaultGate && gates.some((g) => g.key === defaultGate) ? defaultGate : (gates[0]?.key ?? ""));
  const [scope, setScope] = useState<"version" | "system">("version");
  const [rationale, setRationale] = useState("");
  const [compensatingControls, setCompensatingControls] = useState("");
  const [residualRisk, setResidualRisk] = useState("");
  const [expiresAt, setExpiresAt] = useState(defaultExpiry);
  const [reReviewAt, setReReviewAt] = useState(defaultReReview);
  const [requestedById, setRequestedById] = useState("");
  const grant = useMutation({
    mutationFn: () =>
      api("/api/v1/exceptions", {
        method: "POST",
        body: { reviewId, gateKey, scope, rationale, compensatingControls, residualRisk, expiresAt, reReviewAt, ...(requestedById ? { requestedById } : {}) },
      }),
    onSuccess: () => {
      setRationale("");
      setCompensatingControls("");
      setResidualRisk("");
      router.refresh();
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    grant.mutate();
  };
  if (gates.length === 0) return <p className="text-sm text-slate-600">No failing or missing gate can be waived on this review.</p>;
  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label="Grant an exception">
      <Field label="Gate to waive" htmlFor={`${id}-gate`}>
        <select id={`${id}-gate`} className={inputClass} value={gateKey} onChange={(e) => setGateKey(e.target.value)}>
          {gates.map((g) => <option key={g.key} value={g.key}>{g.label} ({g.status})</option>)}
        </select>
      </Field>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">Scope</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name={`${id}-scope`} checked={scope === "version"} onChange={() => setScope("version")} className="h-4 w-4" /> This version only
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name={`${id}-scope`} checked={scope === "system"} onChange={() => setScope("system")} className="h-4 w-4" /> Every version of the system
        </label>
      </fieldset>
      <Field label="Rationale" htmlFor={`${id}-rationale`} hint="Why the gate can be waived for now; at least 10 characters.">
        <textarea id={`${id}-rationale`} className={inputClass} rows={3} maxLength={8000} required value={rationale} onChange={(e) => setRationale(e.target.value)} />
      </Field>
      <Field label="Compensating controls" htmlFor={`${id}-controls`}>
        <textarea id={`${id}-controls`} className={inputClass} rows={2} maxLength={8000} required value={compensatingControls} onChange={(e) => setCompensatingControls(e.target.value)} />
      </Field>
      <Field label="Residual risk" htmlFor={`${id}-residual`}>
        <textarea id={`${id}-residual`} className={inputClass} rows={2} maxLength={8000} required value={residualRisk} onChange={(e) => setResidualRisk(e.target.value)} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Expires on" htmlFor={`${id}-expires`} hint={`At most ${maxDays} days for a ${tier}-tier system: ${maxDate} at the latest.`}>
          <input id={`${id}-expires`} type="date" className={inputClass} min={minDate} max={maxDate} required value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} />
        </Field>
        <Field label="Re-review by" htmlFor={`${id}-rereview`} hint="On or before the expiry.">
          <input id={`${id}-rereview`} type="date" className={inputClass} min={minDate} max={expiresAt || maxDate} required value={reReviewAt} onChange={(e) => setReReviewAt(e.target.value)} />
        </Field>
      </div>
      {requesters.length > 0 && (
        <Field label="Requested by (optional)" htmlFor={`${id}-requester`} hint="The scientist or product owner who asked for this exception.">
          <select id={`${id}-requester`} className={inputClass} value={requestedById} onChange={(e) => setRequestedById(e.target.value)}>
            <option value="">Nobody: my own decision</option>
            {requesters.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </select>
        </Field>
      )}
      <ErrorMessage>{grant.error?.message}</ErrorMessage>
      <Button type="submit" disabled={grant.isPending || !gateKey}>{grant.isPending ? "Granting…" : "Grant exception"}</Button>
    </form>
  );
}
