import { describeCheck, formatBand, formatCompared, RATE_METRIC_LABELS } from "@assay/core";
import { RaiseRiskButton } from "@/components/risks/raise-risk-button";
import { Badge, Table, Td, Th } from "@/components/ui";
import { riskStatement, type CheckRow } from "./check-rows";
import { formatRate } from "./format";

/** Outcome of every check of the plan version the run used; failed checks offer to raise a risk. */
export function RunChecksTable({ runId, rows, statementContext }: {
  runId: string;
  rows: CheckRow[];
  statementContext: { datasetName: string; planVersion: number; runDate: string };
}) {
  return (
    <Table caption="Checks of the evaluation plan and their outcome in this run">
      <thead>
        <tr>
          <Th>Check</Th>
          <Th>Acceptance band</Th>
          <Th>Reference group</Th>
          <Th>Worst group</Th>
          <Th>Value</Th>
          <Th>Result</Th>
          <Th><span className="sr-only">Follow-up</span></Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => {
          const worst = row.outcome?.worst ?? null;
          return (
            <tr key={row.check.id} className={row.passed ? undefined : "bg-red-50/40"}>
              <th scope="row" className="max-w-md px-3 py-2 text-left align-top font-normal text-slate-800">
                <span className="font-medium">{describeCheck(row.check)}</span>
                <span className="mt-0.5 block font-mono text-xs text-slate-500">{row.check.id}</span>
                <span className="mt-1 block text-xs text-slate-600">{row.summary}</span>
              </th>
              <Td className="whitespace-nowrap">
                {formatBand(row.band)}
                {row.bandFromTier && <span className="block text-xs text-slate-500">band for this system&apos;s risk tier</span>}
              </Td>
              <Td>{row.outcome?.referenceGroup || row.check.referenceGroup || <span className="text-slate-500">—</span>}</Td>
              <Td>
                {worst ? (
                  <>
                    {worst.group}
                    {row.worstIsSmall && <span className="ml-1"><Badge tone="warn">Small sample</Badge></span>}
                    <span className="block text-xs text-slate-500">
                      {RATE_METRIC_LABELS[row.check.metric]} {formatRate(worst.value)} vs {formatRate(worst.referenceValue)}
                    </span>
                  </>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
              </Td>
              <Td className="whitespace-nowrap font-mono tabular-nums">
                {row.value === null ? <span className="text-slate-500">—</span> : formatCompared(row.value, row.band)}
                <span className="block font-sans text-xs text-slate-500">{row.band.type}</span>
              </Td>
              <Td>{row.passed ? <Badge tone="good">Pass</Badge> : <Badge tone="bad">Fail</Badge>}</Td>
              <Td>
                {!row.passed && (
                  <RaiseRiskButton runId={runId} checkId={row.check.id} defaultStatement={riskStatement(row, statementContext)} />
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
