"use client";

import type { ComparableRunGroup } from "@assay/services";
import { useId, useState } from "react";
import { buttonClass, formatDate, inputClass } from "@/components/ui";
import type { Jsonify } from "../serialize";

export type RunGroupOption = Jsonify<ComparableRunGroup>;

function optionLabel(run: RunGroupOption["runs"][number]): string {
  const checks = run.checkCount > 0 ? ` · ${run.checksPassed} of ${run.checkCount} checks passed` : "";
  return `${run.dataset.name} · plan v${run.planVersion} · finished ${formatDate(run.finishedAt ?? run.createdAt)}${checks}`;
}

function RunOptions({ groups }: { groups: RunGroupOption[] }) {
  return (
    <>
      {groups.map((g) => (
        <optgroup key={g.version.id} label={`${g.system.name} · ${g.version.label}`}>
          {g.runs.map((r) => (
            <option key={r.id} value={r.id}>{optionLabel(r)}</option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

const systemOf = (groups: readonly RunGroupOption[], runId: string) => groups.find((g) => g.runs.some((r) => r.id === runId))?.system.id ?? null;

/**
 * Picks a baseline and a candidate run and submits them as a plain GET, so
 * the comparison has a URL to share. Once a baseline is chosen the candidate
 * list keeps to its system, the only runs it can be compared with.
 */
export function CompareForm({ groups, baseline, candidate }: { groups: RunGroupOption[]; baseline?: string; candidate?: string }) {
  const prefix = useId();
  const known = (id: string | undefined) => (id && systemOf(groups, id) ? id : "");
  const [baselineId, setBaselineId] = useState(known(baseline));
  const [candidateId, setCandidateId] = useState(known(candidate));
  const system = baselineId ? systemOf(groups, baselineId) : null;
  const candidates = groups
    .filter((g) => system === null || g.system.id === system)
    .map((g) => ({ ...g, runs: g.runs.filter((r) => r.id !== baselineId) }))
    .filter((g) => g.runs.length > 0);
  const candidateValue = candidates.some((g) => g.runs.some((r) => r.id === candidateId)) ? candidateId : "";
  const hintId = `${prefix}-candidate-hint`;

  return (
    <form method="get" action="/runs/compare" className="space-y-4">
      <div className="grid gap-4 md:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor={`${prefix}-baseline`} className="block text-sm font-medium text-slate-700">Baseline run</label>
          <select
            id={`${prefix}-baseline`}
            name="baseline"
            required
            className={inputClass}
            value={baselineId}
            onChange={(e) => setBaselineId(e.target.value)}
          >
            <option value="" disabled>Choose the run before the change…</option>
            <RunOptions groups={groups} />
          </select>
          <p className="text-xs text-slate-500">The reference: the current model, or the run before a mitigation.</p>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${prefix}-candidate`} className="block text-sm font-medium text-slate-700">Candidate run</label>
          <select
            id={`${prefix}-candidate`}
            name="candidate"
            required
            aria-describedby={hintId}
            className={inputClass}
            value={candidateValue}
            onChange={(e) => setCandidateId(e.target.value)}
          >
            <option value="" disabled>{candidates.length === 0 ? "No other succeeded run of this system" : "Choose the run after the change…"}</option>
            <RunOptions groups={candidates} />
          </select>
          <p id={hintId} className="text-xs text-slate-500">
            {system ? "Runs of the baseline's system only: runs of different systems cannot be compared." : "The new model version, or the run after a mitigation."}
          </p>
        </div>
      </div>
      <button type="submit" className={buttonClass("primary")} disabled={!baselineId || !candidateValue}>Compare</button>
    </form>
  );
}
