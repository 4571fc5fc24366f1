"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui";
import { api, ApiError } from "@/lib/client-api";

/** Defaults for a risk raised from a failed check; the owner edits them on the risk's page. */
const DEFAULT_LIKELIHOOD = 3;
const DEFAULT_IMPACT = 4;
const DEFAULT_DUE_IN_DAYS = 30;
const MAX_STATEMENT = 4000;

export function RaiseRiskClientButton({ runId, checkId, defaultStatement }: { runId: string; checkId: string; defaultStatement: string }) {
  const router = useRouter();
  const raise = useMutation({
    mutationFn: () => {
      const due = new Date(Date.now() + DEFAULT_DUE_IN_DAYS * 24 * 60 * 60 * 1000);
      return api<{ id: string }>("/api/v1/risks", {
        method: "POST",
        body: {
          runId,
          checkId,
          statement: defaultStatement.slice(0, MAX_STATEMENT),
          likelihood: DEFAULT_LIKELIHOOD,
          impact: DEFAULT_IMPACT,
          dueDate: due.toISOString().slice(0, 10),
        },
      });
    },
    onSuccess: (risk) => router.push(`/risks/${risk.id}`),
  });
  const error = raise.error;
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button variant="secondary" onClick={() => raise.mutate()} disabled={raise.isPending || raise.isSuccess}
        aria-label={`Raise a risk from check ${checkId}`}>
        {raise.isPending ? "Raising…" : "Raise risk"}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error instanceof ApiError && error.status === 403 ? "Your role cannot raise risks." : error.message}
        </span>
      )}
    </span>
  );
}
