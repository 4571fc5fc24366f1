import { can, formatDuration, RESOLUTION_GAP_LABELS } from "@assay/core";
import { correctiveActionLinkOptions, getIncident, getIncidentLevelDefinitions, listMembers, ServiceError } from "@assay/services";
import Link from "next/link";
import { notFound } from "next/navigation";
import { IncidentLevelBadge, RecurrenceBadge } from "@/components/incidents/badges";
import { CorrectiveActions } from "@/components/incidents/corrective-actions";
import { daysBetween, eventKindLabel, formatRate, INCIDENT_LEVEL_LABELS, INCIDENT_SOURCE_LABELS, ROOT_CAUSE_LABELS } from "@/components/incidents/format";
import { ContainmentForm, IncidentNoteForm, IncidentUpdateForm, LogEventForm, RootCauseForm } from "@/components/incidents/incident-forms";
import { onTimeSummary } from "@/components/incidents/metrics";
import { AlertStateBadge, IncidentStatusBadge, SeverityBadge, WindowStatusBadge } from "@/components/monitoring/badges";
import { formatValue, windowPath, type AlertState, type Severity, type WindowStatus } from "@/components/monitoring/format";
import { toJson } from "@/components/runs/serialize";
import { Card, PageHeader, formatDate } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Incident · Assay" };

const link = "text-brand-700 hover:underline";
const term = "text-xs font-medium uppercase tracking-wide text-slate-500";

export default async function IncidentPage({ params }: { params: Promise<{ incidentId: string }> }) {
  const { incidentId } = await params;
  const ctx = await pageContext();
  const incident = await getIncident(ctx, incidentId).catch((error: unknown) => {
    // Another organisation's incident reads as absent, like a wrong id.
    if (error instanceof ServiceError && error.status === 404) notFound();
    throw error;
  });
  const canWrite = can(ctx.roles, "incident.write");
  const [members, linkOptions, levels] = await Promise.all([
    canWrite ? listMembers(ctx) : Promise.resolve([]),
    canWrite ? correctiveActionLinkOptions(ctx, incident.id) : Promise.resolve({ monitors: [], suiteItems: [] }),
    getIncidentLevelDefinitions(ctx),
  ]);
  const memberOptions = members.map((m) => ({ userId: m.userId, name: m.name }));
  const evidence = incident.evidence;
  const resolved = incident.status === "resolved";
  const { metrics } = incident;

  return (
    <>
      <PageHeader
        title={incident.title}
        description={`Opened ${formatDate(incident.createdAt)} by ${incident.createdBy.name}; owned by ${incident.owner.name}.`}
        breadcrumbs={[
          { href: "/monitors", label: "Monitoring" },
          { href: "/incidents", label: "Incidents" },
        ]}
        actions={<><IncidentLevelBadge level={incident.level} /><IncidentStatusBadge status={incident.status} /></>}
      />

      <dl aria-label="Incident facts" className="mb-6 grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <dt className={term}>Level</dt>
          <dd className="mt-0.5 text-slate-900">
            {incident.level ? INCIDENT_LEVEL_LABELS[incident.level] : "Unclassified"}
            {incident.levelDefinition && <span className="block text-xs text-slate-600">{incident.levelDefinition}</span>}
          </dd>
        </div>
        <div>
          <dt className={term}>Source</dt>
          <dd className="mt-0.5 text-slate-900">{INCIDENT_SOURCE_LABELS[incident.source]}</dd>
        </div>
        <div>
          <dt className={term}>Affected system</dt>
          <dd className="mt-0.5 text-slate-900">
            {incident.system ? <Link className={link} href={`/systems/${incident.system.id}`}>{incident.system.name}</Link> : <span className="text-slate-400">Not recorded</span>}
            {incident.modelVersion && (
              <span className="block text-xs">Version <Link className={link} href={`/versions/${incident.modelVersion.id}`}>{incident.modelVersion.label}</Link></span>
            )}
          </dd>
        </div>
        <div>
          <dt className={term}>Detected</dt>
          <dd className="mt-0.5 text-slate-900">{formatDate(incident.detectedAt)}</dd>
        </div>
      </dl>

      {incident.recurrence && (
        <div role="note" aria-label="Recurrence" className="mb-6 flex flex-wrap items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <RecurrenceBadge />
          <span>
            This system had another incident with the same root cause ({ROOT_CAUSE_LABELS[incident.recurrence.rootCause]}){" "}
            {daysBetween(incident.recurrence.detectedAt, incident.detectedAt)} days before this one:{" "}
            <Link className="font-medium underline" href={`/incidents/${incident.recurrence.incidentId}`}>{incident.recurrence.title}</Link>.
          </span>
        </div>
      )}
      {!resolved && incident.resolutionGaps.length > 0 && (
        <p className="mb-6 rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700">
          Before this incident can be resolved, it needs {incident.resolutionGaps.map((g) => RESOLUTION_GAP_LABELS[g]).join(" and ")}.
        </p>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Timeline">
            <div className="space-y-4">
              <ol className="relative space-y-3 border-l border-slate-200 pl-4 text-sm">
                {incident.timeline.map((e) => (
                  <li key={e.id}>
                    <p className="text-xs text-slate-500">
                      <span className="font-medium text-slate-700">{eventKindLabel(e.kind)}</span> · {formatDate(e.occurredAt)} · {e.actor ? e.actor.name : "Assay"}
                      {Math.abs(new Date(e.occurredAt).getTime() - new Date(e.createdAt).getTime()) > 60_000 && <> · logged {formatDate(e.createdAt)}</>}
                    </p>
                    {e.note && <p className="whitespace-pre-wrap text-slate-900">{e.note}</p>}
                  </li>
                ))}
              </ol>
              {canWrite ? (
                <>
                  <LogEventForm incidentId={incident.id} resolved={resolved} />
                  <IncidentNoteForm incidentId={incident.id} />
                </>
              ) : (
                <p className="text-sm text-slate-600">Your role can read incidents but not change them.</p>
              )}
            </div>
          </Card>
          <Card title="Corrective actions">
            <CorrectiveActions
              incidentId={incident.id}
              actions={toJson(incident.correctiveActions)}
              members={memberOptions}
              options={linkOptions}
              canWrite={canWrite}
              defaultOwnerId={incident.owner.id}
            />
          </Card>
        </div>
        <div className="space-y-6">
          {canWrite && (
            <Card title="Status, level and owner">
              <IncidentUpdateForm
                incidentId={incident.id}
                status={incident.status}
                level={incident.level}
                ownerId={incident.owner.id}
                members={memberOptions}
                definitions={levels.definitions}
              />
            </Card>
          )}
          <Card title="Derived metrics">
            <dl className="space-y-3 text-sm">
              <div>
                <dt className={term}>Time to reproduce</dt>
                <dd className="mt-0.5 text-slate-900">{metrics.timeToReproduceMs === null ? "Not reproduced yet" : formatDuration(metrics.timeToReproduceMs)}</dd>
              </div>
              <div>
                <dt className={term}>Time to mitigate</dt>
                <dd className="mt-0.5 text-slate-900">{metrics.timeToMitigateMs === null ? "Not mitigated yet" : formatDuration(metrics.timeToMitigateMs)}</dd>
              </div>
              <div>
                <dt className={term}>Corrective actions on time</dt>
                <dd className="mt-0.5 text-slate-900">{formatRate(metrics.correctiveActions.rate)} <span className="block text-xs text-slate-600">{onTimeSummary(metrics.correctiveActions)}</span></dd>
              </div>
            </dl>
            <p className="mt-3 text-xs text-slate-500">From detection to the first “reproduced” and “mitigated” events on the timeline.</p>
          </Card>
          <Card title="Root cause">
            <div className="space-y-3 text-sm">
              {incident.rootCause ? (
                <p className="text-slate-900">
                  <span className="font-medium">{ROOT_CAUSE_LABELS[incident.rootCause]}</span>
                  {incident.rootCauseDetail && <span className="mt-1 block whitespace-pre-wrap text-slate-700">{incident.rootCauseDetail}</span>}
                </p>
              ) : (
                <p className="text-slate-600">Not determined yet.</p>
              )}
              {canWrite && <RootCauseForm incidentId={incident.id} rootCause={incident.rootCause} rootCauseDetail={incident.rootCauseDetail} />}
            </div>
          </Card>
          <Card title="Containment">
            <div className="space-y-3 text-sm">
              {incident.containment ? (
                <ul className="list-disc space-y-1 pl-5 text-slate-900">
                  {incident.containment.split("\n").map((line, i) => <li key={i}>{line}</li>)}
                </ul>
              ) : (
                <p className="text-slate-600">No containment actions recorded.</p>
              )}
              {canWrite && !resolved && <ContainmentForm incidentId={incident.id} />}
            </div>
          </Card>
          <Card title="Evidence">
            {evidence ? (
              // One column: the sidebar is too narrow for the two-column DefinitionList.
              <dl className="space-y-3 text-sm">
                <div>
                  <dt className={term}>Alert</dt>
                  <dd className="mt-0.5 space-y-1">
                    <Link className={link} href={`/alerts/${evidence.alert.id}`}>{evidence.alert.rule.name}</Link>
                    <span className="flex flex-wrap gap-1"><AlertStateBadge state={evidence.alert.state as AlertState} /> <SeverityBadge severity={evidence.alert.severity as Severity} /></span>
                    <p className="text-slate-700">{evidence.alert.message}</p>
                  </dd>
                </div>
                <div>
                  <dt className={term}>Value</dt>
                  <dd className="mt-0.5 break-all text-slate-900">{formatValue(evidence.alert.value)} <span className="font-mono text-xs text-slate-500">{evidence.alert.rule.valueKey}</span></dd>
                </div>
                {incident.monitor && (
                  <>
                    <div>
                      <dt className={term}>Monitor</dt>
                      <dd className="mt-0.5"><Link className={link} href={`/monitors/${incident.monitor.id}`}>{incident.monitor.name}</Link></dd>
                    </div>
                    <div>
                      <dt className={term}>Window</dt>
                      <dd className="mt-0.5 flex flex-wrap items-center gap-2">
                        <Link className={link} href={windowPath(incident.monitor.id, evidence.alert.windowStart)}>{formatDate(evidence.alert.windowStart)}</Link>
                        {evidence.window && <WindowStatusBadge status={evidence.window.status as WindowStatus} />}
                      </dd>
                    </div>
                  </>
                )}
                <div>
                  <dt className={term}>Fired</dt>
                  <dd className="mt-0.5 text-slate-900">{formatDate(evidence.alert.firedAt)}</dd>
                </div>
              </dl>
            ) : (
              <p className="text-sm text-slate-600">Opened by hand ({INCIDENT_SOURCE_LABELS[incident.source].toLowerCase()}), not from an alert.</p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
