"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button, ErrorMessage, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";

export type VersionOption = { id: string; label: string; createdAt: string };

/**
 * "Verify on version…": picks a later version of the risk's system; the
 * server judges every acceptance check on that version's runs.
 */
export function VerifyControl({ mitigationId, versions, baselineLabel }: { mitigationId: string; versions: VersionOption[]; baselineLabel: string | null }) {
  const router = useRouter();
  const prefix = useId();
  const [versionId, setVersionId] = useState(versions[0]?.id ?? "");
  const verify = useMutation({
    mutationFn: (modelVersionId: string) => api<{ status: string }>(`/api/v1/mitigations/${mitigationId}/verify`, { method: "POST", body: { modelVersionId } }),
    onSuccess: () => router.refresh(),
  });

  if (versions.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No later version to verify on yet{baselineLabel ? ` (the risk was found on ${baselineLabel})` : ""}. Register the fixed model as a new version and run its evaluations.
      </p>
    );
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (versionId) verify.mutate(versionId);
  };
  const day = (iso: string) => iso.slice(0, 10);
  return (
    <form onSubmit={onSubmit} className="space-y-2" aria-label="Verify on a later version">
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={`${prefix}-version`} className="block text-sm font-medium text-slate-700">Verify on version</label>
          <select id={`${prefix}-version`} className={inputClass} value={versionId} onChange={(e) => { setVersionId(e.target.value); verify.reset(); }}>
            {versions.map((v) => <option key={v.id} value={v.id}>{v.label} (registered {day(v.createdAt)})</option>)}
          </select>
        </div>
        <Button type="submit" disabled={verify.isPending || !versionId}>{verify.isPending ? "Verifying…" : "Verify"}</Button>
      </div>
      <p className="text-xs text-slate-500">
        Later than {baselineLabel ?? "the risk"}. Each check is judged on the version&apos;s latest succeeded run that evaluated it, and compared with the same on {baselineLabel ?? "the baseline"}.
      </p>
      {verify.isSuccess && (
        <p role="status" className={verify.data.status === "verified" ? "text-sm text-emerald-700" : "text-sm text-red-800"}>
          {verify.data.status === "verified" ? "Verified: every acceptance check passed." : "Not verified: at least one acceptance check did not pass. See below."}
        </p>
      )}
      <ErrorMessage>{verify.error ? verify.error.message : null}</ErrorMessage>
    </form>
  );
}
