import { can } from "@assay/core";
import { getTaxonomy } from "@assay/services";
import { ImportSuiteWizard } from "@/components/safety/import-wizard";
import { ButtonLink, Card, EmptyState, PageHeader } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Import a suite · Assay" };

export default async function ImportSuitePage() {
  const ctx = await pageContext();
  const canWrite = can(ctx.roles, "safety.write");
  const breadcrumbs = [{ href: "/safety", label: "Safety" }, { href: "/safety/suites/import", label: "Import a suite" }];
  if (!canWrite) {
    return (
      <>
        <PageHeader title="Import a suite" breadcrumbs={breadcrumbs} />
        <EmptyState title="Only admins and scientists import suites">
          <p>Your role can read every suite in the safety library.</p>
          <div className="mt-4"><ButtonLink variant="secondary" href="/safety">Go to the safety library</ButtonLink></div>
        </EmptyState>
      </>
    );
  }
  const { taxonomy } = await getTaxonomy(ctx);
  return (
    <>
      <PageHeader
        title="Import a suite"
        description="Bring your own prompts from a CSV or JSONL file: map its columns to item fields, and Assay checks every row before storing anything. Categories are mapped onto your taxonomy; the rows you import may contain harmful text and stay hidden until shown."
        breadcrumbs={breadcrumbs}
      />
      <Card>
        <ImportSuiteWizard categories={taxonomy.categories} taxonomyVersion={taxonomy.version} />
      </Card>
    </>
  );
}
