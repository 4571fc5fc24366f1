import type { ComparedRun, RunComparison } from "@assay/services";
import Link from "next/link";
import { formatDate } from "@/components/ui";
import { formatChecksPassed, formatCount, shortSha } from "../format";
import { ProvenanceTable, type ProvenanceRow } from "./provenance-table";

const link = "text-brand-700 hover:underline";

const ROWS: ProvenanceRow<ComparedRun>[] = [
  { label: "Run", render: (r) => <Link className={link} href={`/runs/${r.id}`}>Run of {formatDate(r.createdAt)}</Link> },
  { label: "Model version", render: (r) => <Link className={link} href={`/versions/${r.modelVersion.id}`}>{r.modelVersion.label}</Link> },
  {
    label: "Dataset",
    render: (r) => (
      <>
        {r.dataset.name} <span className="text-slate-500">({r.dataset.fileName})</span>
        <span className="block text-xs text-slate-600">{formatCount(r.dataset.rowCount)} rows</span>
      </>
    ),
  },
  { label: "Dataset SHA-256", render: (r) => <code className="font-mono text-xs" title={r.datasetSha256}>{shortSha(r.datasetSha256)}…</code> },
  { label: "Evaluation plan", render: (r) => <Link className={link} href={`/versions/${r.modelVersion.id}#plan`}>Version {r.planVersion.version}</Link> },
  { label: "Code version", render: (r) => <code className="font-mono text-xs">{r.codeVersion}</code> },
  { label: "Started", render: (r) => `${formatDate(r.createdAt)} by ${r.createdBy.name}` },
  { label: "Finished", render: (r) => formatDate(r.finishedAt) },
  { label: "Plan checks passed", render: (r) => formatChecksPassed(r.checksPassed, r.checkCount) },
];

/**
 * Both runs' provenance side by side, and what the differences between them
 * mean for reading the comparison.
 */
export function CompareHeader({ result }: { result: RunComparison }) {
  const { baseline, candidate } = result;
  return (
    <div className="space-y-3">
      <ProvenanceTable rows={ROWS} baseline={baseline} candidate={candidate}
        caption="The two runs compared, with what each result rests on. Changes are read as candidate minus baseline." />
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
        {result.sameDataset ? (
          <li>
            Both runs read the same dataset, so the rows are paired. The tests and intervals below treat the runs as independent samples, which
            overstates the noise when the two models agree on most rows: they are conservative, and a flagged change is, if anything, understated.
          </li>
        ) : (
          <li>
            The runs read different datasets: a change mixes what the model does with who is in the data. The base rate, which the model does not
            affect, shows how much the data differ.
          </li>
        )}
        {!result.samePlanVersion && (
          <li>
            The runs used different plan versions. The comparison below is computed from the per-group counts, not from the plans&apos; checks, so it
            is unaffected; the checks-passed figures above are not directly comparable.
          </li>
        )}
      </ul>
    </div>
  );
}
