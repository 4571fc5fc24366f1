"use client";

import { ROLE_LABELS, type Role } from "@assay/core";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";

/** Signs the review as one role, bound to the evidence as it is at this moment. */
export function SignOffForm({ reviewId, role, again }: { reviewId: string; role: Role; again: boolean }) {
  const router = useRouter();
  const id = useId();
  const [comment, setComment] = useState("");
  const sign = useMutation({
    mutationFn: () => api(`/api/v1/reviews/${reviewId}/signoffs`, { method: "POST", body: { role, comment } }),
    onSuccess: () => {
      setComment("");
      router.refresh();
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    sign.mutate();
  };
  const label = `${again ? "Sign again" : "Sign off"} as ${ROLE_LABELS[role]}`;
  return (
    <form onSubmit={onSubmit} className="space-y-2" aria-label={label}>
      <Field label={`Comment for your ${ROLE_LABELS[role]} sign-off (optional)`} htmlFor={id}>
        <textarea id={id} className={inputClass} rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </Field>
      <ErrorMessage>{sign.error?.message}</ErrorMessage>
      <Button type="submit" disabled={sign.isPending}>{sign.isPending ? "Signing…" : label}</Button>
    </form>
  );
}
