"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api, ApiError } from "@/lib/client-api";

/** A product owner opens a release review of this version and becomes its owner. */
export function OpenReviewForm({ versionId, defaultTitle }: { versionId: string; defaultTitle: string }) {
  const router = useRouter();
  const id = useId();
  const [title, setTitle] = useState(defaultTitle);
  const open = useMutation({
    mutationFn: () => api<{ id: string }>("/api/v1/reviews", { method: "POST", body: { modelVersionId: versionId, title } }),
    onSuccess: (review) => router.push(`/reviews/${review.id}`),
  });
  const existingId =
    open.error instanceof ApiError && open.error.status === 409 && open.error.details && typeof open.error.details === "object" && "reviewId" in open.error.details
      ? String((open.error.details as { reviewId: unknown }).reviewId)
      : null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    open.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label="Open a release review">
      <div className="min-w-64 flex-1">
        <Field label="Review title" htmlFor={id}>
          <input id={id} className={inputClass} value={title} maxLength={200} required onChange={(e) => setTitle(e.target.value)} />
        </Field>
      </div>
      <Button type="submit" disabled={open.isPending || title.trim() === ""}>{open.isPending ? "Opening…" : "Open release review"}</Button>
      {open.error && (
        <div className="w-full">
          <ErrorMessage>
            {open.error.message}
            {existingId && <> <Link className="font-medium underline" href={`/reviews/${existingId}`}>Go to the open review</Link></>}
          </ErrorMessage>
        </div>
      )}
    </form>
  );
}
