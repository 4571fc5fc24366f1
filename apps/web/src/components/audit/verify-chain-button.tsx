"use client";

import type { ChainVerification } from "@assay/services";
import { useMutation } from "@tanstack/react-query";
import { Button, ErrorMessage } from "@/components/ui";
import { api } from "@/lib/client-api";

const REASONS: Record<Extract<ChainVerification, { ok: false }>["reason"], string> = {
  altered: "its content no longer matches its hash: it was changed after it was written",
  missing_or_reordered: "an event is missing or out of order at this position",
  bad_link: "it does not link to the hash of the event before it",
};

/** Recomputes every hash of the organisation's chain on the server and shows the verdict. */
export function VerifyChainButton() {
  const verify = useMutation({ mutationFn: () => api<ChainVerification>("/api/v1/audit/verify") });
  const verdict = verify.data;
  return (
    <div className="space-y-2">
      <Button variant="secondary" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? "Verifying…" : "Verify chain"}
      </Button>
      <div aria-live="polite">
        {verdict?.ok === true && (
          <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            Chain intact: all {verdict.checked} events match their hashes and links. Head hash{" "}
            <code className="break-all font-mono text-xs">{verdict.headHash}</code>
          </p>
        )}
        {verdict?.ok === false && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
            Chain broken at event #{verdict.brokenAtSeq}: {REASONS[verdict.reason]}. {verdict.checked} events before it verified.
          </p>
        )}
        {verify.error && <ErrorMessage>{verify.error.message}</ErrorMessage>}
      </div>
    </div>
  );
}
