"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button, ErrorMessage } from "@/components/ui";
import { api } from "@/lib/client-api";

/**
 * For approvers, who cannot edit risks but may accept one: a decision to live
 * with the residual risk, recorded in the risk's history.
 */
export function AcceptRiskButton({ riskId }: { riskId: string }) {
  const router = useRouter();
  const accept = useMutation({
    mutationFn: () => api(`/api/v1/risks/${riskId}`, { method: "PATCH", body: { status: "accepted" } }),
    onSuccess: () => router.refresh(),
  });
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">As an approver you may accept this risk: the organisation decides to live with its residual risk. The decision is recorded in the history.</p>
      <Button onClick={() => accept.mutate()} disabled={accept.isPending}>{accept.isPending ? "Accepting…" : "Accept risk"}</Button>
      <ErrorMessage>{accept.error ? accept.error.message : null}</ErrorMessage>
    </div>
  );
}
