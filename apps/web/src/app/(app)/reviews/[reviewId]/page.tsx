import { can, decisionDissent, ROLE_LABELS, ROLES, type Role } from "@assay/core";
import { getReview, listMembers, ServiceError } from "@assay/services";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DownloadPackButton } from "@/components/evidence/download-pack-button";
import { EXCEPTION_STATE_LABELS, EXCEPTION_STATE_TONES } from "@/components/exceptions/labels";
import { GrantExceptionForm } from "@/components/exceptions/grant-exception-form";
import { TierBadge } from "@/components/registry/tier-badge";
import { ReviewStateBadge } from "@/components/reviews/badges";
import { BlockerList } from "@/components/reviews/blockers-panel";
import { ChecklistTable } from "@/components/reviews/checklist-table";
import { DecisionForm } from "@/components/reviews/decision-form";
import { DecisionRecord } from "@/components/reviews/decision-record";
import { HoldsPanel } from "@/components/reviews/holds-panel";
import { MemoLinks } from "@/components/reviews/memo-links";
import { RecommendationForm } from "@/components/reviews/recommendation-form";
import { RecommendationPanel } from "@/components/reviews/recommendation-panel";
import { HoldBadge, SlaBadge } from "@/components/reviews/sla-badge";
import { SignOffPanel } from "@/components/reviews/signoff-panel";
import { Badge, Card, DefinitionList, PageHeader, formatDate, formatDay } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Release review · Assay" };

const DAY_MS = 24 * 60 * 60 * 1000;
const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export default async function ReviewPage({ params, searchParams }: { params: Promise<{ reviewId: string }>; searchParams: Promise<{ gate?: string }> }) {
  const { reviewId } = await params;
  const { gate } = await searchParams;
  const ctx = await pageContext();
  const [review, members] = await Promise.all([
    getReview(ctx, reviewId).catch((error: unknown) => {
      // Another organisation's review reads as absent, like a wrong id.
      if (error instanceof ServiceError && error.status === 404) notFound();
      throw error;
    }),
    listMembers(ctx),
  ]);

  const reviewHref = `/reviews/${review.id}`;
  const isOpen = review.status === "open";
  const holders = Object.fromEntries(ROLES.map((role) => [role, members.filter((m) => m.roles.includes(role)).map((m) => m.name)])) as Record<Role, string[]>;
  const signableRoles = isOpen && can(ctx.roles, "review.signoff") ? review.requiredSignoffRoles.filter((r) => ctx.roles.includes(r)) : [];
  const canDecide = isOpen && can(ctx.roles, "review.decide") && review.ownerId === ctx.userId;
  const canRecommend = isOpen && can(ctx.roles, "review.recommend");
  const canGrant = isOpen && can(ctx.roles, "exception.approve");
  const ranEvaluation = review.policy.approverNotEvaluator && review.evaluatorIds.includes(ctx.userId) && ctx.roles.includes("approver");
  const { checklist } = review;
  const risks = review.openRisks;

  // Calendar-day bounds for an exception's expiry: tomorrow, and today plus the tier's cap (midnight UTC stays within it).
  const now = Date.now();
  const maxDays = review.policy.maxExceptionDays;
  const minDate = dateOnly(now + DAY_MS);
  const maxDate = dateOnly(now + maxDays * DAY_MS);
  const defaultExpiry = dateOnly(now + Math.min(30, maxDays) * DAY_MS);
  const defaultReReview = dateOnly(Math.max(now + DAY_MS, now + (Math.min(30, maxDays) - 7) * DAY_MS));
  const requesters = members.filter((m) => m.roles.includes("scientist") || m.roles.includes("product_owner")).map((m) => ({ id: m.userId, name: m.name }));

  return (
    <>
      <PageHeader
        title={review.title}
        description={<>Release review of <Link className="text-brand-700 hover:underline" href={`/versions/${review.version.id}`}>{review.system.name} {review.version.label}</Link>, owned by {review.owner.name}.</>}
        breadcrumbs={[{ href: "/reviews", label: "Reviews" }, { href: reviewHref, label: review.title }]}
        actions={<><MemoLinks reviewId={review.id} /><DownloadPackButton reviewId={review.id} /></>}
      />

      <div className="space-y-6">
        <section aria-label="State" className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
          <ReviewStateBadge status={review.status} outcome={review.decision?.outcome ?? null} />
          <HoldBadge count={review.activeHolds} />
          <SlaBadge sla={review.sla} />
          <TierBadge tier={review.system.riskTier} />
          <span>Opened {formatDate(review.createdAt)}</span>
          <span title={`${review.slaBusinessDays} business days from the request, from the tier policy`}>Due {formatDay(review.dueAt)}</span>
          <span>{review.plan ? `Plan version ${review.plan.version}` : "No evaluation plan"}</span>
          <span title="SHA-256 of the evidence snapshot that sign-offs bind to">
            Evidence <span className="font-mono text-xs">{review.evidenceHash.slice(0, 12)}</span>
          </span>
        </section>

        <Card title="What blocks this release">
          {checklist.blockers.length === 0 ? (
            <p className="text-sm text-emerald-800">
              Nothing. Every item the {review.system.riskTier} tier requires passes
              {checklist.waived.length > 0 && <> or is waived by an exception ({checklist.waived.length} waived)</>}, no hold is in place, and every required role has signed the current evidence.
            </p>
          ) : (
            <div className="space-y-3">
              <p className="text-sm text-slate-700">
                {checklist.blockers.length === 1 ? "One item stands" : `${checklist.blockers.length} items stand`} between this version and a go decision.
                {checklist.awaitingSignoff.length > 0 && <> Still to sign: {checklist.awaitingSignoff.map((r) => ROLE_LABELS[r]).join(", ")}.</>}
              </p>
              <BlockerList blockers={checklist.blockers} versionId={review.version.id} reviewHref={reviewHref} risks={risks} />
            </div>
          )}
        </Card>

        <Card title="Checklist">
          <div className="space-y-2">
            <p className="text-sm text-slate-600">
              Derived from the {review.system.riskTier} tier&apos;s policy
              {review.policy.requiredEvaluations.length > 0 && <> (required: {review.policy.requiredEvaluations.map((e) => e.replace("_", " ")).join(", ")})</>}
              : the current plan, the latest runs on it, monitors, open risks, documentation, holds and sign-offs; nobody ticks it by hand.
              A gate an active exception covers shows as waived until the exception expires.
            </p>
            <ChecklistTable checklist={checklist} versionId={review.version.id} reviewHref={reviewHref} risks={risks}
              grantableKeys={canGrant ? review.waivableGates.map((g) => g.key) : []} />
          </div>
        </Card>

        <div id="holds" className="scroll-mt-16">
          <Card title="Holds">
            <HoldsPanel reviewId={review.id} holds={review.holds} canPlace={isOpen && can(ctx.roles, "review.hold")} canClear={can(ctx.roles, "review.clearHold")} />
          </Card>
        </div>

        <div id="exceptions" className="scroll-mt-16">
          <Card title="Exceptions" actions={<Link className="text-sm text-brand-700 hover:underline" href="/exceptions">Register</Link>}>
            <div className="space-y-4">
              {review.exceptions.length === 0 ? (
                <p className="text-sm text-slate-600">No exception applies to this version.</p>
              ) : (
                <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
                  {review.exceptions.map((e) => (
                    <li key={e.id} className="flex flex-wrap items-center gap-2 px-3 py-2">
                      <Badge tone={EXCEPTION_STATE_TONES[e.state]}>{EXCEPTION_STATE_LABELS[e.state]}</Badge>
                      <Link className="font-medium text-brand-700 hover:underline" href={`/exceptions?status=all#exception-${e.id}`}>{e.gateLabel}</Link>
                      <span className="text-slate-600">
                        {e.scope === "system" ? "all versions" : "this version"}; approved by {e.approver.name}; expires {formatDay(e.expiresAt)}; re-review {formatDay(e.reReviewAt)}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              {canGrant && (
                <div id="grant-exception" className="scroll-mt-16 space-y-2 border-t border-slate-100 pt-4">
                  <h3 className="text-sm font-semibold text-slate-900">Grant an exception</h3>
                  {ranEvaluation && (
                    <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                      You ran a run this review rests on; separation of duties stops you from waiving the gates that run decides.
                    </p>
                  )}
                  {/* Keyed on the gate: a checklist row's "Grant exception" link changes only the query, and the form must take its gate. */}
                  <GrantExceptionForm key={gate ?? ""} reviewId={review.id} gates={review.waivableGates} defaultGate={gate ?? null} minDate={minDate} maxDate={maxDate}
                    defaultExpiry={defaultExpiry} defaultReReview={defaultReReview} maxDays={maxDays} tier={review.system.riskTier} requesters={requesters} />
                </div>
              )}
            </div>
          </Card>
        </div>

        <div id="recommendation" className="scroll-mt-16">
          <Card title="Recommendation">
            <div className="space-y-4">
              <RecommendationPanel recommendations={review.recommendations} />
              {canRecommend && (
                <details className="text-sm" open={!review.recommendation}>
                  <summary className="cursor-pointer font-medium text-slate-700">{review.recommendation ? "Record a new recommendation" : "Record your recommendation"}</summary>
                  <div className="mt-3"><RecommendationForm reviewId={review.id} again={Boolean(review.recommendation)} /></div>
                </details>
              )}
            </div>
          </Card>
        </div>

        <div id="signoffs" className="scroll-mt-16">
          <Card title="Sign-offs">
            <div className="space-y-3">
              <p className="text-sm text-slate-600">
                Each sign-off is bound to the evidence at the moment of signing. When a run, a risk, a hold or an exception changes the evidence, the sign-off shows as stale and must be given again.
              </p>
              {ranEvaluation && signableRoles.includes("approver") && (
                <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  You ran a run whose results this review rests on, so the {review.system.riskTier} tier&apos;s separation of duties stops you from signing as the approver.
                </p>
              )}
              <SignOffPanel review={review} holders={holders} signableRoles={signableRoles} />
            </div>
          </Card>
        </div>

        <Card title="Decision">
          {review.decision ? (
            <DecisionRecord
              decision={review.decision}
              dissent={decisionDissent(
                review.recommendation ? { outcome: review.recommendation.outcome, by: review.recommendation.recommendedBy.name } : null,
                { outcome: review.decision.outcome, by: review.decision.decidedBy.name },
              )}
            />
          ) : canDecide ? (
            <DecisionForm
              reviewId={review.id}
              cleared={checklist.cleared}
              recommendation={review.recommendation ? { outcome: review.recommendation.outcome, by: review.recommendation.recommendedBy.name, stale: review.recommendation.stale } : null}
            />
          ) : (
            <DefinitionList
              items={[
                { term: "Status", value: review.recommendation ? "Awaiting the owner's decision" : "Awaiting a scientist's recommendation, then the owner's decision" },
                { term: "Decides", value: `${review.owner.name} (the review's owner)` },
              ]}
            />
          )}
        </Card>
      </div>
    </>
  );
}
