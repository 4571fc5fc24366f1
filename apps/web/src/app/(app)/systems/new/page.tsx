import { can } from "@assay/core";
import { listMembers } from "@assay/services";
import { SystemForm } from "@/components/registry/system-form";
import { ButtonLink, Card, EmptyState, PageHeader } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Register a system · Assay" };

export default async function NewSystemPage() {
  const ctx = await pageContext();
  const breadcrumbs = [{ href: "/systems", label: "Systems" }];
  if (!can(ctx.roles, "system.write")) {
    return (
      <>
        <PageHeader title="Register a system" breadcrumbs={breadcrumbs} />
        <EmptyState title="Your role cannot register systems">
          <p>Scientists register AI systems. <ButtonLink variant="ghost" href="/systems">Back to systems</ButtonLink></p>
        </EmptyState>
      </>
    );
  }
  const members = await listMembers(ctx);
  return (
    <>
      <PageHeader
        title="Register a system"
        description="Describe the AI system and who is accountable for it. Model versions, data and plans come next. After registering, complete the intake questionnaire on the system's page: it proposes the risk tier from the system's impact, autonomy, users, domain and data, so the tier chosen here is provisional."
        breadcrumbs={breadcrumbs}
      />
      <Card className="max-w-3xl">
        <SystemForm
          mode="create"
          members={members.map((m) => ({ userId: m.userId, name: m.name, email: m.email }))}
          initial={{ name: "", purpose: "", intendedUse: "", prohibitedUses: "", ownerIds: [ctx.userId], riskTier: "medium", lifecycleStage: "prototype" }}
        />
      </Card>
    </>
  );
}
