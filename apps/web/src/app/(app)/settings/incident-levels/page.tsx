import { can } from "@assay/core";
import { getIncidentLevelDefinitions } from "@assay/services";
import { LevelDefinitionsEditor } from "@/components/incidents/level-definitions-editor";
import { Card, PageHeader, formatDate } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Incident levels · Assay" };

export default async function IncidentLevelsPage() {
  const ctx = await pageContext();
  const canManage = can(ctx.roles, "org.manage");
  const view = await getIncidentLevelDefinitions(ctx);
  return (
    <>
      <PageHeader
        title="Incident levels"
        description={
          <>
            What Sev-1 to Sev-4 and a near miss mean in this organisation. They are shown next to the level wherever an incident is opened or changed, and on the incident&apos;s page.{" "}
            {canManage ? "As an admin you can reword them; every save is recorded in the audit trail." : "Only admins reword them; every change is recorded in the audit trail."}
          </>
        }
        breadcrumbs={[{ href: "/incidents", label: "Incidents" }, { href: "/settings/incident-levels", label: "Incident levels" }]}
      />
      <Card title="Definitions" className="max-w-3xl">
        <LevelDefinitionsEditor initial={view.definitions} defaults={view.defaults} editable={canManage} />
        <p className="mt-4 text-xs text-slate-500">
          {view.customised && view.updatedBy ? `Last changed ${formatDate(view.updatedAt)} by ${view.updatedBy.name}.` : "These are Assay's default definitions."}
        </p>
      </Card>
    </>
  );
}
