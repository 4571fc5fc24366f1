import { listReviews } from "@assay/services";
import Link from "next/link";
import { ReviewTable } from "@/components/reviews/review-table";
import { EmptyState, PageHeader, cx } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Release reviews · Assay" };

const FILTERS = [
  { value: "", label: "All" },
  { value: "open", label: "Open" },
  { value: "decided", label: "Decided" },
] as const;

export default async function ReviewsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { status } = await searchParams;
  const active = FILTERS.find((f) => f.value === (status ?? "")) ?? FILTERS[0];
  const ctx = await pageContext();
  const reviews = await listReviews(ctx, active.value ? { status: active.value } : {});

  return (
    <>
      <PageHeader
        title="Release reviews"
        description="Every release review of the organisation. A product owner opens one from a model version's page."
      />
      <nav aria-label="Filter by state" className="mb-4 flex gap-1 text-sm">
        {FILTERS.map((f) => (
          <Link key={f.value} href={f.value ? `/reviews?status=${f.value}` : "/reviews"} aria-current={f === active ? "page" : undefined}
            className={cx("rounded-md px-2.5 py-1", f === active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100")}>
            {f.label}
          </Link>
        ))}
      </nav>
      {reviews.length === 0 ? (
        <EmptyState title={active.value ? `No ${active.label.toLowerCase()} reviews` : "No release reviews yet"}>
          Open a review from a model version&apos;s page when it is a release candidate.
        </EmptyState>
      ) : (
        <ReviewTable reviews={reviews} caption="Release reviews" />
      )}
    </>
  );
}
