import Link from "next/link";
import { compareHref } from "./compare-data";

/**
 * Opens the comparison page with this run as the baseline; the page then
 * offers the system's other succeeded runs as candidates. Server- and
 * client-safe, so it can sit in the (client) runs table.
 */
export function CompareRunsLink({ runId, className }: { runId: string; className?: string }) {
  return (
    <Link href={compareHref({ baseline: runId })} className={className ?? "font-medium text-brand-700 hover:underline"}>
      Compare<span className="sr-only"> this run with another run of the same system</span>
    </Link>
  );
}
