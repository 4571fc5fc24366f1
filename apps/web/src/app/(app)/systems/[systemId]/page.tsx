import { can } from "@assay/core";
import { getIntake, getSystem, listMembers, ServiceError } from "@assay/services";
import Link from "next/link";
import { notFound } from "next/navigation";
import { IntakeStatusCard } from "@/components/governance/intake-status-card";
import { LIFECYCLE_LABELS, MODEL_TYPE_LABELS } from "@/components/registry/labels";
import { SystemRecordEditor } from "@/components/registry/system-record-editor";
import { TierBadge } from "@/components/registry/tier-badge";
import { VersionForm } from "@/components/registry/version-form";
import { Badge, Card, DefinitionList, EmptyState, PageHeader, Table, Td, Th, formatDate } from "@/components/ui";
import { pageContext } from "@/lib/context";

export default async function SystemPage({ params }: { params: Promise<{ systemId: string }> }) {
  const { systemId } = await params;
  const ctx = await pageContext();
  const system = await getSystem(ctx, systemId).catch((error: unknown) => {
    // Another organisation's system reads as absent, like a wrong id.
    if (error instanceof ServiceError && error.status === 404) notFound();
    throw error;
  });
  const canEdit = can(ctx.roles, "system.write");
  const canAddVersion = can(ctx.roles, "version.write");
  const members = canEdit ? await listMembers(ctx) : [];
  const intake = await getIntake(ctx, system.id);

  return (
    <>
      <PageHeader
        title={system.name}
        description={system.purpose}
        breadcrumbs={[{ href: "/systems", label: "Systems" }, { href: `/systems/${system.id}`, label: system.name }]}
        actions={<><TierBadge tier={system.riskTier} /><Badge>{LIFECYCLE_LABELS[system.lifecycleStage]}</Badge></>}
      />
      <div className="space-y-6">
        <IntakeStatusCard
          systemId={system.id}
          systemTier={system.riskTier}
          tierDiverged={intake.tierDiverged}
          canEdit={canEdit}
          status={intake.intake && { ...intake.intake, proposedTier: intake.intake.proposal.tier }}
        />
        <Card title="System record">
          <DefinitionList
            items={[
              { term: "Purpose", value: system.purpose },
              { term: "Intended use", value: system.intendedUse },
              { term: "Prohibited uses", value: system.prohibitedUses },
              { term: "Owners", value: system.owners.map((o) => o.name).join(", ") },
              { term: "Risk tier", value: <TierBadge tier={system.riskTier} /> },
              { term: "Lifecycle stage", value: LIFECYCLE_LABELS[system.lifecycleStage] },
              { term: "Registered", value: `${formatDate(system.createdAt)} by ${system.createdBy.name}` },
              { term: "Last changed", value: formatDate(system.updatedAt) },
            ]}
          />
          {canEdit && (
            <div className="mt-4">
              <SystemRecordEditor
                systemId={system.id}
                members={members.map((m) => ({ userId: m.userId, name: m.name, email: m.email }))}
                initial={{
                  name: system.name,
                  purpose: system.purpose,
                  intendedUse: system.intendedUse,
                  prohibitedUses: system.prohibitedUses,
                  ownerIds: system.ownerIds,
                  riskTier: system.riskTier,
                  lifecycleStage: system.lifecycleStage,
                }}
              />
            </div>
          )}
        </Card>

        <Card title="Model versions">
          {system.versions.length === 0 ? (
            <EmptyState title="No model versions yet">
              {canAddVersion ? "Add the first version below; you can then upload its predictions and write its evaluation plan." : "A scientist adds model versions."}
            </EmptyState>
          ) : (
            <Table caption={`Model versions of ${system.name}`}>
              <thead>
                <tr>
                  <Th>Version</Th>
                  <Th>Type</Th>
                  <Th>Provider</Th>
                  <Th>Commit</Th>
                  <Th>Added</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {system.versions.map((v) => (
                  <tr key={v.id}>
                    <Td><Link href={`/versions/${v.id}`} className="font-medium text-brand-700 hover:underline">{v.label}</Link></Td>
                    <Td>{MODEL_TYPE_LABELS[v.modelType]}</Td>
                    <Td>{v.provider}</Td>
                    <Td className="font-mono text-xs">{v.commitSha ? v.commitSha.slice(0, 12) : "—"}</Td>
                    <Td className="whitespace-nowrap">{formatDate(v.createdAt)} · {v.createdBy.name}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          {canAddVersion && (
            <div className="mt-6 border-t border-slate-100 pt-4">
              <h3 className="mb-3 text-sm font-semibold text-slate-800">Add model version</h3>
              <VersionForm systemId={system.id} />
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
