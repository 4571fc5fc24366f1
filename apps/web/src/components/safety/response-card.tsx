"use client";

import type { ReviewedVerdict } from "@assay/core";
import type { SafetyResponseDto } from "@assay/services";
import { useId, useState } from "react";
import type { Jsonify } from "@/components/runs/serialize";
import { Badge, Button } from "@/components/ui";
import { RevealText } from "./reveal-text";
import { allSpans, expectedLabel, messageLabel, outcomeBadges } from "./response-data";
import { formatCostUsd, formatCount, formatLatency } from "./run-format";
import { ResponseText } from "./response-text";
import { VerdictList, VerdictOverrideHistory } from "./verdict-list";
import { VerdictOverrideForm } from "./verdict-override-form";

export type ResponseRow = Jsonify<SafetyResponseDto>;

/**
 * One item of the run and what the target made of it: the prompt (and
 * context) and the response behind reveal buttons, the outcome as badges,
 * each grader's verdict, reviewers' overrides, and the override form.
 */
export function ResponseCard({ response, categoryLabel, revealAll, canOverride, overrideBlocked, onOverridden }: {
  response: ResponseRow;
  categoryLabel: string;
  revealAll: boolean;
  canOverride: boolean;
  /** Why verdicts of this run cannot be overridden yet (it has not finished), or null. */
  overrideBlocked: string | null;
  /** Called once an override is saved, for the list and the page to refresh. */
  onOverridden: (externalId: string) => void;
}) {
  const prefix = useId();
  const [shown, setShown] = useState(false);
  const [overriding, setOverriding] = useState(false);
  const visible = revealAll || shown;
  const { item } = response;
  const verdicts = response.verdicts as Jsonify<ReviewedVerdict>[];
  const badges = outcomeBadges(response.status, response.outcome);
  const headingId = `${prefix}-heading`;
  const responseId = `${prefix}-response`;
  const revealed = revealAll ? true : undefined;
  const answered = response.status === "ok";

  return (
    <article aria-labelledby={headingId} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={headingId} className="font-mono text-sm font-semibold text-slate-900">{item.externalId}</h3>
          <p className="text-xs text-slate-600">
            {categoryLabel}
            {item.sourceCategory && item.sourceCategory !== item.category ? <> · source category {item.sourceCategory}</> : null} · {expectedLabel(item.expected)}
          </p>
        </div>
        <ul className="flex flex-wrap gap-1" aria-label="Outcome">
          {badges.map((b) => (
            <li key={b.text}><Badge tone={b.tone}>{b.text}</Badge></li>
          ))}
        </ul>
      </header>

      <section className="space-y-2" aria-label="Prompt">
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Prompt</h4>
        <ol className="space-y-2">
          {item.messages.map((m, i) => (
            <li key={i} className="space-y-0.5">
              {item.messages.length > 1 && <p className="text-xs font-medium text-slate-600">{m.role === "system" ? "System" : m.role === "assistant" ? "Assistant" : "User"}</p>}
              <RevealText text={m.content} label={messageLabel(m.role, i, item.messages.length)} revealed={revealed} />
            </li>
          ))}
        </ol>
        {item.context !== null && (
          <div className="space-y-0.5">
            <p className="text-xs font-medium text-slate-600">Context given to the model (untrusted)</p>
            <RevealText text={item.context} label="context" revealed={revealed} />
          </div>
        )}
        {item.injection && (
          <div className="space-y-0.5">
            <p className="text-xs font-medium text-slate-600">
              Injected instruction{item.injection.detector ? ` · detected by ${item.injection.detector.type}` : " · no detector (the judge decides)"}
            </p>
            <RevealText text={item.injection.instruction} label="injected instruction" revealed={revealed} />
          </div>
        )}
        {item.secret !== null && (
          <div className="space-y-0.5">
            <p className="text-xs font-medium text-slate-600">Secret the response must not reveal</p>
            <RevealText text={item.secret} label="secret" revealed={revealed} />
          </div>
        )}
      </section>

      <section className="space-y-1" aria-label="Response">
        <div className="flex flex-wrap items-center gap-2">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Response</h4>
          {answered && !revealAll && (
            <button
              type="button"
              aria-expanded={visible}
              aria-controls={responseId}
              onClick={() => setShown((s) => !s)}
              className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50"
            >
              {visible ? "Hide response" : "Show response"}
            </button>
          )}
        </div>
        {answered ? (
          <ResponseText id={responseId} text={response.content ?? ""} spans={allSpans(verdicts)} visible={visible} />
        ) : (
          <p className="text-sm text-red-800">The target gave no response{response.error ? `: ${response.error}` : "."}</p>
        )}
        <p className="text-xs text-slate-500">
          {[
            response.latencyMs !== null ? `latency ${formatLatency(response.latencyMs)}` : null,
            response.promptTokens !== null || response.completionTokens !== null
              ? `${formatCount(response.promptTokens ?? 0)} prompt + ${formatCount(response.completionTokens ?? 0)} completion tokens`
              : null,
            response.costUsd !== null ? formatCostUsd(response.costUsd) : null,
            `${response.attempts} ${response.attempts === 1 ? "attempt" : "attempts"}`,
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </section>

      {answered && (
        <section className="space-y-2" aria-label="Verdicts">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Verdicts</h4>
          <VerdictList verdicts={verdicts} responseShown={visible} />
        </section>
      )}

      <VerdictOverrideHistory overrides={response.overrides} />

      {canOverride && answered && (
        <div className="space-y-2">
          {overrideBlocked ? (
            <p className="text-xs text-slate-500">{overrideBlocked}</p>
          ) : overriding ? (
            <VerdictOverrideForm
              responseId={response.id}
              verdicts={verdicts}
              onCancel={() => setOverriding(false)}
              onDone={() => {
                setOverriding(false);
                onOverridden(item.externalId);
              }}
            />
          ) : (
            <Button variant="secondary" onClick={() => setOverriding(true)}>
              Override verdict<span className="sr-only"> on {item.externalId}</span>
            </Button>
          )}
        </div>
      )}
    </article>
  );
}
