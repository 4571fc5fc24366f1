import type { IncidentSummary } from "@assay/services";
import Link from "next/link";
import { IncidentStatusBadge } from "@/components/monitoring/badges";
import type { Jsonify } from "@/components/runs/serialize";
import { formatDate, Table, Th } from "@/components/ui";
import { IncidentLevelBadge, RecurrenceBadge } from "./badges";
import { INCIDENT_SOURCE_LABELS, ROOT_CAUSE_LABELS } from "./format";

export type IncidentRowView = Jsonify<IncidentSummary>;

const cell = "px-3 py-2 align-top text-slate-800";
const link = "text-brand-700 hover:underline";

/** Incidents in the order given (the service puts unresolved and severe ones first). */
export function IncidentsTable({ incidents, caption }: { incidents: IncidentRowView[]; caption: string }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Incident</Th>
          <Th>Level</Th>
          <Th>Status</Th>
          <Th>Source</Th>
          <Th>System</Th>
          <Th>Root cause</Th>
          <Th>Owner</Th>
          <Th>Detected</Th>
          <Th>Last change</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {incidents.map((i) => (
          <tr key={i.id}>
            <th scope="row" className={`${cell} text-left`}>
              <Link href={`/incidents/${i.id}`} className="font-medium text-brand-700 hover:underline">{i.title}</Link>
              {i.recurrence && (
                <span className="mt-1 flex flex-wrap items-center gap-1 text-xs font-normal text-slate-600">
                  <RecurrenceBadge />
                  <span>
                    repeats <Link className={link} href={`/incidents/${i.recurrence.incidentId}`}>{i.recurrence.title}</Link>
                  </span>
                </span>
              )}
            </th>
            <td className={cell}><IncidentLevelBadge level={i.level} /></td>
            <td className={cell}><IncidentStatusBadge status={i.status} /></td>
            <td className={cell}>
              <span className="flex flex-col gap-0.5">
                {INCIDENT_SOURCE_LABELS[i.source]}
                {i.alertId && <Link href={`/alerts/${i.alertId}`} className={link}>Alert</Link>}
                {i.monitor && <Link href={`/monitors/${i.monitor.id}`} className={link}>{i.monitor.name}</Link>}
              </span>
            </td>
            <td className={cell}>
              {i.system ? (
                <span className="flex flex-col gap-0.5">
                  <Link href={`/systems/${i.system.id}`} className={link}>{i.system.name}</Link>
                  {i.modelVersion && <span className="text-xs text-slate-500">{i.modelVersion.label}</span>}
                </span>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </td>
            <td className={cell}>{i.rootCause ? ROOT_CAUSE_LABELS[i.rootCause] : <span className="text-slate-400">—</span>}</td>
            <td className={cell}>{i.owner.name}</td>
            <td className={`${cell} whitespace-nowrap`}>{formatDate(i.detectedAt)}</td>
            <td className={`${cell} whitespace-nowrap`}>{formatDate(i.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
