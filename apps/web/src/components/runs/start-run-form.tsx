"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button, ErrorMessage, Field, formatDate, inputClass } from "@/components/ui";
import { api, ApiError } from "@/lib/client-api";
import { formatCount } from "./format";
import { runsQueryKey } from "./runs-table";

export type DatasetOption = {
  id: string;
  name: string;
  fileName: string;
  rowCount: number;
  sensitiveColumns: string[];
  createdAt: string;
};

export type PlanSummary = {
  version: number;
  /** Every fairness check with the attribute it needs, in plan order (a fairness run evaluates no other kind). */
  checks: Array<{ id: string; attribute: string }>;
};

/** Checks of the plan whose attribute is not a sensitive column of the dataset: the server refuses such runs. */
export function uncoveredChecks(plan: PlanSummary, dataset: Pick<DatasetOption, "sensitiveColumns">) {
  return plan.checks.filter((c) => !dataset.sensitiveColumns.includes(c.attribute));
}

/** Starts a fairness run of the current plan on one of the version's datasets, then opens the run. */
export function StartRunForm({ versionId, datasets, plan }: { versionId: string; datasets: DatasetOption[]; plan: PlanSummary }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const prefix = useId();
  const [datasetId, setDatasetId] = useState(datasets[0]?.id ?? "");
  const selected = datasets.find((d) => d.id === datasetId);
  const uncovered = selected ? uncoveredChecks(plan, selected) : [];

  const start = useMutation({
    mutationFn: (body: { datasetId: string }) => api<{ id: string }>(`/api/v1/versions/${versionId}/runs`, { method: "POST", body }),
    onSuccess: async (run) => {
      await queryClient.invalidateQueries({ queryKey: runsQueryKey(versionId) });
      router.push(`/runs/${run.id}`);
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!datasetId || uncovered.length > 0) return;
    start.mutate({ datasetId });
  };

  const error = start.error;
  const errorText = error instanceof ApiError && error.status === 403 ? "Your role cannot start evaluation runs." : error?.message;
  const busy = start.isPending || start.isSuccess;
  const selectId = `${prefix}-dataset`;
  const problemId = `${prefix}-uncovered`;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Start an evaluation run">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <Field label="Dataset" htmlFor={selectId} hint={`Runs the ${plan.checks.length} fairness ${plan.checks.length === 1 ? "check" : "checks"} of plan version ${plan.version}.`}>
            <select id={selectId} className={inputClass} value={datasetId} required disabled={busy}
              aria-describedby={uncovered.length > 0 ? problemId : undefined}
              onChange={(e) => { setDatasetId(e.target.value); start.reset(); }}>
              {datasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} · {formatCount(d.rowCount)} rows · {formatDate(d.createdAt)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Button type="submit" disabled={busy || !datasetId || uncovered.length > 0}>
          {start.isPending ? "Starting…" : start.isSuccess ? "Opening the run…" : "Start evaluation run"}
        </Button>
      </div>
      {selected && uncovered.length > 0 && (
        <div id={problemId} role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Plan version {plan.version} checks {uncovered.length === 1 ? "an attribute" : "attributes"} that “{selected.name}” does not declare as sensitive:{" "}
          {uncovered.map((c) => `${c.id} (${c.attribute})`).join(", ")}. Its sensitive columns are {selected.sensitiveColumns.join(", ")}.
          Choose another dataset, or change the plan.
        </div>
      )}
      <ErrorMessage>{errorText}</ErrorMessage>
    </form>
  );
}
