import { SEVERITIES, type Severity } from "@assay/core";
import { prisma, type AiSystem, type EvaluationRun, type ReleaseDecision, type ReleaseReview } from "@assay/db";
import { assertCan, type ServiceContext } from "../context";
import { ACTIVE_RISK_STATUSES } from "../risks/schemas";

export type PortfolioRun = {
  id: string;
  status: EvaluationRun["status"];
  version: { id: string; label: string };
  createdAt: Date;
  finishedAt: Date | null;
  /** Checks the run evaluated and failed (0 until it succeeds). */
  failedChecks: number;
  checkCount: number;
  /** The job failed, or it succeeded and found a check outside its band. */
  failing: boolean;
};

export type PortfolioReview = {
  id: string;
  title: string;
  status: ReleaseReview["status"];
  outcome: ReleaseDecision["outcome"] | null;
  version: { id: string; label: string };
  createdAt: Date;
};

export type PortfolioSystem = {
  id: string;
  name: string;
  riskTier: AiSystem["riskTier"];
  lifecycleStage: AiSystem["lifecycleStage"];
  versionCount: number;
  latestRun: PortfolioRun | null;
  /** Open or mitigating risks by severity. */
  openRisks: Record<Severity, number>;
  openRiskTotal: number;
  latestReview: PortfolioReview | null;
};

export type Portfolio = {
  summary: {
    systems: number;
    /** Open or mitigating risks of high or critical severity. */
    openHighCriticalRisks: number;
    openReviews: number;
    /** Systems whose latest run failed as a job or failed a check. */
    runsFailing: number;
  };
  systems: PortfolioSystem[];
};

const emptySeverityCounts = (): Record<Severity, number> => ({ low: 0, medium: 0, high: 0, critical: 0 });

/** Every AI system of the organisation with its latest run, open risks and review state. */
export async function getPortfolio(ctx: ServiceContext): Promise<Portfolio> {
  assertCan(ctx, "org.read");
  const orgId = ctx.orgId;
  const [systems, riskCounts, runs, reviews, openReviews] = await Promise.all([
    prisma.aiSystem.findMany({
      where: { orgId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, riskTier: true, lifecycleStage: true, _count: { select: { versions: true } } },
    }),
    prisma.riskEntry.groupBy({
      by: ["systemId", "severity"],
      where: { orgId, status: { in: [...ACTIVE_RISK_STATUSES] } },
      _count: { _all: true },
    }),
    // The latest run per system: Postgres picks it, so a long run history is not loaded.
    prisma.$queryRaw<Array<{ id: string; systemId: string }>>`
      SELECT DISTINCT ON (v."systemId") r.id, v."systemId"
      FROM "EvaluationRun" r JOIN "ModelVersion" v ON v.id = r."modelVersionId"
      WHERE r."orgId" = ${orgId}
      ORDER BY v."systemId", r."createdAt" DESC, r.id DESC`,
    prisma.$queryRaw<Array<{ id: string; systemId: string }>>`
      SELECT DISTINCT ON (v."systemId") rv.id, v."systemId"
      FROM "ReleaseReview" rv JOIN "ModelVersion" v ON v.id = rv."modelVersionId"
      WHERE rv."orgId" = ${orgId}
      ORDER BY v."systemId", rv."createdAt" DESC, rv.id DESC`,
    prisma.releaseReview.count({ where: { orgId, status: "open" } }),
  ]);

  const [runRows, reviewRows] = await Promise.all([
    prisma.evaluationRun.findMany({
      where: { id: { in: runs.map((r) => r.id) } },
      select: {
        id: true,
        status: true,
        createdAt: true,
        finishedAt: true,
        modelVersion: { select: { id: true, label: true, systemId: true } },
        checkResults: { select: { passed: true } },
      },
    }),
    prisma.releaseReview.findMany({
      where: { id: { in: reviews.map((r) => r.id) } },
      select: {
        id: true,
        title: true,
        status: true,
        createdAt: true,
        modelVersion: { select: { id: true, label: true, systemId: true } },
        decision: { select: { outcome: true } },
      },
    }),
  ]);

  const latestRun = new Map<string, PortfolioRun>();
  for (const run of runRows) {
    const failedChecks = run.checkResults.filter((c) => !c.passed).length;
    latestRun.set(run.modelVersion.systemId, {
      id: run.id,
      status: run.status,
      version: { id: run.modelVersion.id, label: run.modelVersion.label },
      createdAt: run.createdAt,
      finishedAt: run.finishedAt,
      failedChecks,
      checkCount: run.checkResults.length,
      failing: run.status === "failed" || (run.status === "succeeded" && failedChecks > 0),
    });
  }
  const latestReview = new Map<string, PortfolioReview>();
  for (const review of reviewRows) {
    latestReview.set(review.modelVersion.systemId, {
      id: review.id,
      title: review.title,
      status: review.status,
      outcome: review.decision?.outcome ?? null,
      version: { id: review.modelVersion.id, label: review.modelVersion.label },
      createdAt: review.createdAt,
    });
  }
  const risksBySystem = new Map<string, Record<Severity, number>>();
  for (const row of riskCounts) {
    const counts = risksBySystem.get(row.systemId) ?? emptySeverityCounts();
    counts[row.severity] += row._count._all;
    risksBySystem.set(row.systemId, counts);
  }

  const rows: PortfolioSystem[] = systems.map((s) => {
    const openRisks = risksBySystem.get(s.id) ?? emptySeverityCounts();
    return {
      id: s.id,
      name: s.name,
      riskTier: s.riskTier,
      lifecycleStage: s.lifecycleStage,
      versionCount: s._count.versions,
      latestRun: latestRun.get(s.id) ?? null,
      openRisks,
      openRiskTotal: SEVERITIES.reduce((sum, sev) => sum + openRisks[sev], 0),
      latestReview: latestReview.get(s.id) ?? null,
    };
  });

  return {
    summary: {
      systems: rows.length,
      openHighCriticalRisks: rows.reduce((sum, s) => sum + s.openRisks.high + s.openRisks.critical, 0),
      openReviews,
      runsFailing: rows.filter((s) => s.latestRun?.failing).length,
    },
    systems: rows,
  };
}
