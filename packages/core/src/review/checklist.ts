import { ROLE_LABELS, type Role } from "../auth/roles";
import { REQUIRED_EVALUATION_LABELS } from "../governance/tier-policy";
import { isBlockingSeverity, SEVERITIES } from "../risk/severity";
import type { Checklist, ChecklistException, ChecklistInput, ChecklistItem, ChecklistItemKind } from "./types";

const MISSING_RUN = "No passing run on the current plan version";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const day = (iso: string) => iso.slice(0, 10);

/**
 * Items an exception (risk acceptance) may waive. A hold is cleared by an
 * approver, never waived; a sign-off is given, never waived.
 */
export const WAIVABLE_KINDS: readonly ChecklistItemKind[] = ["plan", "evaluation", "check", "monitor", "risks", "documentation"];

export const isWaivable = (item: Pick<ChecklistItem, "kind">): boolean => WAIVABLE_KINDS.includes(item.kind);

/** Whether an exception has lapsed at `now`: marked expired, or past its expiry date whatever its stored status says. */
export function exceptionLapsed(exception: Pick<ChecklistException, "status" | "expiresAt">, now: string | Date): boolean {
  const at = typeof now === "string" ? Date.parse(now) : now.getTime();
  return exception.status === "expired" || Date.parse(exception.expiresAt) <= at;
}

/**
 * The release checklist, computed from evidence rather than ticked by hand.
 * Order: the plan, each required evaluation, each plan check, the drift
 * monitor, open risks, documentation, holds, then each required sign-off.
 * Tier-derived items appear only when the input carries what they need.
 * A failing or missing item that an active, unexpired exception covers is
 * "waived"; once the exception expires the item fails again.
 * Anything neither "pass" nor "waived" blocks a go decision.
 */
export function buildReviewChecklist(input: ChecklistInput): Checklist {
  const required = input.requiredEvaluations ?? [];
  const items: ChecklistItem[] = [planItem(input)];
  for (const kind of ["fairness", "safety"] as const) if (required.includes(kind)) items.push(evaluationItem(kind, input));
  items.push(...input.checks.map((c) => checkItem(c, input)));
  if (required.includes("drift_monitor")) items.push(monitorItem(input));
  items.push(risksItem(input));
  if (input.documentation) items.push(documentationItem(input.documentation));
  if (input.activeHolds) items.push(holdItem(input.activeHolds));
  const roles = [...new Set(input.requiredRoles)];
  items.push(...roles.map((role) => signoffItem(role, input)));

  const now = input.now ?? new Date().toISOString();
  const judged = items.map((item) => applyExceptions(item, input.exceptions ?? [], now));
  const blockers = judged.filter((i) => i.status !== "pass" && i.status !== "waived");
  const waived = judged.filter((i) => i.status === "waived");
  const awaitingSignoff = blockers.flatMap((i) => (i.kind === "signoff" && i.ref?.role ? [i.ref.role] : []));
  return { items: judged, blockers, waived, awaitingSignoff, cleared: blockers.length === 0 };
}

/**
 * A failing or missing waivable item with a valid exception on its key is
 * waived (the one lasting longest counts); with only lapsed ones it fails and
 * says which exception expired when.
 */
function applyExceptions(item: ChecklistItem, exceptions: readonly ChecklistException[], now: string): ChecklistItem {
  if (item.status === "pass" || !isWaivable(item)) return item;
  const mine = exceptions.filter((e) => e.gateKey === item.key && e.status !== "revoked");
  if (mine.length === 0) return item;
  const latest = (xs: ChecklistException[]) => xs.reduce((a, b) => (Date.parse(b.expiresAt) > Date.parse(a.expiresAt) ? b : a));
  const valid = mine.filter((e) => !exceptionLapsed(e, now));
  if (valid.length > 0) {
    const e = latest(valid);
    return {
      ...item,
      status: "waived",
      detail: `Waived by exception ${e.id}, approved by ${e.approverName}, until ${day(e.expiresAt)} (re-review by ${day(e.reReviewAt)}). Without it: ${item.detail}`,
      ref: { ...item.ref, ...exceptionRef(e), exceptionExpired: false },
    };
  }
  const e = latest(mine);
  return {
    ...item,
    status: "fail",
    detail: `Exception ${e.id}, approved by ${e.approverName}, expired on ${day(e.expiresAt)}; the gate applies again. ${item.detail}`,
    ref: { ...item.ref, ...exceptionRef(e), exceptionExpired: true },
  };
}

const exceptionRef = (e: ChecklistException) => ({
  exceptionId: e.id,
  exceptionApproverId: e.approverId,
  exceptionApproverName: e.approverName,
  exceptionExpiresAt: e.expiresAt,
});

function planItem({ plan }: ChecklistInput): ChecklistItem {
  return plan
    ? { key: "plan", kind: "plan", label: "Evaluation plan", status: "pass", detail: `Plan version ${plan.version} is current.` }
    : { key: "plan", kind: "plan", label: "Evaluation plan", status: "missing", detail: "No evaluation plan for this version" };
}

function evaluationItem(kind: "fairness" | "safety", input: ChecklistInput): ChecklistItem {
  const base = { key: `evaluation:${kind}`, kind: "evaluation" as const, label: REQUIRED_EVALUATION_LABELS[kind] };
  const tier = input.tier ? `the ${input.tier} tier` : "the tier policy";
  const checks = input.checks.filter((c) => c.kind === kind);
  if (checks.length === 0) return { ...base, status: "missing", detail: `The plan has no ${kind} check; ${tier} requires at least one.` };
  const results = checks.map((c) => input.checkResults[c.id]);
  const failing = results.filter((r) => r && !r.passed);
  const missing = results.filter((r) => !r).length;
  const some = (n: number, verbOne: string, verbMany: string) =>
    checks.length === 1 ? `The ${kind} check ${verbOne}` : `${n} of ${checks.length} ${kind} checks ${n === 1 ? verbOne : verbMany}`;
  if (failing.length > 0) {
    return { ...base, status: "fail", detail: `${some(failing.length, "fails", "fail")} on the latest run.`, ref: { runId: failing[0]!.runId } };
  }
  if (missing > 0) return { ...base, status: "missing", detail: `${some(missing, "has", "have")} no run on the current plan version.` };
  return { ...base, status: "pass", detail: checks.length === 1 ? `The ${kind} check passes.` : `All ${checks.length} ${kind} checks pass.` };
}

function checkItem(check: ChecklistInput["checks"][number], input: ChecklistInput): ChecklistItem {
  const result = input.checkResults[check.id];
  const base = { key: `check:${check.id}`, kind: "check" as const, label: check.description };
  if (!result) return { ...base, status: "missing", detail: MISSING_RUN };
  return { ...base, status: result.passed ? "pass" : "fail", detail: result.summary, ref: { runId: result.runId } };
}

function monitorItem(input: ChecklistInput): ChecklistItem {
  const monitors = input.monitors ?? [];
  const base = { key: "monitor", kind: "monitor" as const, label: REQUIRED_EVALUATION_LABELS.drift_monitor };
  if (monitors.length === 0) {
    const tier = input.tier ? `the ${input.tier} tier` : "the tier policy";
    return { ...base, status: "missing", detail: `No active monitor watches this version; ${tier} requires one.` };
  }
  return {
    ...base,
    status: "pass",
    detail: `${plural(monitors.length, "active monitor")}: ${monitors.map((m) => m.name).join(", ")}.`,
    ref: { monitorIds: monitors.map((m) => m.id) },
  };
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

function documentationItem(doc: NonNullable<ChecklistInput["documentation"]>): ChecklistItem {
  const base = { key: "documentation", kind: "documentation" as const, label: "Documentation complete" };
  const blank = (s: string) => s.trim() === "";
  const missing = [
    blank(doc.purpose) && "purpose",
    blank(doc.intendedUse) && "intended use",
    blank(doc.prohibitedUses) && "prohibited uses",
    doc.ownerCount === 0 && "owners",
    blank(doc.provider) && "version provider",
    blank(doc.artifactUri) && "version artifact",
  ].filter((x): x is string => typeof x === "string");
  if (missing.length === 0) {
    return { ...base, status: "pass", detail: "Purpose, intended use, prohibited uses, owners, provider and artifact are recorded." };
  }
  return { ...base, status: "missing", detail: `Not recorded: ${missing.join(", ")}.` };
}

function holdItem(holds: NonNullable<ChecklistInput["activeHolds"]>): ChecklistItem {
  const base = { key: "hold", kind: "hold" as const, label: "No active hold" };
  if (holds.length === 0) return { ...base, status: "pass", detail: "Nobody has placed a hold on this review." };
  const first = holds[0]!;
  const more = holds.length > 1 ? ` (${plural(holds.length, "hold")} in place)` : "";
  return {
    ...base,
    status: "fail",
    detail: `On hold for a ${first.concern} concern raised by ${first.placedByName} on ${day(first.placedAt)}: ${first.reason.trim().replace(/[.!?]+$/, "")}${more}. Only an approver can clear it.`,
    ref: { holdIds: holds.map((h) => h.id) },
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
