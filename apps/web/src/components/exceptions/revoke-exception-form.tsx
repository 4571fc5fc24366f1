"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button, ErrorMessage, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";

/** An approver withdraws an exception still in force; the gate applies again at once. */
export function RevokeExceptionForm({ exceptionId }: { exceptionId: string }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const revoke = useMutation({
    mutationFn: () => api(`/api/v1/exceptions/${exceptionId}/revoke`, { method: "POST", body: { reason } }),
    onSuccess: () => router.refresh(),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    revoke.mutate();
  };
  if (!open) return <Button variant="ghost" onClick={() => setOpen(true)}>Revoke</Button>;
  return (
    <form onSubmit={onSubmit} className="space-y-2" aria-label="Revoke this exception">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">Why revoke (at least 10 characters)</label>
      <textarea id={id} className={inputClass} rows={2} maxLength={4000} required value={reason} onChange={(e) => setReason(e.target.value)} />
      <ErrorMessage>{revoke.error?.message}</ErrorMessage>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={revoke.isPending}>{revoke.isPending ? "Revoking…" : "Revoke exception"}</Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
      </div>
    </form>
  );
}
