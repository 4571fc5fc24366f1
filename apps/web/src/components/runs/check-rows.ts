import { describeCheck, fairnessChecksOf, type AcceptanceBand, type CheckOutcome, type FairnessCheck, type FairnessResult, type PlanCheck } from "@assay/core";
import type { CheckResultDto } from "@assay/services";

export type CheckRow = {
  check: FairnessCheck;
  outcome: CheckOutcome | null;
  stored: CheckResultDto | null;
  passed: boolean;
  /** The band the run applied: the check's own, or its band for the system's risk tier. */
  band: AcceptanceBand;
  bandFromTier: boolean;
  /** The worst group's ratio or difference, per the band's type. */
  value: number | null;
  summary: string;
  worstIsSmall: boolean;
};

/**
 * The plan's fairness checks in plan order, joined with their outcomes; the stored check result decides pass or fail.
 * A fairness run evaluates only the fairness checks, so the plan's safety checks are left out.
 */
export function checkRows(checks: readonly PlanCheck[], results: FairnessResult, stored: readonly CheckResultDto[]): CheckRow[] {
  return fairnessChecksOf(checks).map((check) => {
    const outcome = results.checks.find((o) => o.checkId === check.id) ?? null;
    const saved = stored.find((s) => s.checkId === check.id) ?? null;
    const worst = outcome?.worst ?? null;
    const attribute = results.attributes.find((a) => a.attribute === check.attribute);
    const worstGroup = worst ? attribute?.groups.find((g) => g.group === worst.group) : undefined;
    const band = outcome?.band ?? check.band;
    const fallbackValue = worst ? (band.type === "ratio" ? worst.ratio : worst.difference) : null;
    return {
      check,
      outcome,
      band,
      bandFromTier: outcome?.bandSource === "tier",
      stored: saved,
      passed: saved?.passed ?? outcome?.passed ?? false,
      value: saved ? saved.value : fallbackValue,
      summary: saved?.summary ?? outcome?.summary ?? "This check was not evaluated in this run.",
      worstIsSmall: Boolean(worstGroup?.smallSampleWarning),
    };
  });
}

/** Default text of a risk raised from a failed check; its owner edits it on the risk's page. */
export function riskStatement(row: CheckRow, context: { datasetName: string; planVersion: number; runDate: string }): string {
  return (
    `Failed fairness check ${row.check.id}: ${describeCheck(row.check)}. ` +
    `Run of ${context.runDate} on dataset “${context.datasetName}” (plan version ${context.planVersion}): ${row.summary}`
  );
}
