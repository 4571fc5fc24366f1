import type { Checklist } from "@assay/core";
import { Table, Td, Th } from "@/components/ui";
import { ChecklistStatusBadge } from "./badges";
import { ChecklistItemLinks, type RiskRef } from "./checklist-links";

export function ChecklistTable({ checklist, versionId, reviewHref, risks }: {
  checklist: Checklist;
  versionId: string;
  reviewHref: string;
  risks: RiskRef[];
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
            <Td><ChecklistStatusBadge status={item.status} /></Td>
            <Td className="text-slate-700">{item.detail}</Td>
            <Td><ChecklistItemLinks item={item} versionId={versionId} reviewHref={reviewHref} risks={risks} /></Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
