import type { RiskHistoryEvent } from "@assay/services";
import { MITIGATION_STATUS_LABELS, MITIGATION_TYPE_LABELS } from "@/components/mitigations/labels";
import { EmptyState, formatDate, formatDay } from "@/components/ui";
import { RISK_CATEGORY_LABELS, RISK_LINK_KIND_LABELS, RISK_STATUS_LABELS, SEVERITY_LABELS } from "./labels";

const FIELD_LABELS: Record<string, string> = {
  statement: "Statement",
  category: "Category",
  controls: "Controls",
  likelihood: "Likelihood",
  impact: "Impact",
  severity: "Severity",
  residualLikelihood: "Residual likelihood",
  residualImpact: "Residual impact",
  residualSeverity: "Residual severity",
  ownerId: "Owner",
  dueDate: "Due date",
  status: "Status",
  type: "Type",
  description: "Description",
  acceptanceChecks: "Acceptance checks",
  verifiedVersionId: "Verified on",
  baselineVersionId: "Baseline version",
};

const ACTION_LABELS: Record<string, string> = {
  "risk.created": "Raised",
  "risk.updated": "Updated",
  "risk.reopened": "Reopened",
  "risk.link_added": "Linked",
  "risk.link_removed": "Unlinked",
  "mitigation.created": "Mitigation added",
  "mitigation.updated": "Mitigation updated",
  "mitigation.verified": "Mitigation verified",
  "mitigation.verification_failed": "Mitigation failed verification",
};

/** Names the history needs: people, model versions, mitigations and link targets. */
export type HistoryNames = {
  people: Map<string, string>;
  versions: Map<string, string>;
  /** Mitigation id → "Mitigation 2 (Reweighting)". */
  mitigations: Map<string, string>;
  /** "kind:targetId" → label. */
  linkTargets: Map<string, string>;
};

function isKey<T extends Record<string, unknown>>(record: T, key: unknown): key is keyof T {
  return typeof key === "string" && key in record;
}

function formatValue(field: string, value: unknown, names: HistoryNames, entityType: string): string {
  if (value === null || value === undefined || value === "") return "none";
  if (field === "ownerId" && typeof value === "string") return names.people.get(value) ?? "a former member";
  if (field === "dueDate" && typeof value === "string") return formatDay(value);
  if (field === "status" && entityType === "Mitigation" && isKey(MITIGATION_STATUS_LABELS, value)) return MITIGATION_STATUS_LABELS[value];
  if (field === "status" && isKey(RISK_STATUS_LABELS, value)) return RISK_STATUS_LABELS[value];
  if ((field === "severity" || field === "residualSeverity") && isKey(SEVERITY_LABELS, value)) return SEVERITY_LABELS[value];
  if (field === "category" && isKey(RISK_CATEGORY_LABELS, value)) return RISK_CATEGORY_LABELS[value];
  if (field === "type" && isKey(MITIGATION_TYPE_LABELS, value)) return MITIGATION_TYPE_LABELS[value];
  if ((field === "verifiedVersionId" || field === "baselineVersionId") && typeof value === "string") return names.versions.get(value) ?? "another version";
  if (field === "acceptanceChecks" && Array.isArray(value)) {
    const ids = value.map((c) => (c && typeof c === "object" && "id" in c ? String((c as { id: unknown }).id) : "?"));
    return `${ids.length} ${ids.length === 1 ? "check" : "checks"} (${ids.join(", ")})`;
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

type VerifiedCheck = { checkId?: unknown; passed?: unknown; problem?: unknown };

function Detail({ event, names }: { event: RiskHistoryEvent; names: HistoryNames }) {
  const before = asRecord(event.before);
  const after = asRecord(event.after);
  const value = (field: string, v: unknown) => formatValue(field, v, names, event.entityType);

  switch (event.action) {
    case "risk.created":
      if (after.from === "redteam") return <p className="mt-1 text-slate-700">Raised from a red-team finding; severity {value("severity", after.severity)}.</p>;
      return (
        <p className="mt-1 text-slate-700">
          Severity {value("severity", after.severity)} (likelihood {String(after.likelihood)} × impact {String(after.impact)})
          {after.residualSeverity ? <>, residual {value("residualSeverity", after.residualSeverity)}</> : null}
          {after.category ? <>, category {value("category", after.category)}</> : null}, owner {value("ownerId", after.ownerId)}, status {value("status", after.status)}, due {value("dueDate", after.dueDate)}.
        </p>
      );
    case "risk.link_added":
    case "risk.link_removed": {
      const link = event.action === "risk.link_added" ? after : before;
      const kind = isKey(RISK_LINK_KIND_LABELS, link.kind) ? RISK_LINK_KIND_LABELS[link.kind] : String(link.kind);
      const label = names.linkTargets.get(`${String(link.kind)}:${String(link.targetId)}`);
      return <p className="mt-1 text-slate-700">{kind}: {label ?? <span className="font-mono text-xs">{String(link.targetId)}</span>}</p>;
    }
    case "mitigation.verified":
    case "mitigation.verification_failed": {
      const checks = Array.isArray(after.checks) ? (after.checks as VerifiedCheck[]) : [];
      const passed = checks.filter((c) => c.passed === true).length;
      return (
        <div className="mt-1 text-slate-700">
          <p>
            On {value("verifiedVersionId", after.verifiedVersionId)}: {passed} of {checks.length} acceptance {checks.length === 1 ? "check" : "checks"} passed
            {" "}(status {value("status", before.status)} → {value("status", after.status)}).
          </p>
          {checks.some((c) => typeof c.problem === "string") && (
            <ul className="list-disc pl-5 text-xs">
              {checks.filter((c) => typeof c.problem === "string").map((c) => <li key={String(c.checkId)}><span className="font-mono">{String(c.checkId)}</span>: {String(c.problem)}</li>)}
            </ul>
          )}
        </div>
      );
    }
    case "mitigation.created":
      return (
        <p className="mt-1 text-slate-700">
          {value("type", after.type)}, owner {value("ownerId", after.ownerId)}, due {value("dueDate", after.dueDate)}, {value("acceptanceChecks", after.acceptanceChecks)}.
        </p>
      );
    default: {
      const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => f in FIELD_LABELS);
      return (
        <>
          {fields.length > 0 && (
            <ul className="mt-1 space-y-0.5 text-slate-700">
              {fields.map((f) => (
                <li key={f}>
                  {FIELD_LABELS[f]}: <span className="text-slate-500 line-through">{value(f, before[f])}</span>
                  {" → "}<span className="font-medium">{value(f, after[f])}</span>
                </li>
              ))}
            </ul>
          )}
          {after.verificationCleared === true && <p className="mt-1 text-xs text-slate-600">The earlier verification was cleared: it was of other acceptance checks.</p>}
          {typeof after.reason === "string" && <p className="mt-1 text-xs text-slate-600">{after.reason}</p>}
        </>
      );
    }
  }
}

/** The risk's audit trail, with its links and mitigations, read from the organisation's append-only audit log; newest first. */
export function RiskHistory({ events, names }: { events: RiskHistoryEvent[]; names: HistoryNames }) {
  if (events.length === 0) return <EmptyState title="No recorded changes" />;
  return (
    <ol className="space-y-3">
      {[...events].reverse().map((e) => (
        <li key={e.id} className="rounded-md border border-slate-200 px-3 py-2 text-sm">
          <p>
            <span className="font-medium text-slate-900">{ACTION_LABELS[e.action] ?? e.action}</span>
            {e.entityType === "Mitigation" && <span className="text-slate-700"> · {names.mitigations.get(e.entityId) ?? "a mitigation"}</span>}
            {" by "}{e.actor?.name ?? "the system"} · <time dateTime={new Date(e.createdAt).toISOString()}>{formatDate(e.createdAt)}</time>
            <span className="ml-2 text-xs text-slate-500">event #{e.seq}</span>
          </p>
          <Detail event={e} names={names} />
        </li>
      ))}
    </ol>
  );
}
