import { can, ROLE_LABELS, ROLES, type Role } from "@assay/core";
import { getReview, listMembers, ServiceError } from "@assay/services";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DownloadPackButton } from "@/components/evidence/download-pack-button";
import { TierBadge } from "@/components/registry/tier-badge";
import { ReviewStateBadge } from "@/components/reviews/badges";
import { BlockerList } from "@/components/reviews/blockers-panel";
import { ChecklistTable } from "@/components/reviews/checklist-table";
import { DecisionForm } from "@/components/reviews/decision-form";
import { DecisionRecord } from "@/components/reviews/decision-record";
import { SignOffPanel } from "@/components/reviews/signoff-panel";
import { Card, DefinitionList, PageHeader, formatDate } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Release review · Assay" };

export default async function ReviewPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params;
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
  const { checklist } = review;
  const risks = review.openRisks;

  return (
    <>
      <PageHeader
        title={review.title}
        description={<>Release review of <Link className="text-brand-700 hover:underline" href={`/versions/${review.version.id}`}>{review.system.name} {review.version.label}</Link>, owned by {review.owner.name}.</>}
        breadcrumbs={[{ href: "/reviews", label: "Reviews" }, { href: reviewHref, label: review.title }]}
        actions={<DownloadPackButton reviewId={review.id} />}
      />

      <div className="space-y-6">
        <section aria-label="State" className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
          <ReviewStateBadge status={review.status} outcome={review.decision?.outcome ?? null} />
          <TierBadge tier={review.system.riskTier} />
          <span>Opened {formatDate(review.createdAt)}</span>
          <span>{review.plan ? `Plan version ${review.plan.version}` : "No evaluation plan"}</span>
          <span title="SHA-256 of the evidence snapshot that sign-offs bind to">
            Evidence <span className="font-mono text-xs">{review.evidenceHash.slice(0, 12)}</span>
          </span>
        </section>

        <Card title="What blocks this release">
          {checklist.blockers.length === 0 ? (
            <p className="text-sm text-emerald-800">
              Nothing. Every check passes on the current plan, no high or critical risk is open, and every required role has signed the current evidence.
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
            <p className="text-sm text-slate-600">Computed from the current plan, the latest runs on it, the open risks and the sign-offs; nobody ticks it by hand.</p>
            <ChecklistTable checklist={checklist} versionId={review.version.id} reviewHref={reviewHref} risks={risks} />
          </div>
        </Card>

        <div id="signoffs" className="scroll-mt-16">
          <Card title="Sign-offs">
            <div className="space-y-3">
              <p className="text-sm text-slate-600">
                Each sign-off is bound to the evidence at the moment of signing. When a run or a risk changes the evidence, the sign-off shows as stale and must be given again.
              </p>
              <SignOffPanel review={review} holders={holders} signableRoles={signableRoles} />
            </div>
          </Card>
        </div>

        <Card title="Decision">
          {review.decision ? (
            <DecisionRecord decision={review.decision} />
          ) : canDecide ? (
            <DecisionForm reviewId={review.id} cleared={checklist.cleared} />
          ) : (
            <DefinitionList
              items={[
                { term: "Status", value: "Awaiting the owner's decision" },
                { term: "Decides", value: `${review.owner.name} (the review's owner)` },
              ]}
            />
          )}
        </Card>
      </div>
    </>
  );
}
