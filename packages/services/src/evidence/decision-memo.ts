import { DECISION_LABELS, decisionDissent, exceptionLapsed, type Checklist, type ChecklistStatus, type Severity } from "@assay/core";
import { prisma, type AiSystem, type ReleaseDecisionOutcome, type RiskEntry, type Tx } from "@assay/db";
import { slugify } from "../accounts/users";
import { assertCan, type ServiceContext } from "../context";
import { notFound } from "../errors";
import { assessReview, type ReviewAssessment } from "../reviews/reviews";
import { blockWriter, code, strong, type Inline, type ReportDocument } from "./report-document";
import { renderReportMarkdown } from "./report-document";
import { renderReportPdf } from "./report-pdf";
import { runReportFormatSchema, type RunReport } from "./run-report";

/**
 * The decision memo: a one-page account of a release review for whoever was
 * not in the room: the scientist's recommendation, the product owner's
 * decision, the evidence (with every waived gate and its exception), what is
 * known and unknown, residual risks, conditions, dissent and holds. Built in
 * the shared report model, so its Markdown and PDF say the same thing; it
 * reads no clock except to tell whether an exception has expired, so the
 * evidence pack that holds it stays byte-identical when rebuilt.
 */
export type DecisionMemoInput = {
  review: { id: string; title: string; createdAt: Date; dueAt: Date | null; status: "open" | "decided"; owner: string };
  system: { name: string; riskTier: AiSystem["riskTier"] };
  version: { label: string };
  evidenceHash: string;
  checklist: Checklist;
  recommendation: {
    by: string;
    outcome: ReleaseDecisionOutcome;
    rationale: string;
    conditions: string;
    unknowns: string;
    createdAt: Date;
    /** Recorded on evidence that has since changed. */
    stale: boolean;
  } | null;
  /** Earlier recommendations, replaced by the latest. */
  earlierRecommendations: number;
  decision: { by: string; outcome: ReleaseDecisionOutcome; rationale: string; conditions: string; createdAt: Date; evidenceChanged: boolean } | null;
  exceptions: Array<{
    id: string;
    gateKey: string;
    gateLabel: string;
    scope: "version" | "system";
    approver: string;
    requestedBy: string;
    expiresAt: Date;
    reReviewAt: Date;
    /** In force, expired (past its date, whatever the job has marked) or revoked. */
    state: "in force" | "expired" | "revoked";
    compensatingControls: string;
    residualRisk: string;
  }>;
  /** Open, mitigating and accepted risks of the system or this version. */
  risks: Array<{ id: string; statement: string; status: RiskEntry["status"]; severity: Severity; residualSeverity: Severity | null }>;
  holds: Array<{ concern: string; reason: string; placedBy: string; placedAt: Date; clearedBy: string | null; clearedAt: Date | null; clearRationale: string | null }>;
};

const STATUS_WORDS: Record<ChecklistStatus, string> = { pass: "PASS", fail: "FAIL", missing: "MISSING", stale: "STALE", waived: "WAIVED" };
const day = (d: Date) => d.toISOString().slice(0, 10);
const orNone = (s: string, none = "None recorded.") => (s.trim() === "" ? none : s);

/** Everything the memo shows, read through `tx`; pass the review's assessment when the caller already has one. */
export async function loadDecisionMemoInput(tx: Tx, orgId: string, reviewId: string, assessment?: ReviewAssessment): Promise<DecisionMemoInput> {
  const { evidence, checklist } = assessment ?? (await assessReview(tx, reviewId));
  const { review, system, version } = evidence;
  const recommendations = await tx.reviewRecommendation.findMany({ where: { reviewId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const decision = await tx.releaseDecision.findUnique({ where: { reviewId } });
  const risks = await tx.riskEntry.findMany({
    where: { orgId, systemId: system.id, status: { in: ["open", "mitigating", "accepted"] }, OR: [{ modelVersionId: version.id }, { modelVersionId: null }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, statement: true, status: true, severity: true, residualSeverity: true },
  });
  const latest = recommendations.at(-1) ?? null;
  const ids = [
    review.ownerId,
    ...recommendations.map((r) => r.recommendedById),
    ...(decision ? [decision.decidedById] : []),
    ...evidence.exceptions.flatMap((e) => [e.approverId, e.createdById]),
    ...evidence.holds.flatMap((h) => [h.placedById, ...(h.clearedById ? [h.clearedById] : [])]),
  ];
  const users = await tx.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  const name = (id: string) => users.find((u) => u.id === id)?.name ?? "Unknown user";

  return {
    review: { id: review.id, title: review.title, createdAt: review.createdAt, dueAt: review.dueAt, status: review.status, owner: name(review.ownerId) },
    system: { name: system.name, riskTier: system.riskTier },
    version: { label: version.label },
    evidenceHash: evidence.hash,
    checklist,
    recommendation: latest
      ? {
          by: name(latest.recommendedById),
          outcome: latest.outcome,
          rationale: latest.rationale,
          conditions: latest.conditions,
          unknowns: latest.unknowns,
          createdAt: latest.createdAt,
          stale: latest.evidenceHash !== evidence.hash,
        }
      : null,
    earlierRecommendations: Math.max(0, recommendations.length - 1),
    decision: decision
      ? {
          by: name(decision.decidedById),
          outcome: decision.outcome,
          rationale: decision.rationale,
          conditions: decision.conditions,
          createdAt: decision.createdAt,
          evidenceChanged: decision.evidenceHash !== evidence.hash,
        }
      : null,
    exceptions: evidence.exceptions.map((e) => ({
      id: e.id,
      gateKey: e.gateKey,
      gateLabel: e.gateLabel,
      scope: e.modelVersionId ? "version" : "system",
      approver: name(e.approverId),
      requestedBy: name(e.createdById),
      expiresAt: e.expiresAt,
      reReviewAt: e.reReviewAt,
      state: e.status === "revoked" ? "revoked" : exceptionLapsed({ status: e.status, expiresAt: e.expiresAt.toISOString() }, evidence.judgedAt) ? "expired" : "in force",
      compensatingControls: e.compensatingControls,
      residualRisk: e.residualRisk,
    })),
    risks,
    holds: evidence.holds.map((h) => ({
      concern: h.concern,
      reason: h.reason,
      placedBy: name(h.placedById),
      placedAt: h.placedAt,
      clearedBy: h.clearedById ? name(h.clearedById) : null,
      clearedAt: h.clearedAt,
      clearRationale: h.clearRationale,
    })),
  };
}

export function buildDecisionMemo(input: DecisionMemoInput): ReportDocument {
  const w = blockWriter();
  const { recommendation: rec, decision, checklist } = input;

  w.heading(2, "Recommendation");
  if (!rec) w.paragraph("No recommendation has been recorded.");
  else {
    w.paragraph(
      `${rec.by} (scientist) recommended `,
      strong(DECISION_LABELS[rec.outcome]),
      ` on ${day(rec.createdAt)}.`,
      rec.stale ? " The evidence has changed since." : "",
      input.earlierRecommendations > 0 ? ` It replaces ${input.earlierRecommendations} earlier recommendation${input.earlierRecommendations === 1 ? "" : "s"}.` : "",
    );
    w.paragraph(rec.rationale);
  }

  w.heading(2, "Decision");
  if (!decision) w.paragraph(`Not decided yet. ${input.review.owner} (product owner) decides.`);
  else {
    w.paragraph(
      `${decision.by} (product owner) decided `,
      strong(DECISION_LABELS[decision.outcome]),
      ` on ${day(decision.createdAt)}.`,
      decision.evidenceChanged ? " The evidence has changed since." : "",
    );
    w.paragraph(decision.rationale);
  }

  w.heading(2, "Evidence");
  const waived = checklist.waived.length;
  w.paragraph(
    checklist.cleared
      ? `Every checklist item passes${waived > 0 ? ` or is waived (${waived} waived)` : ""}.`
      : `${checklist.blockers.length} of ${checklist.items.length} checklist items block a go decision${waived > 0 ? `; ${waived} waived` : ""}.`,
  );
  w.table(
    ["Item", "Status", "Detail"],
    checklist.items.map((i) => [[i.label], [i.status === "pass" ? STATUS_WORDS.pass : strong(STATUS_WORDS[i.status])], [i.detail]]),
  );
  if (input.exceptions.length > 0) {
    w.heading(3, "Exceptions");
    w.table(
      ["Gate", "Exception", "Approved by", "Expires", "Re-review", "State", "Residual risk"],
      input.exceptions.map((e) => [
        [e.gateLabel],
        [code(e.id), e.scope === "system" ? " (all versions)" : ""],
        [e.approver, e.requestedBy !== e.approver ? ` (asked by ${e.requestedBy})` : ""],
        [day(e.expiresAt)],
        [day(e.reReviewAt)],
        [e.state === "in force" ? "in force" : strong(e.state)],
        [e.residualRisk],
      ]),
    );
  }

  w.heading(2, "Known and unknown");
  const passing = checklist.items.filter((i) => i.status === "pass").length;
  w.list([
    [strong("Known: "), `${passing} of ${checklist.items.length} checklist items pass on evidence `, code(input.evidenceHash.slice(0, 12)), "."],
    [strong("Unknown: "), rec ? orNone(rec.unknowns) : "No recommendation yet."],
  ]);

  w.heading(2, "Residual risks");
  if (input.risks.length === 0) w.paragraph("No open, mitigating or accepted risk.");
  else
    w.table(
      ["Risk", "Status", "Inherent", "Residual"],
      input.risks.map((r) => [[r.statement], [r.status], [r.severity], [r.residualSeverity ?? "not assessed"]]),
    );

  w.heading(2, "Conditions");
  const conditions: Inline[][] = [];
  if (decision?.conditions.trim()) conditions.push([strong("Decision: "), decision.conditions]);
  if (rec?.conditions.trim()) conditions.push([strong("Recommended: "), rec.conditions]);
  if (conditions.length === 0) w.paragraph("None.");
  else w.list(conditions);

  w.heading(2, "Dissent");
  const dissent = decisionDissent(rec ? { outcome: rec.outcome, by: rec.by } : null, decision ? { outcome: decision.outcome, by: decision.by } : null);
  w.paragraph(dissent ?? (decision && rec ? "None: the decision follows the recommendation." : "None recorded."));

  w.heading(2, "Holds");
  if (input.holds.length === 0) w.paragraph("No hold was placed.");
  else
    w.list(
      input.holds.map((h): Inline[] => [
        strong(`${h.concern}: `),
        `${h.reason} (placed by ${h.placedBy} on ${day(h.placedAt)}). `,
        h.clearedAt ? `Cleared by ${h.clearedBy ?? "an approver"} on ${day(h.clearedAt)}: ${h.clearRationale ?? ""}` : strong("Still in place."),
      ]),
    );

  return {
    title: `Decision memo: ${input.system.name} ${input.version.label}`,
    facts: [
      { label: "Review", value: [input.review.title, " (", code(input.review.id), ")"] },
      { label: "Risk tier", value: [input.system.riskTier] },
      { label: "Owner", value: [input.review.owner] },
      { label: "Requested", value: [day(input.review.createdAt), input.review.dueAt ? `, due ${day(input.review.dueAt)}` : ""] },
      { label: "Evidence SHA-256", value: [code(input.evidenceHash)] },
    ],
    footer: `Decision memo · review ${input.review.id} · evidence ${input.evidenceHash.slice(0, 16)}`,
    metadata: {
      subject: `Decision memo of release review ${input.review.id}`,
      keywords: ["decision memo", input.review.id],
      creator: "Assay",
      date: input.decision?.createdAt ?? null,
    },
    blocks: w.blocks,
  };
}

const CONTENT_TYPES = { pdf: "application/pdf", md: "text/markdown; charset=utf-8" } as const;

export function decisionMemoFileName(system: { name: string }, version: { label: string }, reviewId: string, format: "md" | "pdf"): string {
  return `assay-decision-memo-${slugify(system.name)}-${slugify(version.label)}-${reviewId}.${format}`;
}

/** The decision memo of a review as Markdown or PDF; every member (auditors included) may read it. */
export async function getDecisionMemo(ctx: ServiceContext, reviewId: string, format: string): Promise<RunReport> {
  assertCan(ctx, "org.read");
  const kind = runReportFormatSchema.parse(format);
  const review = await prisma.releaseReview.findFirst({ where: { id: reviewId, orgId: ctx.orgId }, select: { id: true } });
  if (!review) throw notFound("Review");
  const input = await prisma.$transaction((tx) => loadDecisionMemoInput(tx, ctx.orgId, review.id), { isolationLevel: "RepeatableRead", timeout: 30_000 });
  const document = buildDecisionMemo(input);
  return {
    fileName: decisionMemoFileName(input.system, input.version, review.id, kind),
    contentType: CONTENT_TYPES[kind],
    body: kind === "pdf" ? await renderReportPdf(document) : renderReportMarkdown(document),
  };
}
