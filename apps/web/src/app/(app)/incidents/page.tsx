import { can } from "@assay/core";
import { incidentMetrics, listIncidents, listSystems } from "@assay/services";
import Link from "next/link";
import { INCIDENT_LEVEL_LABELS, INCIDENT_LEVELS, INCIDENT_SOURCE_LABELS, INCIDENT_SOURCES } from "@/components/incidents/format";
import { IncidentsTable } from "@/components/incidents/incidents-table";
import { IncidentMetricsTiles } from "@/components/incidents/metrics";
import { INCIDENT_STATUS_LABELS, INCIDENT_STATUSES } from "@/components/monitoring/format";
import { toJson } from "@/components/runs/serialize";
import { Button, ButtonLink, EmptyState, PageHeader, inputClass } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Incidents · Assay" };

/** "active" is the default: incidents not yet resolved. */
const STATUS_VIEWS: Array<{ value: string; label: string; filter: string | undefined }> = [
  { value: "active", label: "Not resolved", filter: "open,investigating,mitigated" },
  { value: "all", label: "All statuses", filter: undefined },
  ...INCIDENT_STATUSES.map((s) => ({ value: s, label: INCIDENT_STATUS_LABELS[s], filter: s })),
];

const METRICS_DAYS = 90;

type Search = { status?: string; level?: string; source?: string; systemId?: string; recurring?: string };

const pick = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined => (allowed as readonly string[]).includes(value ?? "") ? (value as T) : undefined;

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const ctx = await pageContext();
  const view = STATUS_VIEWS.find((v) => v.value === params.status) ?? STATUS_VIEWS[0]!;
  const level = pick(params.level, INCIDENT_LEVELS);
  const source = pick(params.source, INCIDENT_SOURCES);
  const recurring = params.recurring === "true";
  const [incidents, systems, metrics] = await Promise.all([
    listIncidents(ctx, {
      status: view.filter,
      ...(level ? { level } : {}),
      ...(source ? { source } : {}),
      ...(params.systemId ? { systemId: params.systemId } : {}),
      ...(recurring ? { recurring: "true" } : {}),
    }),
    listSystems(ctx),
    incidentMetrics(ctx, { since: new Date(Date.now() - METRICS_DAYS * 24 * 3600_000) }),
  ]);
  const systemId = systems.some((s) => s.id === params.systemId) ? params.systemId : undefined;
  const filtered = view.value !== "active" || level || source || systemId || recurring;
  const canWrite = can(ctx.roles, "incident.write");

  return (
    <>
      <PageHeader
        title="Incidents"
        description="Incidents opened from monitoring alerts or reported by people: level, source, affected system, a timeline of what was found and done, the root cause and the corrective actions. Unresolved and severe ones come first."
        breadcrumbs={[{ href: "/monitors", label: "Monitoring" }, { href: "/incidents", label: "Incidents" }]}
        actions={
          <>
            <ButtonLink variant="secondary" href="/settings/incident-levels">Level definitions</ButtonLink>
            {canWrite && <ButtonLink href="/incidents/new">Open incident</ButtonLink>}
          </>
        }
      />
      <IncidentMetricsTiles metrics={metrics} periodLabel={`last ${METRICS_DAYS} days`} />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter incidents">
        <div>
          <label htmlFor="incident-filter-status" className="block text-sm font-medium text-slate-700">Status</label>
          <select id="incident-filter-status" name="status" defaultValue={view.value} className={inputClass}>
            {STATUS_VIEWS.map((v) => <option key={v.value} value={v.value}>{v.label}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="incident-filter-level" className="block text-sm font-medium text-slate-700">Level</label>
          <select id="incident-filter-level" name="level" defaultValue={level ?? ""} className={inputClass}>
            <option value="">All levels</option>
            {INCIDENT_LEVELS.map((l) => <option key={l} value={l}>{INCIDENT_LEVEL_LABELS[l]}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="incident-filter-source" className="block text-sm font-medium text-slate-700">Source</label>
          <select id="incident-filter-source" name="source" defaultValue={source ?? ""} className={inputClass}>
            <option value="">All sources</option>
            {INCIDENT_SOURCES.map((s) => <option key={s} value={s}>{INCIDENT_SOURCE_LABELS[s]}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="incident-filter-system" className="block text-sm font-medium text-slate-700">System</label>
          <select id="incident-filter-system" name="systemId" defaultValue={systemId ?? ""} className={inputClass}>
            <option value="">All systems</option>
            {systems.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </div>
        <label className="flex items-center gap-2 pb-1.5 text-sm text-slate-700">
          <input type="checkbox" name="recurring" value="true" defaultChecked={recurring} className="h-4 w-4 rounded border-slate-300" />
          Recurring only
        </label>
        <Button type="submit" variant="secondary">Filter</Button>
        {filtered && <Link className="pb-1.5 text-sm text-brand-700 hover:underline" href="/incidents">Clear filters</Link>}
      </form>
      {incidents.length === 0 ? (
        <EmptyState title={filtered ? "No incidents match" : "No open incidents"}>
          Open one from an alert with one click, on the <Link className="text-brand-700 hover:underline" href="/alerts">alert&apos;s page</Link>
          {canWrite ? <>, or <Link className="text-brand-700 hover:underline" href="/incidents/new">report one by hand</Link> (a user report, a red-team finding, internal testing)</> : ""}.
        </EmptyState>
      ) : (
        <IncidentsTable incidents={toJson(incidents)} caption="Incidents" />
      )}
    </>
  );
}
