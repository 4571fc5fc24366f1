import type { DatasetDto } from "@assay/services";
import { formatBytes, formatCount, shortSha } from "@/components/runs/format";
import { Table, Td, Th, formatDate } from "@/components/ui";
import { CopyButton } from "./copy-button";

/** The datasets of a model version, newest first, with the hash that runs and evidence packs refer to. */
export function DatasetTable({ datasets, caption }: { datasets: DatasetDto[]; caption: string }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Dataset</Th>
          <Th className="text-right">Rows</Th>
          <Th className="text-right">Size</Th>
          <Th>Mapping</Th>
          <Th>Sensitive columns</Th>
          <Th>SHA-256</Th>
          <Th>Uploaded</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {datasets.map((d) => (
          <tr key={d.id}>
            <th scope="row" className="px-3 py-2 text-left align-top font-medium text-slate-900">
              {d.name}
              <span className="block text-xs font-normal text-slate-500">{d.fileName} · {d.columns.length} columns</span>
            </th>
            <Td className="whitespace-nowrap text-right tabular-nums">{formatCount(d.rowCount)}</Td>
            <Td className="whitespace-nowrap text-right tabular-nums">{formatBytes(d.sizeBytes)}</Td>
            <Td className="text-xs">
              <span className="block">Label <code className="font-mono">{d.labelColumn}</code></span>
              <span className="block">
                Prediction{" "}
                {d.predictionColumn !== null ? (
                  <code className="font-mono">{d.predictionColumn}</code>
                ) : (
                  <code className="font-mono">{d.scoreColumn} ≥ {d.threshold}</code>
                )}
              </span>
              <span className="block">Positive <code className="font-mono">{d.positiveValue}</code></span>
            </Td>
            <Td>
              <ul className="flex max-w-xs flex-wrap gap-1">
                {d.sensitiveColumns.map((c) => (
                  <li key={c} className="rounded bg-amber-50 px-1.5 py-0.5 font-mono text-xs text-amber-900 ring-1 ring-inset ring-amber-200">{c}</li>
                ))}
              </ul>
            </Td>
            <Td className="whitespace-nowrap">
              <code className="font-mono text-xs" title={d.contentSha256}>{shortSha(d.contentSha256)}…</code>
              <CopyButton value={d.contentSha256} label={`Copy the SHA-256 of ${d.name}`} className="ml-1" />
            </Td>
            <Td className="whitespace-nowrap">
              {formatDate(d.createdAt)}
              <span className="block text-xs text-slate-500">by {d.createdBy.name}</span>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
