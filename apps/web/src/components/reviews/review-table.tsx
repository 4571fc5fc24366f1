import { ROLE_LABELS } from "@assay/core";
import type { ReviewSummary } from "@assay/services";
import Link from "next/link";
import { TierBadge } from "@/components/registry/tier-badge";
import { Table, Td, Th, formatDay } from "@/components/ui";
import { ReviewStateBadge } from "./badges";
import { HoldBadge, SlaBadge } from "./sla-badge";

export function ReviewTable({ reviews, caption, showVersion = true }: { reviews: ReviewSummary[]; caption: string; showVersion?: boolean }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Review</Th>
          <Th>State</Th>
          <Th>SLA</Th>
          {showVersion && <Th>System · version</Th>}
          <Th>Owner</Th>
          <Th>Required sign-offs</Th>
          <Th>Opened</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {reviews.map((r) => (
          <tr key={r.id}>
            <Td><Link href={`/reviews/${r.id}`} className="font-medium text-brand-700 hover:underline">{r.title}</Link></Td>
            <Td className="whitespace-nowrap">
              <span className="flex flex-wrap gap-1"><ReviewStateBadge status={r.status} outcome={r.decision?.outcome ?? null} /><HoldBadge count={r.activeHolds} /></span>
            </Td>
            <Td className="whitespace-nowrap">{r.sla ? <SlaBadge sla={r.sla} /> : <span className="text-slate-400">—</span>}</Td>
            {showVersion && (
              <Td>
                <Link href={`/systems/${r.system.id}`} className="text-brand-700 hover:underline">{r.system.name}</Link>
                {" · "}
                <Link href={`/versions/${r.version.id}`} className="text-brand-700 hover:underline">{r.version.label}</Link>
                <span className="ml-2"><TierBadge tier={r.system.riskTier} /></span>
              </Td>
            )}
            <Td>{r.owner.name}</Td>
            <Td>{r.requiredSignoffRoles.map((role) => ROLE_LABELS[role]).join(", ")}</Td>
            <Td className="whitespace-nowrap">{formatDay(r.createdAt)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
