import { can, EXCEPTION_EXPIRING_DAYS } from "@assay/core";
import { listExceptions, type ExceptionFilter } from "@assay/services";
import Link from "next/link";
import { ExceptionTable } from "@/components/exceptions/exception-table";
import { EmptyState, PageHeader, cx } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Exceptions · Assay" };

const FILTERS: Array<{ value: ExceptionFilter; label: string; empty: string }> = [
  { value: "active", label: "Active", empty: "No exception is in force." },
  { value: "expiring", label: `Expiring within ${EXCEPTION_EXPIRING_DAYS} days`, empty: `No exception expires within ${EXCEPTION_EXPIRING_DAYS} days.` },
  { value: "expired", label: "Expired", empty: "No exception has expired." },
  { value: "revoked", label: "Revoked", empty: "No exception has been revoked." },
  { value: "all", label: "All", empty: "No exception has been granted yet." },
];

export default async function ExceptionsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { status } = await searchParams;
  const active = FILTERS.find((f) => f.value === status) ?? FILTERS[0]!;
  const ctx = await pageContext();
  const exceptions = await listExceptions(ctx, { status: active.value });

  return (
    <>
      <PageHeader
        title="Exceptions"
        description={
          <>
            Risk acceptances: a release gate waived for a system or one version, by an approver, until a date the tier caps. An exception past its date
            stops waiving at once and the gate fails again. Approvers grant them from a review&apos;s checklist.
          </>
        }
      />
      <nav aria-label="Filter by state" className="mb-4 flex flex-wrap gap-1 text-sm">
        {FILTERS.map((f) => (
          <Link key={f.value} href={`/exceptions?status=${f.value}`} aria-current={f === active ? "page" : undefined}
            className={cx("rounded-md px-2.5 py-1", f === active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100")}>
            {f.label}
          </Link>
        ))}
      </nav>
      {exceptions.length === 0 ? (
        <EmptyState title={active.empty} />
      ) : (
        <ExceptionTable exceptions={exceptions} caption={`Exceptions: ${active.label.toLowerCase()}`} canRevoke={can(ctx.roles, "exception.approve")} />
      )}
    </>
  );
}
