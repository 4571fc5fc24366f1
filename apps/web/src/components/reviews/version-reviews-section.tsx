import { can, ROLE_LABELS } from "@assay/core";
import { getModelVersion, listReviews, listTierPolicies } from "@assay/services";
import Link from "next/link";
import { Card, EmptyState } from "@/components/ui";
import { pageContext } from "@/lib/context";
import { OpenReviewForm } from "./open-review-form";
import { ReviewTable } from "./review-table";

/** Release reviews of a model version, and the form a product owner opens one with. */
export async function VersionReviewsSection({ versionId }: { versionId: string }) {
  const ctx = await pageContext();
  const [version, reviews, policies] = await Promise.all([getModelVersion(ctx, versionId), listReviews(ctx, { versionId }), listTierPolicies(ctx)]);
  const openReview = reviews.find((r) => r.status === "open");
  const canOpen = can(ctx.roles, "review.create");
  // The organisation's policy for the tier, as openReview will apply it.
  const policy = policies.find((p) => p.tier === version.system.riskTier);
  const roles = (policy?.requiredSignoffRoles ?? []).map((r) => ROLE_LABELS[r]).join(", ");

  return (
    <Card title="Release reviews">
      <div className="space-y-4">
        {reviews.length === 0 ? (
          <EmptyState title="No release review yet">
            A product owner opens a review when this version is a release candidate. Its checklist is computed from the plan, the runs, the risks and the sign-offs.
          </EmptyState>
        ) : (
          <ReviewTable reviews={reviews} caption="Release reviews of this version" showVersion={false} />
        )}
        {canOpen && !openReview && (
          <div className="space-y-2 border-t border-slate-100 pt-4">
            <p className="text-sm text-slate-600">
              You will own the review and record its decision. For a {version.system.riskTier}-tier system it needs sign-offs from: {roles}
              {policy && <>, and is due within {policy.reviewSlaBusinessDays} business days</>}.
            </p>
            <OpenReviewForm versionId={versionId} defaultTitle={`Release of ${version.system.name} ${version.label}`} />
          </div>
        )}
        {openReview && (
          <p className="text-sm text-slate-600">
            <Link href={`/reviews/${openReview.id}`} className="font-medium text-brand-700 hover:underline">{openReview.title}</Link> is open;
            a new review can be opened once it is decided.
          </p>
        )}
      </div>
    </Card>
  );
}
