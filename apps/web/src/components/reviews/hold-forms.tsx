"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";
import { HOLD_CONCERN_LABELS, HOLD_CONCERNS, type HoldConcern } from "./labels";

/** Any member but an auditor holds the review over a serious concern; only an approver can clear it. */
export function PlaceHoldForm({ reviewId }: { reviewId: string }) {
  const router = useRouter();
  const id = useId();
  const [concern, setConcern] = useState<HoldConcern>("safety");
  const [reason, setReason] = useState("");
  const place = useMutation({
    mutationFn: () => api(`/api/v1/reviews/${reviewId}/holds`, { method: "POST", body: { concern, reason } }),
    onSuccess: () => {
      setReason("");
      router.refresh();
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    place.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label="Place a hold">
      <Field label="Concern" htmlFor={`${id}-concern`}>
        <select id={`${id}-concern`} className={inputClass} value={concern} onChange={(e) => setConcern(e.target.value as HoldConcern)}>
          {HOLD_CONCERNS.map((c) => <option key={c} value={c}>{HOLD_CONCERN_LABELS[c]}</option>)}
        </select>
      </Field>
      <Field label="Reason" htmlFor={`${id}-reason`} hint="What is wrong and why it is serious; at least 10 characters.">
        <textarea id={`${id}-reason`} className={inputClass} rows={3} maxLength={4000} required value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <ErrorMessage>{place.error?.message}</ErrorMessage>
      <Button type="submit" variant="danger" disabled={place.isPending}>{place.isPending ? "Placing…" : "Place hold"}</Button>
    </form>
  );
}

export function ClearHoldForm({ reviewId, holdId }: { reviewId: string; holdId: string }) {
  const router = useRouter();
  const id = useId();
  const [rationale, setRationale] = useState("");
  const clear = useMutation({
    mutationFn: () => api(`/api/v1/reviews/${reviewId}/holds/${holdId}/clear`, { method: "POST", body: { rationale } }),
    onSuccess: () => router.refresh(),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    clear.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="space-y-2" aria-label="Clear this hold">
      <Field label="Why the hold can be cleared" htmlFor={id} hint="At least 10 characters; it is kept with the hold and in the decision memo.">
        <textarea id={id} className={inputClass} rows={2} maxLength={4000} required value={rationale} onChange={(e) => setRationale(e.target.value)} />
      </Field>
      <ErrorMessage>{clear.error?.message}</ErrorMessage>
      <Button type="submit" variant="secondary" disabled={clear.isPending}>{clear.isPending ? "Clearing…" : "Clear hold"}</Button>
    </form>
  );
}
