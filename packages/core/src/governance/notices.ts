import type { Severity } from "../risk/severity";

/** Governance events that reach people in-app and endpoints by webhook. */
export const GOVERNANCE_EVENTS = [
  "review.requested",
  "signoff.needed",
  "signoff.stale",
  "risk.overdue",
  "exception.expiring",
  "exception.expired",
  "incident.opened",
  "incident.severity_changed",
] as const;
export type GovernanceEvent = (typeof GOVERNANCE_EVENTS)[number];

export const GOVERNANCE_EVENT_LABELS: Record<GovernanceEvent, string> = {
  "review.requested": "Review requested",
  "signoff.needed": "Sign-off needed",
  "signoff.stale": "Sign-off went stale",
  "risk.overdue": "Risk overdue",
  "exception.expiring": "Exception expiring",
  "exception.expired": "Exception expired",
  "incident.opened": "Incident opened",
  "incident.severity_changed": "Incident severity changed",
};

/** What one governance notice says; timestamps are ISO-8601 UTC. */
export type GovernanceNotice = {
  event: GovernanceEvent;
  occurredAt: string;
  severity: Severity;
  title: string;
  body: string;
  /** e.g. { type: "RiskException", id } — what the notice is about. */
  subject: { type: string; id: string };
  system: { id: string; name: string } | null;
  link: string;
};

export type GenericGovernancePayload = GovernanceNotice & { schemaVersion: 1 };

export type SlackGovernancePayload = { text: string; blocks: Array<Record<string, unknown>> };

const EMOJI: Record<Severity, string> = { low: ":information_source:", medium: ":warning:", high: ":rotating_light:", critical: ":red_circle:" };

// Slack rejects a header over 150 characters and a text field over 3000.
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const escapeSlack = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

export function governanceWebhookPayload(format: "generic" | "slack", notice: GovernanceNotice): GenericGovernancePayload | SlackGovernancePayload {
  if (format === "generic") return { schemaVersion: 1, ...notice };
  const headline = `${GOVERNANCE_EVENT_LABELS[notice.event]}: ${notice.title}`;
  return {
    text: clip(`[${notice.severity.toUpperCase()}] ${headline}`, 3000),
    blocks: [
      { type: "header", text: { type: "plain_text", text: clip(`${EMOJI[notice.severity]} ${headline}`, 150), emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: clip(escapeSlack(notice.body || notice.title), 3000) } },
      ...(notice.system ? [{ type: "context", elements: [{ type: "mrkdwn", text: clip(escapeSlack(`System: ${notice.system.name}`), 3000) }] }] : []),
      { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open in Assay" }, url: notice.link, action_id: "open_subject" }] },
    ],
  };
}
