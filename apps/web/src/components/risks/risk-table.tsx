import type { RiskSummary } from "@assay/services";
import Link from "next/link";
import { Table, Td, Th, formatDay } from "@/components/ui";
import { OverdueBadge, RiskStatusBadge, SeverityBadge } from "./badges";

/** The risk register as a table: most severe active risks first (the service's order). */
export function RiskTable({ risks, caption, showSystem = true }: { risks: RiskSummary[]; caption: string; showSystem?: boolean }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Risk</Th>
          <Th>Severity</Th>
          <Th>Status</Th>
          {showSystem && <Th>System · version</Th>}
          <Th>Owner</Th>
          <Th>Due</Th>
          <Th>Evidence</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {risks.map((r) => (
          <tr key={r.id}>
            <Td>
              <Link href={`/risks/${r.id}`} className="line-clamp-3 max-w-md font-medium text-brand-700 hover:underline">{r.statement}</Link>
            </Td>
            <Td className="whitespace-nowrap">
              <SeverityBadge severity={r.severity} />
              <span className="ml-1 text-xs text-slate-500" title="Likelihood × impact">{r.likelihood}×{r.impact}</span>
            </Td>
            <Td><RiskStatusBadge status={r.status} /></Td>
            {showSystem && (
              <Td>
                <Link href={`/systems/${r.system.id}`} className="text-brand-700 hover:underline">{r.system.name}</Link>
                {r.modelVersion ? (
                  <> · <Link href={`/versions/${r.modelVersion.id}`} className="text-brand-700 hover:underline">{r.modelVersion.label}</Link></>
                ) : (
                  <span className="text-slate-500"> · all versions</span>
                )}
              </Td>
            )}
            <Td>{r.owner.name}</Td>
            <Td className="whitespace-nowrap">
              {formatDay(r.dueDate)}
              {r.overdue && <span className="ml-1"><OverdueBadge /></span>}
            </Td>
            <Td className="whitespace-nowrap">
              {r.runId ? (
                <Link href={`/runs/${r.runId}`} className="text-brand-700 hover:underline">
                  Run{r.checkId ? <> · <span className="font-mono text-xs">{r.checkId}</span></> : null}
                </Link>
              ) : (
                <span className="text-slate-500">—</span>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
