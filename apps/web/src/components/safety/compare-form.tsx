"use client";

import { useId, useState } from "react";
import { buttonClass, inputClass } from "@/components/ui";
import { suiteOfRun, type RunOptionGroup } from "./compare-data";

function RunOptions({ groups }: { groups: RunOptionGroup[] }) {
  return (
    <>
      {groups.map((g) => (
        <optgroup key={g.suiteKey} label={`${g.suiteName} (${g.suiteKey})`}>
          {g.runs.map((r) => (
            <option key={r.id} value={r.id}>{r.label}</option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

/**
 * Picks a baseline and a candidate safety run and submits them as a plain
 * GET, so the comparison has a URL to share. Once a baseline is chosen the
 * candidate list keeps to its suite: only runs of one suite can be compared.
 */
export function SafetyCompareForm({ groups, baseline, candidate }: { groups: RunOptionGroup[]; baseline?: string; candidate?: string }) {
  const prefix = useId();
  const known = (id: string | undefined) => (id && suiteOfRun(groups, id) ? id : "");
  const [baselineId, setBaselineId] = useState(known(baseline));
  const [candidateId, setCandidateId] = useState(known(candidate));
  const suite = baselineId ? suiteOfRun(groups, baselineId) : null;
  const candidates = groups
    .filter((g) => suite === null || g.suiteKey === suite)
    .map((g) => ({ ...g, runs: g.runs.filter((r) => r.id !== baselineId) }))
    .filter((g) => g.runs.length > 0);
  const candidateValue = candidates.some((g) => g.runs.some((r) => r.id === candidateId)) ? candidateId : "";
  const hintId = `${prefix}-candidate-hint`;

  return (
    <form method="get" action="/safety/compare" className="space-y-4">
      <div className="grid gap-4 md:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor={`${prefix}-baseline`} className="block text-sm font-medium text-slate-700">Baseline run</label>
          <select id={`${prefix}-baseline`} name="baseline" required className={inputClass} value={baselineId} onChange={(e) => setBaselineId(e.target.value)}>
            <option value="" disabled>Choose the run before the change…</option>
            <RunOptions groups={groups} />
          </select>
          <p className="text-xs text-slate-500">The reference: the released model, or the run before a guardrail was added.</p>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${prefix}-candidate`} className="block text-sm font-medium text-slate-700">Candidate run</label>
          <select id={`${prefix}-candidate`} name="candidate" required aria-describedby={hintId} className={inputClass} value={candidateValue} onChange={(e) => setCandidateId(e.target.value)}>
            <option value="" disabled>{candidates.length === 0 ? "No other succeeded run of this suite" : "Choose the run after the change…"}</option>
            <RunOptions groups={candidates} />
          </select>
          <p id={hintId} className="text-xs text-slate-500">
            {suite ? "Runs of the baseline's suite only: runs of different suites ask different questions." : "The new model version, or the run with the guardrail."}
          </p>
        </div>
      </div>
      <button type="submit" className={buttonClass("primary")} disabled={!baselineId || !candidateValue}>Compare</button>
    </form>
  );
}
