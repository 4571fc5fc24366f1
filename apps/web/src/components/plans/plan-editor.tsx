"use client";

import type { PlanCheck } from "@assay/core";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { RISK_TIERS } from "@/components/registry/labels";
import { api, ApiError } from "@/lib/client-api";
import { CheckRowList } from "./check-row-list";
import { buildChecks, newRow, newSafetyRow, resolveIds, rowFromCheck, rowsSignature, type Row, type SuiteOption } from "./plan-rows";
import type { CategoryOption } from "./safety-check-fields";

export function PlanEditor({ versionId, currentVersion, checks, sensitiveAttributes, suites, categories }: {
  versionId: string;
  /** 0 when the version has no plan yet. */
  currentVersion: number;
  checks: PlanCheck[];
  sensitiveAttributes: string[];
  /** Suites a safety check may name: every built-in one, installed or not, and the organisation's own. */
  suites: SuiteOption[];
  /** The categories of the organisation's safety taxonomy. */
  categories: CategoryOption[];
}) {
  const router = useRouter();
  const prefix = useId();
  const nextKey = useRef(0);
  const takeKey = () => (nextKey.current += 1);
  const [initialRows] = useState<Row[]>(() =>
    checks.length > 0 ? checks.map((c) => rowFromCheck(c, takeKey())) : [newRow(takeKey(), sensitiveAttributes[0] ?? "")],
  );
  const [rows, setRows] = useState<Row[]>(initialRows);
  // Loaded checks with tier bands start with that section open. Fixed at mount: a changing `open` prop would
  // collapse the section under the user's hand when they untick the last tier.
  const [tiersOpenAtLoad] = useState(
    () => new Set(initialRows.filter((r) => r.kind === "fairness" && RISK_TIERS.some((t) => r.tierBands[t].enabled)).map((r) => r.key)),
  );
  const [note, setNote] = useState("");
  const [submitted, setSubmitted] = useState(false);

  const save = useMutation({
    mutationFn: (body: { checks: PlanCheck[]; note: string; baseVersion: number }) =>
      api(`/api/v1/versions/${versionId}/plan`, { method: "PUT", body }),
    onSuccess: () => router.refresh(),
  });

  const ids = resolveIds(rows);
  const built = buildChecks(rows);
  const dirty = rowsSignature(rows) !== rowsSignature(initialRows) || note.trim() !== "";
  // 409: someone saved a newer version since this editor was loaded.
  const outdated = save.error instanceof ApiError && save.error.status === 409;
  const nextVersion = currentVersion + 1;

  const replace = (next: Row) => setRows((rs) => rs.map((r) => (r.key === next.key ? next : r)));
  const setId = (key: number, customId: string) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, customId } : r)));
  const addFairness = () => setRows((rs) => [...rs, newRow(takeKey(), sensitiveAttributes[0] ?? "")]);
  const addSafety = () => setRows((rs) => [...rs, newSafetyRow(takeKey(), suites[0]?.key ?? "")]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (built.rowErrors.size > 0 || built.planError) return;
    save.mutate({ checks: built.checks, note, baseVersion: currentVersion });
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Evaluation plan editor">
      <p className="text-sm text-slate-600">
        {sensitiveAttributes.length > 0
          ? "Attributes are the sensitive columns of this version's datasets."
          : "No dataset has been uploaded for this version yet, so attributes are free text and are not checked against any data. Use the exact column names of the file you will upload; once a dataset exists, every fairness check must use one of its sensitive columns."}
        {" "}Fairness checks bound a group metric across a sensitive attribute and are judged by fairness runs; safety checks cap a safety
        metric on a prompt suite and are judged by safety runs on that suite.
      </p>

      <CheckRowList rows={rows} ids={ids} prefix={prefix} noun="check" lastRowHint="A plan needs at least one check."
        rowErrors={submitted ? built.rowErrors : undefined} tiersOpen={tiersOpenAtLoad} sensitiveAttributes={sensitiveAttributes}
        suites={suites} categories={categories} onReplace={replace} onIdChange={setId}
        onRemove={(key) => setRows((rs) => rs.filter((r) => r.key !== key))} />

      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={addFairness}>Add fairness check</Button>
        <Button variant="secondary" onClick={addSafety}>Add safety check</Button>
      </div>

      <Field label="Change note (optional)" htmlFor={`${prefix}-note`} hint="Why this version? Shown in the history.">
        <textarea id={`${prefix}-note`} className={inputClass} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>

      {submitted && built.planError && <ErrorMessage>{built.planError}</ErrorMessage>}
      <ErrorMessage>{save.error?.message}</ErrorMessage>
      {outdated && <Button variant="secondary" onClick={() => router.refresh()}>Load the latest plan (discards your edits)</Button>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending}>{save.isPending ? "Saving…" : `Save as version ${nextVersion}`}</Button>
        <Button variant="secondary" disabled={!dirty || save.isPending}
          onClick={() => { setRows(initialRows); setNote(""); setSubmitted(false); save.reset(); }}>
          Discard changes
        </Button>
      </div>
    </form>
  );
}
