"use client";

import type { MatchedSpan } from "@assay/core";
import { RevealText } from "./reveal-text";
import { highlightSegments } from "./response-data";

/**
 * The target's response, hidden until `visible`. Shown, the text the graders
 * matched (PII, secrets, policy matches, toxic words) is marked. Without
 * spans it is plain RevealText.
 */
export function ResponseText({ text, spans, visible, id }: { text: string; spans: readonly MatchedSpan[]; visible: boolean; id?: string }) {
  if (!visible || spans.length === 0) return <div id={id}><RevealText text={text} label="response" revealed={visible} /></div>;
  const segments = highlightSegments(text, spans);
  return (
    <div id={id} className="text-sm">
      <pre className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 font-sans text-slate-800">
        {segments.map((s, i) =>
          s.marked ? (
            <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-slate-900" title={`Matched: ${s.kinds.join(", ")}`}>
              <span className="sr-only">[matched {s.kinds.join(", ")}: </span>
              {s.text}
              <span className="sr-only">]</span>
            </mark>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
      </pre>
      <p className="mt-1 text-xs text-slate-500">Highlighted: text the graders matched.</p>
    </div>
  );
}
