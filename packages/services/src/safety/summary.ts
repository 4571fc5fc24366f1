import {
  applyOverrides,
  evaluateSafetyCheck,
  outcomeOf,
  safetyChecksOf,
  summariseSafetyRun,
  verdictOverrideSchema,
  type ItemOutcome,
  type PlanCheck,
  type SafetyCheckOutcome,
  type SafetyRunSummary,
  type SuiteItem,
  type Verdict,
  type VerdictOverride,
} from "@assay/core";
import type { Tx } from "@assay/db";
import type { StoredSafetyResult } from "./runs";

type OverrideRow = { grader: string; flagged: boolean; label: string; reason: string; userId: string; createdAt: Date };

export function overridesOf(rows: readonly OverrideRow[]): VerdictOverride[] {
  return [...rows]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((r) => verdictOverrideSchema.parse({ grader: r.grader, flagged: r.flagged, label: r.label, reason: r.reason, by: r.userId, at: r.createdAt.toISOString() }));
}

export function outcomeWithOverrides(item: Pick<SuiteItem, "expected" | "injection">, verdicts: readonly Verdict[], overrides: readonly VerdictOverride[]): ItemOutcome {
  return outcomeOf({ expected: item.expected, hasInjectionDetector: item.injection?.detector !== undefined }, applyOverrides(verdicts, overrides));
}

const percentile = (sorted: readonly number[], p: number): number | null => {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] ?? null;
};

/** Recomputes a run's summary, usage and gate outcomes from its stored responses (after overrides). */
export async function summariseStoredRun(
  db: Tx,
  runId: string,
  planChecks: readonly PlanCheck[],
  suiteKey: string,
): Promise<{ result: StoredSafetyResult; gates: Array<{ checkId: string; outcome: SafetyCheckOutcome }> }> {
  const responses = await db.safetyResponse.findMany({
    where: { runId },
    select: { category: true, status: true, outcome: true, promptTokens: true, completionTokens: true, costUsd: true, latencyMs: true, _count: { select: { overrides: true } } },
  });
  const summary: SafetyRunSummary = summariseSafetyRun(
    responses.map((r) => ({ category: r.category, outcome: r.outcome as unknown as ItemOutcome, errored: r.status !== "ok" })),
  );
  const ok = responses.filter((r) => r.status === "ok");
  const latencies = ok.flatMap((r) => (r.latencyMs === null ? [] : [r.latencyMs])).sort((a, b) => a - b);
  const unpriced = ok.filter((r) => r.costUsd === null).length;
  const result: StoredSafetyResult = {
    summary,
    usage: {
      promptTokens: ok.reduce((s, r) => s + (r.promptTokens ?? 0), 0),
      completionTokens: ok.reduce((s, r) => s + (r.completionTokens ?? 0), 0),
      // Unknown when no response had a price: a total of 0 would claim the run was free.
      costUsd: ok.length > 0 && unpriced === ok.length ? null : ok.reduce((s, r) => s + (r.costUsd ?? 0), 0),
      unpricedResponses: unpriced,
      latencyP50Ms: percentile(latencies, 0.5),
      latencyP95Ms: percentile(latencies, 0.95),
    },
    overrides: responses.reduce((s, r) => s + r._count.overrides, 0),
  };
  const gates = safetyChecksOf(planChecks)
    .filter((c) => c.suite === suiteKey)
    .map((check) => ({ checkId: check.id, outcome: evaluateSafetyCheck(check, summary) }));
  return { result, gates };
}
