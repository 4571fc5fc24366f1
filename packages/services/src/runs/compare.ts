import { compareFairnessRuns, countsOfResult, type FairnessResult, type FairnessRunComparison } from "@assay/core";
import { prisma } from "@assay/db";
import { z } from "zod";
import { assertCan, type ServiceContext } from "../context";
import { conflict, invalid, notFound } from "../errors";
import type { UserRef } from "../registry/systems";
import { BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED } from "./process";
import { getRun, type RunDetail } from "./runs";

export const compareRunsQuerySchema = z.object({
  baseline: z.string({ error: "Choose a baseline run (?baseline=<run id>)." }).trim().min(1, "Choose a baseline run."),
  candidate: z.string({ error: "Choose a candidate run (?candidate=<run id>)." }).trim().min(1, "Choose a candidate run."),
});
export type CompareRunsQuery = z.infer<typeof compareRunsQuerySchema>;

/** What a reader needs to know about each side of a comparison: whose run, on which data, under which plan. */
export type ComparedRun = {
  id: string;
  system: { id: string; name: string };
  modelVersion: { id: string; label: string };
  dataset: { id: string; name: string; fileName: string; rowCount: number };
  datasetSha256: string;
  planVersion: { id: string; version: number };
  codeVersion: string;
  createdAt: Date;
  finishedAt: Date | null;
  createdBy: UserRef;
  checkCount: number;
  checksPassed: number;
};

export type RunComparison = {
  baseline: ComparedRun;
  candidate: ComparedRun;
  /**
   * Both runs read the same bytes. Then the rows are paired and the
   * independent-samples tests are conservative; otherwise base-rate changes
   * reflect the data, not the model.
   */
  sameDataset: boolean;
  samePlanVersion: boolean;
  comparison: FairnessRunComparison;
};

function comparedRun(run: RunDetail): ComparedRun {
  return {
    id: run.id,
    system: run.system,
    modelVersion: { id: run.modelVersionId, label: run.modelVersionLabel },
    dataset: { id: run.dataset.id, name: run.dataset.name, fileName: run.dataset.fileName, rowCount: run.dataset.rowCount },
    datasetSha256: run.datasetSha256,
    planVersion: { id: run.planVersion.id, version: run.planVersion.version },
    codeVersion: run.codeVersion,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    createdBy: run.createdBy,
    checkCount: run.checkCount,
    checksPassed: run.checksPassed,
  };
}

/** The results of a run that can be compared, or a 409 that says why not and what to do. */
function comparableResults(run: RunDetail, role: "baseline" | "candidate"): FairnessResult {
  const which = `The ${role} run (${run.system.name} · ${run.modelVersionLabel} on “${run.dataset.name}”)`;
  if (run.kind !== "fairness") throw conflict(`${which} is not a fairness run; only fairness runs can be compared.`);
  if (run.status === "queued" || run.status === "running") {
    throw conflict(`${which} is ${run.status}; only succeeded runs can be compared. Wait for it to finish, or choose another run.`, { role, status: run.status });
  }
  if (run.status === "failed") {
    throw conflict(`${which} failed; only succeeded runs can be compared. Retry it, or choose another run.`, { role, status: run.status });
  }
  if (!run.results) throw conflict(`${which} recorded no results; start a new run to compare it.`, { role, status: run.status });
  return run.results;
}

/**
 * Compares a baseline run with a candidate run of the same AI system: per
 * group deltas with Newcombe intervals, tests of each change corrected with
 * Holm and BH, regressions beyond the default tolerance, and the change in
 * the disparity between groups. Another organisation's run is 404, as a
 * missing one; runs that have not succeeded are 409; runs of different
 * systems are 400, since their groups and plans need not mean the same.
 */
export async function compareRuns(ctx: ServiceContext, baselineRunId: string, candidateRunId: string): Promise<RunComparison> {
  assertCan(ctx, "org.read");
  const [baseline, candidate] = await Promise.all([getRun(ctx, baselineRunId), getRun(ctx, candidateRunId)]);
  const before = comparableResults(baseline, "baseline");
  const after = comparableResults(candidate, "candidate");
  if (baseline.id === candidate.id) throw invalid("Choose two different runs: a run compared with itself shows no change.");
  if (baseline.system.id !== candidate.system.id) {
    throw invalid(
      `Runs of different AI systems cannot be compared: the baseline belongs to “${baseline.system.name}”, the candidate to “${candidate.system.name}”. ` +
        "Choose two runs of the same system.",
      { baselineSystemId: baseline.system.id, candidateSystemId: candidate.system.id },
    );
  }
  // The seed and resamples the runs themselves record, so the disparity intervals can be reproduced the same way.
  const comparison = compareFairnessRuns(countsOfResult(before), countsOfResult(after), { resamples: BOOTSTRAP_RESAMPLES, seed: BOOTSTRAP_SEED });
  return {
    baseline: comparedRun(baseline),
    candidate: comparedRun(candidate),
    sameDataset: baseline.datasetSha256 === candidate.datasetSha256,
    samePlanVersion: baseline.planVersion.id === candidate.planVersion.id,
    comparison,
  };
}

export type ComparableRun = {
  id: string;
  dataset: { id: string; name: string };
  planVersion: number;
  createdAt: Date;
  finishedAt: Date | null;
  checkCount: number;
  checksPassed: number;
};

export type ComparableRunGroup = {
  system: { id: string; name: string };
  version: { id: string; label: string };
  /** Newest first. */
  runs: ComparableRun[];
};

/** Enough for a picker; an organisation with more succeeded runs sees the newest. */
export const COMPARABLE_RUNS_LIMIT = 500;

/**
 * Succeeded fairness runs of the organisation (of one system, when given),
 * grouped by system and model version for a picker: systems by name,
 * versions newest first, runs newest first.
 */
export async function listComparableRuns(ctx: ServiceContext, systemId?: string): Promise<ComparableRunGroup[]> {
  assertCan(ctx, "org.read");
  if (systemId !== undefined) {
    const system = await prisma.aiSystem.findFirst({ where: { id: systemId, orgId: ctx.orgId }, select: { id: true } });
    if (!system) throw notFound("System");
  }
  const runs = await prisma.evaluationRun.findMany({
    where: { orgId: ctx.orgId, kind: "fairness", status: "succeeded", ...(systemId !== undefined ? { modelVersion: { systemId } } : {}) },
    select: {
      id: true,
      createdAt: true,
      finishedAt: true,
      dataset: { select: { id: true, name: true } },
      planVersion: { select: { version: true } },
      checkResults: { select: { passed: true } },
      modelVersion: { select: { id: true, label: true, createdAt: true, system: { select: { id: true, name: true } } } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: COMPARABLE_RUNS_LIMIT,
  });

  const groups = new Map<string, ComparableRunGroup & { versionCreatedAt: Date }>();
  for (const r of runs) {
    // Fairness runs always read a dataset; the check narrows the type.
    const dataset = r.dataset;
    if (!dataset) continue;
    const key = r.modelVersion.id;
    let group = groups.get(key);
    if (!group) {
      group = { system: r.modelVersion.system, version: { id: r.modelVersion.id, label: r.modelVersion.label }, versionCreatedAt: r.modelVersion.createdAt, runs: [] };
      groups.set(key, group);
    }
    group.runs.push({
      id: r.id,
      dataset,
      planVersion: r.planVersion.version,
      createdAt: r.createdAt,
      finishedAt: r.finishedAt,
      checkCount: r.checkResults.length,
      checksPassed: r.checkResults.filter((c) => c.passed).length,
    });
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        (a.system.name < b.system.name ? -1 : a.system.name > b.system.name ? 1 : 0) ||
        (a.system.id < b.system.id ? -1 : a.system.id > b.system.id ? 1 : 0) ||
        b.versionCreatedAt.getTime() - a.versionCreatedAt.getTime(),
    )
    .map(({ versionCreatedAt: _, ...group }) => group);
}
