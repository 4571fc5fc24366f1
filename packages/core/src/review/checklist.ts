import { ROLE_LABELS, type Role } from "../auth/roles";
import { isBlockingSeverity, SEVERITIES } from "../risk/severity";
import type { Checklist, ChecklistInput, ChecklistItem } from "./types";

const MISSING_RUN = "No passing run on the current plan version";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The release checklist, computed from evidence rather than ticked by hand.
 * Order: the plan, each plan check, open risks, then each required sign-off.
 * Anything not "pass" blocks a go decision.
 */
export function buildReviewChecklist(input: ChecklistInput): Checklist {
  const items: ChecklistItem[] = [planItem(input), ...input.checks.map((c) => checkItem(c, input)), risksItem(input)];
  const roles = [...new Set(input.requiredRoles)];
  items.push(...roles.map((role) => signoffItem(role, input)));

  const blockers = items.filter((i) => i.status !== "pass");
  const awaitingSignoff = blockers.flatMap((i) => (i.kind === "signoff" && i.ref?.role ? [i.ref.role] : []));
  return { items, blockers, awaitingSignoff, cleared: blockers.length === 0 };
}

function planItem({ plan }: ChecklistInput): ChecklistItem {
  return plan
    ? { key: "plan", kind: "plan", label: "Evaluation plan", status: "pass", detail: `Plan version ${plan.version} is current.` }
    : { key: "plan", kind: "plan", label: "Evaluation plan", status: "missing", detail: "No evaluation plan for this version" };
}

function checkItem(check: ChecklistInput["checks"][number], input: ChecklistInput): ChecklistItem {
  const result = input.checkResults[check.id];
  const base = { key: `check:${check.id}`, kind: "check" as const, label: check.description };
  if (!result) return { ...base, status: "missing", detail: MISSING_RUN };
  return { ...base, status: result.passed ? "pass" : "fail", detail: result.summary, ref: { runId: result.runId } };
}

function risksItem({ openRisks }: ChecklistInput): ChecklistItem {
  const rank = (s: (typeof SEVERITIES)[number]) => SEVERITIES.indexOf(s);
  // Most severe first; the sort is stable, so equal severities keep the caller's order.
  const blocking = openRisks.filter((r) => isBlockingSeverity(r.severity)).sort((a, b) => rank(b.severity) - rank(a.severity));
  const base = { key: "risks", kind: "risks" as const, label: "No open high or critical risk" };
  if (blocking.length === 0) {
    const detail = openRisks.length === 0 ? "No open risks." : `${plural(openRisks.length, "open risk")}, none high or critical.`;
    return { ...base, status: "pass", detail };
  }
  return {
    ...base,
    status: "fail",
    // The statements are shown as links next to the item; the detail only counts them.
    detail: `${plural(blocking.length, "open high or critical risk")} (${severityCounts(blocking)}).`,
    ref: { riskIds: blocking.map((r) => r.id) },
  };
}

function signoffItem(role: Role, input: ChecklistInput): ChecklistItem {
  // The input holds the latest sign-off per role; if it holds more, the newest wins.
  const latest = input.signOffs
    .filter((s) => s.role === role)
    .reduce<ChecklistInput["signOffs"][number] | undefined>((best, s) => (!best || s.createdAt >= best.createdAt ? s : best), undefined);
  const base = { key: `signoff:${role}`, kind: "signoff" as const, label: `Sign-off: ${ROLE_LABELS[role]}`, ref: { role } };
  if (!latest) return { ...base, status: "missing", detail: `Awaiting sign-off by the ${ROLE_LABELS[role].toLowerCase()}.` };
  if (latest.evidenceHash !== input.currentEvidenceHash) {
    return { ...base, status: "stale", detail: `Signed by ${latest.userName} before the evidence changed; needs signing again.` };
  }
  return { ...base, status: "pass", detail: `Signed by ${latest.userName} on ${latest.createdAt.slice(0, 10)}.` };
}

function severityCounts(risks: ReadonlyArray<{ severity: (typeof SEVERITIES)[number] }>): string {
  const counts = new Map<string, number>();
  for (const r of risks) counts.set(r.severity, (counts.get(r.severity) ?? 0) + 1);
  return [...counts].map(([severity, n]) => `${n} ${severity}`).join(", ");
}
