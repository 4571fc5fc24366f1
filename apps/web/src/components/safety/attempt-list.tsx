"use client";

import { useState } from "react";
import { EmptyState } from "@/components/ui";
import { AttemptCard, type AttemptRow } from "./attempt-card";
import { RevealAllToggle } from "./reveal-text";

/** Every attempt of the campaign, oldest first, with one switch to reveal all conversations. */
export function AttemptList({ attempts, labels, canPromote, canRisk, regressionSuiteId }: {
  attempts: AttemptRow[];
  labels: Record<string, string>;
  canPromote: boolean;
  canRisk: boolean;
  regressionSuiteId: string | null;
}) {
  const [revealAll, setRevealAll] = useState(false);
  const [onlySuccesses, setOnlySuccesses] = useState(false);
  if (attempts.length === 0) {
    return <EmptyState title="No attempts logged yet">Log each attack the team tries, whether or not it got through: the blocked ones show where the controls hold.</EmptyState>;
  }
  const shown = attempts.map((a, i) => ({ a, number: i + 1 })).filter(({ a }) => !onlySuccesses || a.succeeded);
  const successes = attempts.filter((a) => a.succeeded).length;
  return (
    <div className="space-y-4">
      <RevealAllToggle revealed={revealAll} onChange={setRevealAll} />
      <div className="flex items-center gap-2 text-sm">
        <input id="attempts-only-successes" type="checkbox" className="h-4 w-4" checked={onlySuccesses} onChange={(e) => setOnlySuccesses(e.target.checked)} />
        <label htmlFor="attempts-only-successes" className="text-slate-700">Only successful attempts ({successes} of {attempts.length})</label>
      </div>
      {shown.length === 0 ? (
        <p className="text-sm text-slate-600">No attempt has bypassed the controls.</p>
      ) : (
        <ol className="space-y-4">
          {shown.map(({ a, number }) => (
            <li key={a.id}>
              <AttemptCard
                attempt={a}
                number={number}
                categoryLabel={labels[a.category] ?? a.category}
                revealAll={revealAll}
                canPromote={canPromote}
                canRisk={canRisk}
                regressionSuiteId={regressionSuiteId}
              />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
