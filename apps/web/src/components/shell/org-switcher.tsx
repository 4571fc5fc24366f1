"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/lib/client-api";
import { inputClass } from "@/components/ui";

export function OrgSwitcher({ currentOrgId, memberships }: { currentOrgId: string; memberships: Array<{ orgId: string; orgName: string }> }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  if (memberships.length < 2) {
    return <span className="font-medium text-slate-700">{memberships[0]?.orgName}</span>;
  }
  return (
    <label className="flex items-center gap-2">
      <span className="sr-only">Organisation</span>
      <select aria-label="Organisation" className={inputClass + " w-48 py-1"} value={currentOrgId} disabled={pending}
        onChange={async (e) => {
          setPending(true);
          await api("/api/v1/session/organization", { method: "PUT", body: { orgId: e.target.value } });
          router.push("/");
          router.refresh();
          setPending(false);
        }}>
        {memberships.map((m) => <option key={m.orgId} value={m.orgId}>{m.orgName}</option>)}
      </select>
    </label>
  );
}
