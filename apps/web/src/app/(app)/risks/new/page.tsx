import { can } from "@assay/core";
import { listMembers, listModelVersions, listSystems } from "@assay/services";
import { NewRiskForm } from "@/components/risks/new-risk-form";
import { ButtonLink, Card, EmptyState, PageHeader } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Raise a risk · Assay" };

export default async function NewRiskPage({ searchParams }: { searchParams: Promise<{ systemId?: string; versionId?: string }> }) {
  const params = await searchParams;
  const ctx = await pageContext();
  const breadcrumbs = [{ href: "/risks", label: "Risks" }];
  if (!can(ctx.roles, "risk.write")) {
    return (
      <>
        <PageHeader title="Raise a risk" breadcrumbs={breadcrumbs} />
        <EmptyState title="Your role cannot raise risks">
          <p>Scientists and product owners raise risks. <ButtonLink variant="ghost" href="/risks">Back to the register</ButtonLink></p>
        </EmptyState>
      </>
    );
  }
  const [systems, members] = await Promise.all([listSystems(ctx), listMembers(ctx)]);
  const withVersions = await Promise.all(
    systems.map(async (s) => ({ id: s.id, name: s.name, versions: (await listModelVersions(ctx, s.id)).map((v) => ({ id: v.id, label: v.label })) })),
  );
  // Coming from a version's page, the version implies its system.
  const fromVersion = params.versionId ? withVersions.find((s) => s.versions.some((v) => v.id === params.versionId)) : undefined;
  const initialSystemId = fromVersion?.id ?? (withVersions.some((s) => s.id === params.systemId) ? params.systemId! : "");
  const initialVersionId = fromVersion ? params.versionId! : "";

  return (
    <>
      <PageHeader
        title="Raise a risk"
        description="Record a risk against a system, or one of its model versions. Severity follows from likelihood and impact."
        breadcrumbs={breadcrumbs}
      />
      {withVersions.length === 0 ? (
        <EmptyState title="No systems registered yet">Risks belong to an AI system; register one first.</EmptyState>
      ) : (
        <Card className="max-w-3xl">
          <NewRiskForm
            systems={withVersions}
            members={members.map((m) => ({ userId: m.userId, name: m.name }))}
            currentUserId={ctx.userId}
            initialSystemId={initialSystemId}
            initialVersionId={initialVersionId}
          />
        </Card>
      )}
    </>
  );
}
