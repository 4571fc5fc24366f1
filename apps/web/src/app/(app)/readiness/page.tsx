import { ROLE_LABELS } from "@assay/core";
import { getReadiness } from "@assay/services";
import Link from "next/link";
import { TierBadge } from "@/components/registry/tier-badge";
import { BlockerList } from "@/components/reviews/blockers-panel";
import { Badge, Card, EmptyState, PageHeader, formatDay } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Release readiness · Assay" };

export default async function ReadinessPage() {
  const ctx = await pageContext();
  const { summary, reviews } = await getReadiness(ctx);

  return (
    <>
      <PageHeader
        title="Release readiness"
        description="What blocks each open release review, and who still has to sign. Most blocked first."
      />
      {reviews.length === 0 ? (
        <EmptyState title="No open release reviews">
          A product owner opens a review from a model version&apos;s page. <Link href="/reviews" className="text-brand-700 hover:underline">See all reviews</Link>.
        </EmptyState>
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">
            {summary.openReviews} open {summary.openReviews === 1 ? "review" : "reviews"}: {summary.blocked} blocked, {summary.cleared} ready for a decision;
            {" "}{summary.awaitingSignoffs} {summary.awaitingSignoffs === 1 ? "sign-off" : "sign-offs"} outstanding.
          </p>
          <ol className="space-y-4">
            {reviews.map((r) => (
              <li key={r.reviewId}>
                <Card
                  title={<Link href={`/reviews/${r.reviewId}`} className="text-brand-700 hover:underline">{r.title}</Link>}
                  actions={r.cleared ? <Badge tone="good">Ready for a decision</Badge> : <Badge tone="bad">{r.blockerCount} {r.blockerCount === 1 ? "blocker" : "blockers"}</Badge>}
                >
                  <div className="space-y-4">
                    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
                      <span>
                        <Link href={`/systems/${r.system.id}`} className="text-brand-700 hover:underline">{r.system.name}</Link>
                        {" · "}
                        <Link href={`/versions/${r.version.id}`} className="text-brand-700 hover:underline">{r.version.label}</Link>
                      </span>
                      <TierBadge tier={r.system.riskTier} />
                      <span>Owner: {r.owner.name}</span>
                      <span>Open for {r.ageDays} {r.ageDays === 1 ? "day" : "days"} (since {formatDay(r.createdAt)})</span>
                    </p>
                    {r.blockers.length > 0 && (
                      <BlockerList blockers={r.blockers} versionId={r.version.id} reviewHref={`/reviews/${r.reviewId}`} risks={r.openRisks} />
                    )}
                    {r.awaitingSignoff.length > 0 && (
                      <div>
                        <h3 className="text-sm font-semibold text-slate-800">Still to sign</h3>
                        <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
                          {r.awaitingSignoff.map((a) => (
                            <li key={a.role}>
                              <span className="font-medium">{ROLE_LABELS[a.role]}</span>:{" "}
                              {a.holders.length > 0 ? a.holders.map((h) => h.name).join(", ") : "no member holds this role yet"}
                            </li>
                          ))}
                        </ul>
                      </div>
                    )}
                    {r.cleared && <p className="text-sm text-emerald-800">Every item passes; {r.owner.name} can record the decision.</p>}
                  </div>
                </Card>
              </li>
            ))}
          </ol>
        </div>
      )}
    </>
  );
}
