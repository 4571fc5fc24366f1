"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api, ApiError } from "@/lib/client-api";
import { safetyRunHref } from "./run-format";
import { limitProblem, type SuiteOption } from "./version-safety-rows";
import { versionSafetyRunsKey } from "./version-safety-runs-table";

export type TargetOption = { id: string; label: string };
export type BaselineOption = { id: string; suiteKey: string; label: string };

/**
 * Starts a safety run of one suite version against one target of this
 * version, optionally with an LLM judge, a chosen baseline and an item limit
 * (a smoke run), then opens the run.
 */
export function StartSafetyRunForm({ versionId, suites, targets, judges, baselines }: {
  versionId: string;
  suites: SuiteOption[];
  targets: TargetOption[];
  judges: TargetOption[];
  baselines: BaselineOption[];
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const prefix = useId();
  const [suiteVersionId, setSuiteVersionId] = useState(suites[0]?.versions[0]?.id ?? "");
  const [targetId, setTargetId] = useState(targets[0]?.id ?? "");
  const [judgeId, setJudgeId] = useState("");
  const [baselineId, setBaselineId] = useState("");
  const [limit, setLimit] = useState("");
  const [submitted, setSubmitted] = useState(false);

  const suiteKey = suites.find((s) => s.versions.some((v) => v.id === suiteVersionId))?.key ?? null;
  const suiteBaselines = baselines.filter((b) => b.suiteKey === suiteKey);
  const baselineValue = suiteBaselines.some((b) => b.id === baselineId) ? baselineId : "";
  const limitError = limitProblem(limit);

  const start = useMutation({
    mutationFn: () =>
      api<{ id: string }>(`/api/v1/versions/${encodeURIComponent(versionId)}/safety-runs`, {
        method: "POST",
        body: {
          suiteVersionId,
          targetId,
          judgeTargetId: judgeId || null,
          baselineRunId: baselineValue || null,
          ...(limit.trim() ? { limit: Number(limit.trim()) } : {}),
        },
      }),
    onSuccess: async (run) => {
      await queryClient.invalidateQueries({ queryKey: versionSafetyRunsKey(versionId) });
      router.push(safetyRunHref(run.id));
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!suiteVersionId || !targetId || limitError) return;
    start.mutate();
  };

  const change = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    start.reset();
  };

  const error = start.error;
  const busy = start.isPending || start.isSuccess;
  const id = (name: string) => `${prefix}-${name}`;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Start a safety run">
      <div className="grid gap-3 md:grid-cols-2">
        <Field label="Suite version" htmlFor={id("suite")}>
          <select id={id("suite")} className={inputClass} value={suiteVersionId} required disabled={busy} onChange={(e) => change(setSuiteVersionId)(e.target.value)}>
            {suites.map((s) => (
              <optgroup key={s.key} label={s.name}>
                {s.versions.map((v) => <option key={v.id} value={v.id}>{v.label}</option>)}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field label="Target" htmlFor={id("target")} hint="The endpoint or offline responses of this version to test.">
          <select id={id("target")} className={inputClass} value={targetId} required disabled={busy} onChange={(e) => change(setTargetId)(e.target.value)}>
            {targets.map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}
          </select>
        </Field>
        <Field
          label="Judge (optional)"
          htmlFor={id("judge")}
          hint={judges.length === 0 ? "No chat-completions target to judge with: refusals are graded by the refusal grader." : "An LLM that reads each response to decide whether a harmful request was answered; it decides instead of the refusal grader."}
        >
          <select id={id("judge")} className={inputClass} value={judgeId} disabled={busy || judges.length === 0} onChange={(e) => change(setJudgeId)(e.target.value)}>
            <option value="">No judge</option>
            {judges.map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}
          </select>
        </Field>
        <Field
          label="Baseline run (optional)"
          htmlFor={id("baseline")}
          hint="Left on the default, the server picks the latest succeeded run of this suite on another version of this system, if there is one."
        >
          <select id={id("baseline")} className={inputClass} value={baselineValue} disabled={busy} onChange={(e) => change(setBaselineId)(e.target.value)}>
            <option value="">Default: chosen by the server</option>
            {suiteBaselines.map((b) => <option key={b.id} value={b.id}>{b.label}</option>)}
          </select>
        </Field>
        <Field
          label="Item limit (optional)"
          htmlFor={id("limit")}
          hint="A smoke run: grade only the first items of the suite. Leave empty to run every item."
          error={submitted || limit ? limitError : null}
        >
          <input id={id("limit")} className={inputClass} inputMode="numeric" value={limit} disabled={busy}
            aria-invalid={limitError ? true : undefined} onChange={(e) => change(setLimit)(e.target.value)} />
        </Field>
      </div>
      <Button type="submit" disabled={busy || !suiteVersionId || !targetId}>
        {start.isPending ? "Starting…" : start.isSuccess ? "Opening the run…" : "Start safety run"}
      </Button>
      {error instanceof ApiError && error.status === 409 ? (
        <ErrorMessage>
          {error.message} <a href="#plan" className="font-medium underline">Go to the evaluation plan</a>
        </ErrorMessage>
      ) : (
        <ErrorMessage>{error instanceof ApiError && error.status === 403 ? "Your role cannot start safety runs." : error?.message}</ErrorMessage>
      )}
    </form>
  );
}
