import { aggregateIncidentMetrics, type IncidentMetricsSummary } from "@assay/core";
import { prisma } from "@assay/db";
import { assertCan, type ServiceContext } from "../context";
import { incidentMetricsQuerySchema } from "./schemas";
import { detectionTimes } from "./shared";

export const DEFAULT_METRICS_WINDOW_DAYS = 90;

export type IncidentMetricsView = IncidentMetricsSummary & { since: Date };

/**
 * The derived incident metrics over the incidents detected since `since`
 * (default: the last 90 days): median time to reproduce and to mitigate,
 * on-time completion of their corrective actions, and counts by level
 * (near misses included). The KPI dashboards read the same numbers.
 */
export async function incidentMetrics(ctx: ServiceContext, raw: unknown = {}): Promise<IncidentMetricsView> {
  assertCan(ctx, "org.read");
  const query = incidentMetricsQuerySchema.parse(raw ?? {});
  const now = new Date();
  const since = query.since ?? new Date(now.getTime() - DEFAULT_METRICS_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  // Detection never comes after the opening, so incidents opened before `since` cannot have been detected after it.
  const rows = await prisma.incident.findMany({
    where: { orgId: ctx.orgId, createdAt: { gte: since } },
    select: {
      id: true,
      level: true,
      createdAt: true,
      alertId: true,
      timeline: { where: { kind: { in: ["detected", "reproduced", "mitigated"] } }, select: { kind: true, occurredAt: true } },
      correctiveActions: { select: { dueDate: true, completedAt: true } },
    },
  });
  const detected = await detectionTimes(prisma, rows);
  const inWindow = rows
    .map((r) => ({ level: r.level, detectedAt: detected.get(r.id)!, events: r.timeline, correctiveActions: r.correctiveActions }))
    .filter((r) => r.detectedAt.getTime() >= since.getTime());
  return { since, ...aggregateIncidentMetrics(inWindow, now) };
}
