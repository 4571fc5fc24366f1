import { can, fairnessChecksOf } from "@assay/core";
import { getPlan, listDatasets, listRuns } from "@assay/services";
import type { ReactNode } from "react";
import { Card, EmptyState } from "@/components/ui";
import { pageContext } from "@/lib/context";
import { RunsTable } from "./runs-table";
import { toJson } from "./serialize";
import { StartRunForm } from "./start-run-form";

/** Fairness runs of a model version: the start form for scientists, and the run list everyone reads. */
export async function RunsSection({ versionId }: { versionId: string }) {
  const ctx = await pageContext();
  const [runs, datasets, plan] = await Promise.all([listRuns(ctx, versionId), listDatasets(ctx, versionId), getPlan(ctx, versionId)]);
  const canStart = can(ctx.roles, "run.start");
  const current = plan.current;
  // A fairness run evaluates the plan's fairness checks only; safety checks are judged by safety runs.
  const fairnessChecks = current ? fairnessChecksOf(current.checks) : [];

  let startControl: ReactNode = null;
  if (canStart) {
    if (!current) {
      startControl = <p className="text-sm text-slate-600">Write an evaluation plan first: a run checks the plan&apos;s checks against a dataset.</p>;
    } else if (fairnessChecks.length === 0) {
      startControl = (
        <p className="text-sm text-slate-600">
          Plan version {current.version} has no fairness checks. Add one to the plan to start a fairness run; its safety checks are judged by safety runs.
        </p>
      );
    } else if (datasets.length === 0) {
      startControl = <p className="text-sm text-slate-600">Upload a dataset first: a run evaluates the plan on a predictions file.</p>;
    } else {
      startControl = (
        <StartRunForm
          versionId={versionId}
          datasets={datasets.map((d) => ({
            id: d.id,
            name: d.name,
            fileName: d.fileName,
            rowCount: d.rowCount,
            sensitiveColumns: d.sensitiveColumns,
            createdAt: d.createdAt.toISOString(),
          }))}
          plan={{ version: current.version, checks: fairnessChecks.map((c) => ({ id: c.id, attribute: c.attribute })) }}
        />
      );
    }
  }

  return (
    <Card title="Evaluation runs">
      <div className="space-y-4">
        {startControl && <div className="border-b border-slate-100 pb-4">{startControl}</div>}
        {runs.length === 0 ? (
          <EmptyState title="No runs yet">
            {canStart
              ? "Start a run to evaluate the plan's checks on a dataset. Its results, with per-group rates and intervals, open on their own page."
              : "A scientist starts runs once a dataset and an evaluation plan exist; their results will appear here."}
          </EmptyState>
        ) : (
          <RunsTable versionId={versionId} initialRuns={toJson(runs)} />
        )}
      </div>
    </Card>
  );
}
