"use client";

import type { AttemptDto } from "@assay/services";
import Link from "next/link";
import { useId } from "react";
import type { Jsonify } from "@/components/runs/serialize";
import { Badge, formatDate } from "@/components/ui";
import { AttemptPromote } from "./attempt-promote";
import { attemptMessageLabel, EXPLOITABILITY_SCALE, isSeverity, SEVERITY_LABELS, SEVERITY_TONES } from "./campaign-data";
import { RevealText } from "./reveal-text";

export type AttemptRow = Jsonify<AttemptDto>;

/** One logged attempt: its ratings, who logged it, the conversation and response behind reveal buttons, and promotion for successes. */
export function AttemptCard({ attempt, number, categoryLabel, revealAll, canPromote, canRisk, regressionSuiteId }: {
  attempt: AttemptRow;
  number: number;
  categoryLabel: string;
  revealAll: boolean;
  canPromote: boolean;
  canRisk: boolean;
  regressionSuiteId: string | null;
}) {
  const headingId = useId();
  const revealed = revealAll ? true : undefined;
  const scale = EXPLOITABILITY_SCALE.find((s) => s.value === attempt.exploitability);
  return (
    <article aria-labelledby={headingId} className={`space-y-3 rounded-lg border bg-white p-4 shadow-sm ${attempt.succeeded ? "border-red-200" : "border-slate-200"}`}>
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={headingId} className="text-sm font-semibold text-slate-900">Attempt {number} · {categoryLabel}</h3>
          <p className="text-xs text-slate-600">Logged by {attempt.createdBy.name}, <time dateTime={attempt.createdAt}>{formatDate(attempt.createdAt)}</time></p>
        </div>
        <ul className="flex flex-wrap gap-1" aria-label="Ratings">
          <li>{attempt.succeeded ? <Badge tone="bad">Succeeded: bypassed the controls</Badge> : <Badge tone="good">Blocked</Badge>}</li>
          <li>
            <Badge tone={isSeverity(attempt.severity) ? SEVERITY_TONES[attempt.severity] : "neutral"}>
              Severity {isSeverity(attempt.severity) ? SEVERITY_LABELS[attempt.severity].toLowerCase() : attempt.severity}
            </Badge>
          </li>
          <li><Badge tone="neutral">Exploitability {attempt.exploitability}/5{scale ? ` (${scale.label.toLowerCase()})` : ""}</Badge></li>
        </ul>
      </header>

      <section className="space-y-2" aria-label="Conversation">
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Conversation</h4>
        <ol className="space-y-2">
          {attempt.messages.map((m, i) => (
            <li key={i} className="space-y-0.5">
              {attempt.messages.length > 1 && <p className="text-xs font-medium text-slate-600">{m.role === "assistant" ? "Model" : m.role === "system" ? "System" : "Attacker"}</p>}
              <RevealText text={m.content} label={attemptMessageLabel(m.role, i, attempt.messages.length)} revealed={revealed} />
            </li>
          ))}
        </ol>
        <div className="space-y-0.5">
          <p className="text-xs font-medium text-slate-600">Model&apos;s response</p>
          {attempt.response ? <RevealText text={attempt.response} label="model response" revealed={revealed} /> : <p className="text-xs italic text-slate-500">No response logged.</p>}
        </div>
      </section>

      {attempt.notes && (
        <section aria-label="Notes" className="space-y-0.5">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Notes</h4>
          <p className="whitespace-pre-wrap text-sm text-slate-700">{attempt.notes}</p>
        </section>
      )}

      {attempt.succeeded && (canPromote || attempt.promotedItemId || attempt.riskId) && (
        <section aria-label="Follow-up" className="border-t border-slate-100 pt-3">
          {canPromote ? (
            <AttemptPromote attemptId={attempt.id} promotedItemId={attempt.promotedItemId} riskId={attempt.riskId} regressionSuiteId={regressionSuiteId} canRisk={canRisk} />
          ) : (
            <AttemptFollowUp promotedItemId={attempt.promotedItemId} riskId={attempt.riskId} regressionSuiteId={regressionSuiteId} />
          )}
        </section>
      )}
    </article>
  );
}

/** What a successful attempt became, for readers who cannot promote. */
function AttemptFollowUp({ promotedItemId, riskId, regressionSuiteId }: { promotedItemId: string | null; riskId: string | null; regressionSuiteId: string | null }) {
  const link = "font-medium text-brand-700 hover:underline";
  return (
    <ul className="space-y-1 text-sm text-slate-700">
      {promotedItemId && (
        <li>In the regression suite: <Link className={link} href={regressionSuiteId ? `/safety/suites/${encodeURIComponent(regressionSuiteId)}` : "/safety"}>open the system&apos;s regression suite</Link></li>
      )}
      {riskId && <li>Risk opened: <Link className={link} href={`/risks/${encodeURIComponent(riskId)}`}>open the risk</Link></li>}
    </ul>
  );
}
