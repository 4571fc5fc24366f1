import type { Checklist } from "@assay/core";
import Link from "next/link";
import { Badge, Table, Td, Th } from "@/components/ui";
import { ChecklistStatusBadge } from "./badges";
import { ChecklistItemLinks, type RiskRef } from "./checklist-links";

export function ChecklistTable({ checklist, versionId, reviewHref, risks, grantableKeys = [] }: {
  checklist: Checklist;
  versionId: string;
  reviewHref: string;
  risks: RiskRef[];
  /** Items the current user (an approver) may grant an exception for; each gets a link to the prefilled form. */
  grantableKeys?: string[];
}) {
  return (
    <Table caption="Release checklist">
      <thead>
        <tr>
          <Th>Item</Th>
          <Th>Status</Th>
          <Th>Detail</Th>
          <Th>Evidence</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {checklist.items.map((item) => (
          <tr key={item.key}>
            <Td className="font-medium">{item.label}</Td>
            <Td className="whitespace-nowrap">
              <span className="flex flex-col items-start gap-1">
                <ChecklistStatusBadge status={item.status} />
                {item.ref?.exceptionExpired && <Badge tone="bad">Exception expired</Badge>}
              </span>
            </Td>
            <Td className="text-slate-700">{item.detail}</Td>
            <Td>
              <ChecklistItemLinks item={item} versionId={versionId} reviewHref={reviewHref} risks={risks} />
              {grantableKeys.includes(item.key) && (
                <Link className="text-brand-700 hover:underline" href={`${reviewHref}?gate=${encodeURIComponent(item.key)}#grant-exception`}>
                  {item.status === "waived" ? "Renew exception" : "Grant exception"}
                </Link>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
