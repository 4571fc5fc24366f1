"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui";
import { api } from "@/lib/client-api";

/** Copies a built-in suite into the organisation; the page then lists it with the installed suites. */
export function InstallBuiltinButton({ suiteKey, name }: { suiteKey: string; name: string }) {
  const router = useRouter();
  const install = useMutation({
    mutationFn: () => api<{ id: string }>(`/api/v1/safety/suites/builtin/${encodeURIComponent(suiteKey)}`, { method: "POST", body: {} }),
    onSuccess: () => router.refresh(),
  });
  return (
    <div className="space-y-1">
      <Button variant="secondary" disabled={install.isPending || install.isSuccess} onClick={() => install.mutate()} aria-label={`Install ${name}`}>
        {install.isPending ? "Installing…" : install.isSuccess ? "Installed" : "Install"}
      </Button>
      {install.isSuccess && <p role="status" className="text-xs text-emerald-800">Installed; it is listed with your suites.</p>}
      {install.error && <p role="alert" className="text-xs text-red-700">{install.error.message}</p>}
    </div>
  );
}
