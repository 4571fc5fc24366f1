import { can } from "@assay/core";
import { NewTargetForm } from "@/components/safety/target-form";
import { targetVersionOptions } from "@/components/safety/target-versions";
import { ButtonLink, Card, EmptyState, PageHeader } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Add a target · Assay" };

export default async function NewTargetPage() {
  const ctx = await pageContext();
  const breadcrumbs = [{ href: "/safety", label: "Safety" }, { href: "/safety/targets/new", label: "Add a target" }];
  if (!can(ctx.roles, "safety.write")) {
    return (
      <>
        <PageHeader title="Add a target" breadcrumbs={breadcrumbs} />
        <EmptyState title="Only admins and scientists add targets">
          <p>Your role can see every target in the safety library.</p>
          <div className="mt-4"><ButtonLink variant="secondary" href="/safety">Go to the safety library</ButtonLink></div>
        </EmptyState>
      </>
    );
  }
  const versions = await targetVersionOptions(ctx);
  return (
    <>
      <PageHeader
        title="Add a target"
        description="A target is how Assay reaches a model for safety runs: an OpenAI-compatible chat completions endpoint, or responses you collected elsewhere. Link it to the model version it serves."
        breadcrumbs={breadcrumbs}
      />
      <Card>
        <NewTargetForm versions={versions} />
      </Card>
    </>
  );
}
