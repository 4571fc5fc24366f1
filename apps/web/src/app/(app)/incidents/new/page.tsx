import { can } from "@assay/core";
import { getIncidentLevelDefinitions, listMembers, listModelVersions, listSystems } from "@assay/services";
import Link from "next/link";
import { OpenIncidentForm } from "@/components/incidents/open-incident-form";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Open an incident · Assay" };

export default async function NewIncidentPage({ searchParams }: { searchParams: Promise<{ systemId?: string }> }) {
  const { systemId } = await searchParams;
  const ctx = await pageContext();
  const canWrite = can(ctx.roles, "incident.write");
  const header = (
    <PageHeader
      title="Open an incident"
      description="For something a user reported, the red team found or internal testing caught. Incidents from monitoring alerts are opened on the alert's page."
      breadcrumbs={[{ href: "/monitors", label: "Monitoring" }, { href: "/incidents", label: "Incidents" }, { href: "/incidents/new", label: "Open" }]}
    />
  );
  if (!canWrite) {
    return (
      <>
        {header}
        <EmptyState title="Your role cannot open incidents">Scientists, product owners and approvers open incidents; you can read them on the <Link className="text-brand-700 hover:underline" href="/incidents">incidents page</Link>.</EmptyState>
      </>
    );
  }
  const [systems, members, levels] = await Promise.all([listSystems(ctx), listMembers(ctx), getIncidentLevelDefinitions(ctx)]);
  const versions = await Promise.all(systems.map((s) => listModelVersions(ctx, s.id)));
  return (
    <>
      {header}
      {systems.length === 0 ? (
        <EmptyState title="No systems yet">An incident needs an affected system; <Link className="text-brand-700 hover:underline" href="/systems/new">register one</Link> first.</EmptyState>
      ) : (
        <Card className="max-w-3xl">
          <OpenIncidentForm
            systems={systems.map((s, i) => ({ id: s.id, name: s.name, versions: versions[i]!.map((v) => ({ id: v.id, label: v.label })) }))}
            members={members.map((m) => ({ userId: m.userId, name: m.name }))}
            definitions={levels.definitions}
            currentUserId={ctx.userId}
            initialSystemId={systemId}
          />
        </Card>
      )}
    </>
  );
}
