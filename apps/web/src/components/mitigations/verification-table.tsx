import type { MitigationVerification, PlanCheck, VerificationSide } from "@assay/core";
import Link from "next/link";
import { Badge, Table, Td, Th, formatDate } from "@/components/ui";
import { checkValueLabel, formatCheckInterval, formatCheckValue } from "./format";

/** Where a run's page is: fairness runs under /runs, safety runs under /safety/runs. */
export function runHref(side: Pick<VerificationSide, "runId" | "runKind">): string {
  return side.runKind === "safety" ? `/safety/runs/${side.runId}` : `/runs/${side.runId}`;
}

function Side({ side, check, empty }: { side: VerificationSide | null; check: PlanCheck | undefined; empty: string }) {
  if (!side) return <p className="text-sm text-slate-500">{empty}</p>;
  const interval = formatCheckInterval(check, side.interval);
  return (
    <div className="space-y-1 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={side.passed ? "good" : "bad"}>{side.passed ? "Pass" : "Fail"}</Badge>
        <span>
          <span className="text-slate-500">{checkValueLabel(check)}:</span>{" "}
          <span className="font-semibold tabular-nums">{formatCheckValue(check, side.value)}</span>
        </span>
      </p>
      {interval && (
        <p className="text-xs text-slate-600">
          95% interval <span className="tabular-nums">{interval}</span>
          {side.intervalNote && <span className="block text-slate-500">{side.intervalNote}</span>}
        </p>
      )}
      <p className="text-xs text-slate-700">{side.summary}</p>
      <p className="text-xs">
        <Link href={runHref(side)} className="text-brand-700 hover:underline">
          {side.runKind === "safety" ? "Safety run" : "Fairness run"} on {side.version.label}
        </Link>
        {side.finishedAt && <span className="text-slate-500"> · finished {formatDate(side.finishedAt)}</span>}
      </p>
    </div>
  );
}

/**
 * Every acceptance check, before (the baseline version's latest run that
 * evaluated it) and after (the later version's), side by side with values,
 * 95% intervals, verdicts, summaries and links to both runs.
 */
export function VerificationTable({ verification, checks }: { verification: MitigationVerification; checks: PlanCheck[] }) {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const baseline = verification.baseline?.label;
  return (
    <Table caption={`Verification on ${verification.version.label}${baseline ? ` against ${baseline}` : ""}: each acceptance check before and after`}>
      <thead>
        <tr>
          <Th>Acceptance check</Th>
          <Th>Before{baseline ? ` · ${baseline}` : ""}</Th>
          <Th>After · {verification.version.label}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {verification.checks.map((c) => {
          const check = byId.get(c.checkId);
          return (
            <tr key={c.checkId}>
              <th scope="row" className="w-1/4 px-3 py-2 text-left align-top font-normal">
                <span className="block text-sm font-medium text-slate-900">{c.description}</span>
                <span className="mt-0.5 block font-mono text-xs font-normal text-slate-500">{c.checkId}</span>
                <span className="mt-1 block"><Badge tone={c.passed ? "good" : "bad"}>{c.passed ? "Met on the later version" : "Not met"}</Badge></span>
              </th>
              <Td className="w-[37.5%]">
                <Side side={c.before} check={check} empty={baseline ? `No run on ${baseline} evaluated this check.` : "No baseline version: the risk was raised before the system had one."} />
              </Td>
              <Td className="w-[37.5%]">
                {c.problem && !c.after ? <p role="note" className="text-sm text-red-800">{c.problem}</p> : <Side side={c.after} check={check} empty="No run evaluated this check." />}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
