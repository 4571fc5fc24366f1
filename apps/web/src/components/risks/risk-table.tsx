import type { RiskSummary } from "@assay/services";
import Link from "next/link";
import { Badge, Table, Td, Th, formatDay } from "@/components/ui";
import { OverdueBadge, RiskStatusBadge, SeverityBadge } from "./badges";
import { RISK_CATEGORY_LABELS } from "./labels";

/** "2 of 3 verified", toned by whether every mitigation is verified. */
function MitigationCount({ counts }: { counts: RiskSummary["mitigationCounts"] }) {
  if (counts.total === 0) return <span className="text-slate-500">None</span>;
  const tone = counts.verified === counts.total ? "good" : counts.verified === 0 ? "warn" : "info";
  return (
    <Badge tone={tone}>
      <span aria-label={`${counts.verified} of ${counts.total} mitigations verified`}>{counts.verified}/{counts.total} verified</span>
    </Badge>
  );
}

/** The risk register as a table: most severe active risks first (the service's order). */
export function RiskTable({ risks, caption, showSystem = true }: { risks: RiskSummary[]; caption: string; showSystem?: boolean }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Risk</Th>
          {showSystem && <Th>System · version</Th>}
          <Th>Category</Th>
          <Th>Inherent</Th>
          <Th>Residual</Th>
          <Th>Owner</Th>
          <Th>Due</Th>
          <Th>Status</Th>
          <Th>Mitigations</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {risks.map((r) => (
          <tr key={r.id}>
            <Td>
              <Link href={`/risks/${r.id}`} className="line-clamp-3 max-w-md font-medium text-brand-700 hover:underline">{r.statement}</Link>
              {r.runId && (
                <Link href={`/runs/${r.runId}`} className="mt-0.5 block text-xs text-slate-500 hover:underline">
                  From a run{r.checkId ? <> · check <span className="font-mono">{r.checkId}</span></> : null}
                </Link>
              )}
            </Td>
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
            <Td>{RISK_CATEGORY_LABELS[r.category]}</Td>
            <Td className="whitespace-nowrap">
              <SeverityBadge severity={r.severity} />
              <span className="ml-1 text-xs text-slate-500" title="Likelihood × impact">{r.likelihood}×{r.impact}</span>
            </Td>
            <Td className="whitespace-nowrap">
              {r.residualSeverity && r.residualLikelihood !== null && r.residualImpact !== null ? (
                <>
                  <SeverityBadge severity={r.residualSeverity} />
                  <span className="ml-1 text-xs text-slate-500" title="Residual likelihood × impact">{r.residualLikelihood}×{r.residualImpact}</span>
                </>
              ) : (
                <span className="text-slate-500">Not assessed</span>
              )}
            </Td>
            <Td>{r.owner.name}</Td>
            <Td className="whitespace-nowrap">
              {formatDay(r.dueDate)}
              {r.overdue && <span className="ml-1"><OverdueBadge /></span>}
            </Td>
            <Td><RiskStatusBadge status={r.status} /></Td>
            <Td className="whitespace-nowrap"><MitigationCount counts={r.mitigationCounts} /></Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
