import { can } from "@assay/core";
import { listSystems } from "@assay/services";
import Link from "next/link";
import { LIFECYCLE_LABELS } from "@/components/registry/labels";
import { TierBadge } from "@/components/registry/tier-badge";
import { ButtonLink, EmptyState, PageHeader, Table, Td, Th, formatDay } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "AI systems · Assay" };

export default async function SystemsPage() {
  const ctx = await pageContext();
  const systems = await listSystems(ctx);
  const canRegister = can(ctx.roles, "system.write");

  return (
    <>
      <PageHeader
        title="AI systems"
        description="The registry: every AI system of the organisation, its risk tier, lifecycle stage and model versions."
        actions={canRegister ? <ButtonLink href="/systems/new">Register system</ButtonLink> : undefined}
      />
      {systems.length === 0 ? (
        <EmptyState title="No AI systems registered yet">
          {canRegister ? "Register the first system to start evaluating its model versions." : "A scientist registers systems; they will appear here."}
        </EmptyState>
      ) : (
        <Table caption="AI systems">
          <thead>
            <tr>
              <Th>System</Th>
              <Th>Risk tier</Th>
              <Th>Lifecycle</Th>
              <Th className="text-right">Versions</Th>
              <Th>Latest version</Th>
              <Th>Owners</Th>
              <Th>Updated</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {systems.map((s) => (
              <tr key={s.id}>
                <Td>
                  <Link href={`/systems/${s.id}`} className="font-medium text-brand-700 hover:underline">{s.name}</Link>
                  <p className="mt-0.5 line-clamp-2 max-w-md text-xs text-slate-600">{s.purpose}</p>
                </Td>
                <Td><TierBadge tier={s.riskTier} /></Td>
                <Td>{LIFECYCLE_LABELS[s.lifecycleStage]}</Td>
                <Td className="text-right tabular-nums">{s.versionCount}</Td>
                <Td>
                  {s.latestVersion ? (
                    <Link href={`/versions/${s.latestVersion.id}`} className="text-brand-700 hover:underline">{s.latestVersion.label}</Link>
                  ) : (
                    <span className="text-slate-500">None yet</span>
                  )}
                </Td>
                <Td>{s.owners.map((o) => o.name).join(", ")}</Td>
                <Td className="whitespace-nowrap">{formatDay(s.updatedAt)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
