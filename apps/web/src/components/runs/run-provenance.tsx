import type { RunDetail } from "@assay/services";
import Link from "next/link";
import { CopyButton } from "@/components/datasets/copy-button";
import { DefinitionList, formatDate } from "@/components/ui";
import { formatBytes, formatCount, formatDuration } from "./format";

/** What the run's results rest on, enough to reproduce them: data hash, plan version, code version, configuration. */
export function RunProvenance({ run }: { run: RunDetail }) {
  const duration = formatDuration(run.startedAt, run.finishedAt);
  const link = "text-brand-700 hover:underline";
  return (
    <DefinitionList
      items={[
        {
          term: "Dataset",
          value: (
            <>
              {run.dataset.name} <span className="text-slate-500">({run.dataset.fileName})</span>
              <span className="block text-xs text-slate-600">{formatCount(run.dataset.rowCount)} rows · {formatBytes(run.dataset.sizeBytes)}</span>
            </>
          ),
        },
        {
          term: "Dataset SHA-256",
          value: (
            <span className="flex items-start gap-1">
              <code className="break-all font-mono text-xs">{run.datasetSha256}</code>
              <CopyButton value={run.datasetSha256} label="Copy the dataset's SHA-256" />
            </span>
          ),
        },
        {
          term: "Evaluation plan",
          value: (
            <Link className={link} href={`/versions/${run.modelVersionId}#plan`}>
              Version {run.planVersion.version} ({run.planVersion.checks.length} {run.planVersion.checks.length === 1 ? "check" : "checks"})
            </Link>
          ),
        },
        { term: "Code version", value: <code className="font-mono text-xs">{run.codeVersion}</code> },
        {
          term: "Column mapping",
          value: (
            <>
              Label <code className="font-mono text-xs">{run.config.labelColumn}</code>, prediction{" "}
              {run.config.threshold !== undefined ? (
                <code className="font-mono text-xs">{run.config.scoreColumn} ≥ {run.config.threshold}</code>
              ) : (
                <code className="font-mono text-xs">{run.config.predictionColumn}</code>
              )}
              ,
              positive value <code className="font-mono text-xs">{run.config.positiveValue}</code>
            </>
          ),
        },
        { term: "Sensitive attributes", value: run.config.sensitiveColumns.join(", ") },
        { term: "Rows evaluated", value: run.results ? formatCount(run.results.rowCount) : "" },
        { term: "Started by", value: `${run.createdBy.name}, ${formatDate(run.createdAt)}` },
        { term: "Processing started", value: run.startedAt ? formatDate(run.startedAt) : "" },
        { term: "Finished", value: run.finishedAt ? `${formatDate(run.finishedAt)}${duration ? ` (${duration})` : ""}` : "" },
        { term: "Attempts", value: String(run.attempts) },
        { term: "Run id", value: <code className="break-all font-mono text-xs">{run.id}</code> },
      ]}
    />
  );
}
