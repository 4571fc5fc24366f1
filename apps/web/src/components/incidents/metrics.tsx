import { formatDuration, type IncidentMetricsSummary, type OnTimeCompletion } from "@assay/core";
import { INCIDENT_LEVEL_LABELS, INCIDENT_LEVELS, formatRate } from "./format";

const tile = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
const term = "text-xs font-medium uppercase tracking-wide text-slate-500";

export function onTimeSummary(c: OnTimeCompletion): string {
  const decided = c.onTime + c.late + c.overdue;
  if (c.total === 0) return "No corrective actions yet.";
  if (decided === 0) return `${c.total} open, none due yet.`;
  return `${c.onTime} of ${decided} on time${c.late ? `, ${c.late} late` : ""}${c.overdue ? `, ${c.overdue} overdue` : ""}${c.open ? `; ${c.open} not due yet` : ""}.`;
}

/** The derived metrics over a period, as tiles (the incidents page). */
export function IncidentMetricsTiles({ metrics, periodLabel }: { metrics: IncidentMetricsSummary; periodLabel: string }) {
  const levels = INCIDENT_LEVELS.map((l) => `${INCIDENT_LEVEL_LABELS[l]} ${metrics.byLevel[l]}`).join(" · ");
  return (
    <dl aria-label={`Incident metrics, ${periodLabel}`} className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <div className={tile}>
        <dt className={term}>Incidents, {periodLabel}</dt>
        <dd className="mt-1 text-2xl font-semibold text-slate-900">{metrics.incidents}</dd>
        <dd className="mt-1 text-xs text-slate-600">
          {levels}
          {metrics.unclassified ? ` · Unclassified ${metrics.unclassified}` : ""}
        </dd>
        <dd className="text-xs text-slate-600">Near misses: {metrics.nearMisses}</dd>
      </div>
      <div className={tile}>
        <dt className={term}>Median time to reproduce</dt>
        <dd className="mt-1 text-2xl font-semibold text-slate-900">{formatDuration(metrics.medianTimeToReproduceMs)}</dd>
        <dd className="mt-1 text-xs text-slate-600">Over {metrics.reproduced} reproduced incident{metrics.reproduced === 1 ? "" : "s"}, from detection.</dd>
      </div>
      <div className={tile}>
        <dt className={term}>Median time to mitigate</dt>
        <dd className="mt-1 text-2xl font-semibold text-slate-900">{formatDuration(metrics.medianTimeToMitigateMs)}</dd>
        <dd className="mt-1 text-xs text-slate-600">Over {metrics.mitigated} mitigated incident{metrics.mitigated === 1 ? "" : "s"}, from detection.</dd>
      </div>
      <div className={tile}>
        <dt className={term}>Corrective actions on time</dt>
        <dd className="mt-1 text-2xl font-semibold text-slate-900">{formatRate(metrics.correctiveActions.rate)}</dd>
        <dd className="mt-1 text-xs text-slate-600">{onTimeSummary(metrics.correctiveActions)}</dd>
      </div>
    </dl>
  );
}
