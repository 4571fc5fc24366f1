import { RATE_METRIC_LABELS, type PlanCheck } from "@assay/core";
import { Table, Td, Th } from "@/components/ui";
import { formatBand, formatTierBands } from "./format";

export function PlanChecksTable({ checks, caption }: { checks: PlanCheck[]; caption: string }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Check</Th>
          <Th>Metric</Th>
          <Th>Attribute</Th>
          <Th>Acceptance band</Th>
          <Th>Reference group</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {checks.map((c) => (
          <tr key={c.id}>
            <Td className="font-mono text-xs">{c.id}</Td>
            <Td>{RATE_METRIC_LABELS[c.metric]}</Td>
            <Td className="font-mono text-xs">{c.attribute}</Td>
            <Td>
              {formatBand(c.band)}
              {formatTierBands(c.bandsByTier, c.band.type).map((t) => (
                <div key={t} className="text-xs text-slate-600">{t}</div>
              ))}
            </Td>
            <Td>{c.referenceGroup ?? <span className="text-slate-500">Largest group</span>}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
