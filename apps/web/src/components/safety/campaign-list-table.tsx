import type { listCampaigns } from "@assay/services";
import Link from "next/link";
import { Badge, Table, Td, Th, formatDate } from "@/components/ui";
import { CAMPAIGN_STATUS_LABELS, CAMPAIGN_STATUS_TONES, campaignHref, formatPercent } from "./campaign-data";

export type CampaignSummary = Awaited<ReturnType<typeof listCampaigns>>[number];

/** Red-team campaigns with how many attempts bypassed the controls; the system and version columns only across versions. */
export function CampaignListTable({ campaigns, showVersion = true, caption }: { campaigns: CampaignSummary[]; showVersion?: boolean; caption: string }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Campaign</Th>
          {showVersion && <Th>System</Th>}
          {showVersion && <Th>Version</Th>}
          <Th>Status</Th>
          <Th className="text-right">Attempts</Th>
          <Th className="text-right">Successes</Th>
          <Th>Started</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {campaigns.map((c) => (
          <tr key={c.id}>
            <th scope="row" className="px-3 py-2 text-left align-top font-medium">
              <Link href={campaignHref(c.id)} className="text-brand-700 hover:underline">{c.name}</Link>
            </th>
            {showVersion && (
              <Td><Link href={`/systems/${c.system.id}`} className="hover:underline">{c.system.name}</Link></Td>
            )}
            {showVersion && (
              <Td><Link href={`/versions/${c.modelVersion.id}#safety`} className="hover:underline">{c.modelVersion.label}</Link></Td>
            )}
            <Td><Badge tone={CAMPAIGN_STATUS_TONES[c.status] ?? "neutral"}>{CAMPAIGN_STATUS_LABELS[c.status] ?? c.status}</Badge></Td>
            <Td className="text-right tabular-nums">{c.attempts.toLocaleString("en-US")}</Td>
            <Td className="whitespace-nowrap text-right tabular-nums">
              <span className={c.succeeded > 0 ? "font-medium text-red-800" : undefined}>{c.succeeded.toLocaleString("en-US")}</span>
              {c.attempts > 0 && <span className="block text-xs text-slate-500">{formatPercent(c.succeeded / c.attempts)} bypassed</span>}
            </Td>
            <Td className="whitespace-nowrap">{formatDate(c.createdAt)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
