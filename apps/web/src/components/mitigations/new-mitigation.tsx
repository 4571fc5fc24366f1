"use client";

import type { PlanCheck } from "@assay/core";
import { useState } from "react";
import type { SuiteOption } from "@/components/plans/plan-rows";
import type { CategoryOption } from "@/components/plans/safety-check-fields";
import type { MemberOption } from "@/components/risks/risk-fields";
import { Button } from "@/components/ui";
import { MitigationForm } from "./mitigation-form";

/** "Add mitigation", opening a fresh form; it closes (and starts over next time) once saved. */
export function NewMitigation({ riskId, currentUserId, members, sensitiveAttributes, suites, categories, suggestedCheck, defaultKind }: {
  riskId: string;
  currentUserId: string;
  members: MemberOption[];
  sensitiveAttributes: string[];
  suites: SuiteOption[];
  categories: CategoryOption[];
  /** The check the risk was raised from, offered as the first acceptance check. */
  suggestedCheck: PlanCheck | null;
  defaultKind: PlanCheck["kind"];
}) {
  const [open, setOpen] = useState(false);
  const [round, setRound] = useState(0);
  if (!open) {
    return <Button variant="secondary" onClick={() => setOpen(true)} aria-expanded={false}>Add mitigation</Button>;
  }
  return (
    <section aria-label="New mitigation" className="space-y-3 rounded-md border border-slate-200 p-3">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-800">New mitigation</h3>
        <Button variant="ghost" onClick={() => setOpen(false)} aria-expanded={true}>Cancel</Button>
      </div>
      <MitigationForm
        key={round}
        riskId={riskId}
        initial={{ type: "other", description: "", ownerId: currentUserId, dueDate: "", status: "planned", checks: suggestedCheck ? [suggestedCheck] : [] }}
        members={members}
        sensitiveAttributes={sensitiveAttributes}
        suites={suites}
        categories={categories}
        defaultKind={defaultKind}
        onSaved={() => {
          setOpen(false);
          setRound((r) => r + 1);
        }}
      />
    </section>
  );
}
