import type { ReviewedVerdict } from "@assay/core";
import type { SafetyResponseDto } from "@assay/services";
import type { Jsonify } from "@/components/runs/serialize";
import { Badge, formatDate } from "@/components/ui";
import { FLAGGED_MEANING, formatScore, graderLabel, isGraderName, reasonMayQuote } from "./response-data";

const cell = "px-3 py-2 align-top text-slate-800";

function flaggedText(grader: string, flagged: boolean): string {
  const meaning = isGraderName(grader) ? FLAGGED_MEANING[grader] : "flagged";
  return flagged ? `Flagged: ${meaning}` : "Not flagged";
}

/**
 * Every grader's verdict on one response (after reviewers' overrides), with
 * its label, flag, score, reason and matched spans. Reasons that can quote
 * the response stay hidden until it is shown.
 */
export function VerdictList({ verdicts, responseShown }: { verdicts: Jsonify<ReviewedVerdict>[]; responseShown: boolean }) {
  if (verdicts.length === 0) return <p className="text-sm text-slate-600">No grader gave a verdict on this response.</p>;
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Graders&apos; verdicts on this response</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Grader</th>
            <th scope="col" className="px-3 py-2">Verdict</th>
            <th scope="col" className="px-3 py-2 text-right">Score</th>
            <th scope="col" className="px-3 py-2">Reason</th>
            <th scope="col" className="px-3 py-2">Matched</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {verdicts.map((v) => {
            const spans = v.spans ?? [];
            const kinds = [...new Set(spans.map((s) => s.kind))];
            const hideReason = !responseShown && reasonMayQuote(v.grader);
            return (
              <tr key={v.grader} className={v.flagged ? "bg-amber-50/40" : undefined}>
                <th scope="row" className={`${cell} text-left font-medium`}>
                  {graderLabel(v.grader)}
                  <span className="block font-mono text-xs font-normal text-slate-500">{v.graderVersion}</span>
                </th>
                <td className={cell}>
                  <span className="font-mono text-xs">{v.label}</span>
                  <span className="mt-1 block"><Badge tone={v.flagged ? "warn" : "neutral"}>{flaggedText(v.grader, v.flagged)}</Badge></span>
                  {v.overridden && (
                    <span className="mt-1 block text-xs text-slate-600">
                      <Badge tone="info">Overridden</Badge> the grader said <span className="font-mono">{v.overridden.label}</span> ({v.overridden.flagged ? "flagged" : "not flagged"})
                    </span>
                  )}
                </td>
                <td className={`${cell} whitespace-nowrap text-right font-mono tabular-nums`}>{formatScore(v.score)}</td>
                <td className={`${cell} max-w-md text-xs text-slate-700`}>
                  {hideReason ? <span className="italic text-slate-500">Hidden with the response: it can quote it.</span> : <span className="whitespace-pre-wrap break-words">{v.reason}</span>}
                </td>
                <td className={`${cell} text-xs text-slate-700`}>
                  {spans.length === 0 ? (
                    <span className="text-slate-500">—</span>
                  ) : (
                    <>
                      {spans.length} {spans.length === 1 ? "span" : "spans"} ({kinds.join(", ")})
                      <span className="block text-slate-500">
                        {responseShown ? "highlighted in the response" : "highlighted when the response is shown"}
                      </span>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

type OverrideEntry = Jsonify<SafetyResponseDto>["overrides"][number];

/** Reviewers' overrides on one response, oldest first: who, when, why, and what the verdict was before. */
export function VerdictOverrideHistory({ overrides }: { overrides: OverrideEntry[] }) {
  if (overrides.length === 0) return null;
  return (
    <div className="space-y-1">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Overrides</h4>
      <ol className="space-y-2 text-sm">
        {overrides.map((o) => (
          <li key={o.id} className="rounded-md border border-brand-100 bg-brand-50/40 px-3 py-2">
            <p className="text-slate-800">
              <span className="font-medium">{o.by.name}</span> changed the {graderLabel(o.grader).toLowerCase()} verdict from{" "}
              <span className="font-mono text-xs">{o.previousLabel}</span> to <span className="font-mono text-xs">{o.label}</span> ({o.flagged ? "flagged" : "not flagged"}),{" "}
              <time dateTime={o.at}>{formatDate(o.at)}</time>.
            </p>
            <p className="mt-0.5 whitespace-pre-wrap text-slate-700"><span className="text-slate-500">Why: </span>{o.reason}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
