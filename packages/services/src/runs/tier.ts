import type { RiskTier } from "@assay/core";
import { prisma } from "@assay/db";

/**
 * The risk tier of the AI system a run evaluates, which selects each plan
 * check's tier band (see bandForTier). Read when the run is processed, from
 * run → model version → system, so no run config change is needed.
 * Throws when the run does not exist, like the processor's own lookup.
 */
export async function riskTierForRun(runId: string): Promise<RiskTier> {
  const run = await prisma.evaluationRun.findUniqueOrThrow({
    where: { id: runId },
    select: { modelVersion: { select: { system: { select: { riskTier: true } } } } },
  });
  return run.modelVersion.system.riskTier;
}
