"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button, ErrorMessage } from "@/components/ui";
import { api, ApiError } from "@/lib/client-api";

/** Closes an active campaign (no more attempts) or reopens a closed one. */
export function CampaignStatusToggle({ campaignId, status }: { campaignId: string; status: "active" | "closed" }) {
  const router = useRouter();
  const next = status === "active" ? "closed" : "active";
  const change = useMutation({
    mutationFn: () => api(`/api/v1/redteam/campaigns/${encodeURIComponent(campaignId)}`, { method: "PATCH", body: { status: next } }),
    onSuccess: () => router.refresh(),
  });
  const error = change.error;
  const errorText = error instanceof ApiError && error.status === 403 ? "Your role cannot change campaigns." : error?.message;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" onClick={() => change.mutate()} disabled={change.isPending}>
        {change.isPending ? (next === "closed" ? "Closing…" : "Reopening…") : next === "closed" ? "Close campaign" : "Reopen campaign"}
      </Button>
      <ErrorMessage>{errorText}</ErrorMessage>
    </div>
  );
}
