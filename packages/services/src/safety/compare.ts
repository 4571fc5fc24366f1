import { compareSafetyRuns, type SafetyRunComparison } from "@assay/core";
import { assertCan, type ServiceContext } from "../context";
import { conflict } from "../errors";
import { getSafetyRun, type SafetyRunDto } from "./runs";

export type SafetyComparisonView = {
  baseline: SafetyRunDto;
  candidate: SafetyRunDto;
  /** Same suite key; the version may differ, and the view says so. */
  sameSuiteVersion: boolean;
  comparison: SafetyRunComparison;
};

function comparable(run: SafetyRunDto, role: "baseline" | "candidate") {
  const which = `The ${role} run (${run.system.name} · ${run.modelVersion.label} on ${run.suite.name})`;
  if (run.status !== "succeeded" || !run.results) throw conflict(`${which} is ${run.status}; only succeeded runs can be compared.`, { role, status: run.status });
  return run.results.summary;
}

/** Baseline vs candidate per metric and category, with Newcombe intervals and corrected tests. */
export async function compareSafety(ctx: ServiceContext, baselineId: string, candidateId: string): Promise<SafetyComparisonView> {
  assertCan(ctx, "org.read");
  const [baseline, candidate] = await Promise.all([getSafetyRun(ctx, baselineId), getSafetyRun(ctx, candidateId)]);
  if (baseline.id === candidate.id) throw conflict("Choose two different runs to compare.");
  if (baseline.suite.key !== candidate.suite.key) {
    throw conflict(`The runs used different suites (${baseline.suite.key} and ${candidate.suite.key}); compare runs of the same suite.`);
  }
  return {
    baseline,
    candidate,
    sameSuiteVersion: baseline.suite.suiteVersionId === candidate.suite.suiteVersionId,
    comparison: compareSafetyRuns(comparable(baseline, "baseline"), comparable(candidate, "candidate")),
  };
}
