import Link from "next/link";
import { Badge, Table, Td, Th } from "@/components/ui";

export type GateRow = { checkId: string; passed: boolean; summary: string };

/**
 * The run's gates: the safety checks of the plan version it ran under that
 * name its suite, each with the server's summary of the measured value
 * against the limit, and whether it passed.
 */
export function SafetyRunGatesTable({ gates, planHref, planVersion }: { gates: GateRow[]; planHref: string; planVersion: number }) {
  if (gates.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        Plan version {planVersion} has no safety check on this suite, so the run has no gates.{" "}
        <Link href={planHref} className="text-brand-700 hover:underline">Add a safety check to the plan</Link> to gate releases on these metrics.
      </p>
    );
  }
  return (
    <Table caption={`Gates of this run: the safety checks of plan version ${planVersion} on this suite, and their outcome`}>
      <thead>
        <tr>
          <Th>Check</Th>
          <Th>Outcome</Th>
          <Th>Result</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {gates.map((g) => (
          <tr key={g.checkId} className={g.passed ? undefined : "bg-red-50/40"}>
            <th scope="row" className="px-3 py-2 text-left align-top font-mono text-xs font-medium text-slate-800">{g.checkId}</th>
            <Td>{g.summary}</Td>
            <Td>{g.passed ? <Badge tone="good">Pass</Badge> : <Badge tone="bad">Fail</Badge>}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
