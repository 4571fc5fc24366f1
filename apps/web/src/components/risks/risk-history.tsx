import type { RiskHistoryEvent } from "@assay/services";
import { EmptyState, formatDate, formatDay } from "@/components/ui";
import { RISK_STATUS_LABELS, SEVERITY_LABELS } from "./labels";

const FIELD_LABELS: Record<string, string> = {
  statement: "Statement",
  likelihood: "Likelihood",
  impact: "Impact",
  severity: "Severity",
  ownerId: "Owner",
  dueDate: "Due date",
  status: "Status",
};

const ACTION_LABELS: Record<string, string> = { "risk.created": "Raised", "risk.updated": "Updated" };

function isKey<T extends Record<string, unknown>>(record: T, key: unknown): key is keyof T {
  return typeof key === "string" && key in record;
}

function formatValue(field: string, value: unknown, names: Map<string, string>): string {
  if (value === null || value === undefined || value === "") return "none";
  if (field === "ownerId" && typeof value === "string") return names.get(value) ?? "a former member";
  if (field === "dueDate" && typeof value === "string") return formatDay(value);
  if (field === "status" && isKey(RISK_STATUS_LABELS, value)) return RISK_STATUS_LABELS[value];
  if (field === "severity" && isKey(SEVERITY_LABELS, value)) return SEVERITY_LABELS[value];
  return String(value);
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});

/** The risk's audit trail, read from the organisation's append-only audit log. */
export function RiskHistory({ events, names }: { events: RiskHistoryEvent[]; names: Map<string, string> }) {
  if (events.length === 0) return <EmptyState title="No recorded changes" />;
  return (
    <ol className="space-y-3">
      {[...events].reverse().map((e) => {
        const before = asRecord(e.before);
        const after = asRecord(e.after);
        const fields = e.action === "risk.created" ? [] : Object.keys(FIELD_LABELS).filter((f) => f in after);
        return (
          <li key={e.id} className="rounded-md border border-slate-200 px-3 py-2 text-sm">
            <p>
              <span className="font-medium text-slate-900">{ACTION_LABELS[e.action] ?? e.action}</span>
              {" by "}{e.actor?.name ?? "the system"} · <time dateTime={new Date(e.createdAt).toISOString()}>{formatDate(e.createdAt)}</time>
              <span className="ml-2 text-xs text-slate-500">event #{e.seq}</span>
            </p>
            {fields.length > 0 && (
              <ul className="mt-1 space-y-0.5 text-slate-700">
                {fields.map((f) => (
                  <li key={f}>
                    {FIELD_LABELS[f]}: <span className="text-slate-500 line-through">{formatValue(f, before[f], names)}</span>
                    {" → "}<span className="font-medium">{formatValue(f, after[f], names)}</span>
                  </li>
                ))}
              </ul>
            )}
            {e.action === "risk.created" && (
              <p className="mt-1 text-slate-700">
                Severity {formatValue("severity", after.severity, names)} (likelihood {String(after.likelihood)} × impact {String(after.impact)}),
                owner {formatValue("ownerId", after.ownerId, names)}, status {formatValue("status", after.status, names)}, due {formatValue("dueDate", after.dueDate, names)}.
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
