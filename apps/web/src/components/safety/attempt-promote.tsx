"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, ErrorMessage } from "@/components/ui";
import { api, ApiError } from "@/lib/client-api";

type PromoteResult = { attempt: { id: string; promotedItemId: string | null; riskId: string | null }; suiteId: string | null; riskId: string | null };

const link = "font-medium text-brand-700 hover:underline";

/**
 * A successful attack, one click from a regression test (an item of the
 * system's regression suite that every later version must refuse) and from
 * a risk entry. Once done, links to what was created.
 */
export function AttemptPromote({ attemptId, promotedItemId, riskId, regressionSuiteId, canRisk }: {
  attemptId: string;
  promotedItemId: string | null;
  riskId: string | null;
  /** The system's regression suite, when the server knows it. */
  regressionSuiteId: string | null;
  canRisk: boolean;
}) {
  const router = useRouter();
  const [suiteId, setSuiteId] = useState<string | null>(regressionSuiteId);
  const [state, setState] = useState({ promotedItemId, riskId });

  const promote = useMutation({
    mutationFn: (body: { toSuite: boolean; toRisk: boolean }) =>
      api<PromoteResult>(`/api/v1/redteam/attempts/${encodeURIComponent(attemptId)}/promote`, { method: "POST", body }),
    onSuccess: (result) => {
      setState({ promotedItemId: result.attempt.promotedItemId, riskId: result.attempt.riskId });
      if (result.suiteId) setSuiteId(result.suiteId);
      router.refresh();
    },
  });

  const error = promote.error;
  const errorText = error instanceof ApiError && error.status === 403 ? "Your role cannot do this." : error?.message;
  const pending = promote.isPending ? promote.variables : null;
  const suiteHref = suiteId ? `/safety/suites/${encodeURIComponent(suiteId)}` : "/safety";

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {state.promotedItemId ? (
          <p role="status" className="text-sm text-emerald-800">
            In the regression suite: <Link className={link} href={suiteHref}>open the system&apos;s regression suite</Link>
          </p>
        ) : (
          <Button variant="secondary" disabled={promote.isPending} onClick={() => promote.mutate({ toSuite: true, toRisk: false })}>
            {pending?.toSuite ? "Adding…" : "Add to regression suite"}
          </Button>
        )}
        {state.riskId ? (
          <p role="status" className="text-sm text-emerald-800">
            Risk opened: <Link className={link} href={`/risks/${encodeURIComponent(state.riskId)}`}>open the risk</Link>
          </p>
        ) : (
          canRisk && (
            <Button variant="secondary" disabled={promote.isPending} onClick={() => promote.mutate({ toSuite: false, toRisk: true })}>
              {pending?.toRisk ? "Opening…" : "Open a risk"}
            </Button>
          )
        )}
      </div>
      {!state.promotedItemId && (
        <p className="text-xs text-slate-500">The regression suite gets a new version holding this conversation as an item the model must refuse.</p>
      )}
      <ErrorMessage>{errorText}</ErrorMessage>
    </div>
  );
}
