import { can } from "@assay/core";
import { getPlan, getTaxonomy, listSuites } from "@assay/services";
import { Badge, Card, EmptyState, formatDate } from "@/components/ui";
import { pageContext } from "@/lib/context";
import { PlanChecksTable } from "./plan-checks-table";
import { PlanEditor } from "./plan-editor";
import { PlanHistory } from "./plan-history";
import { suiteOptions } from "./plan-rows";

/** The evaluation plan of a model version: editor for plan writers, read-only for everyone else. */
export async function PlanSection({ versionId }: { versionId: string }) {
  const ctx = await pageContext();
  const canWrite = can(ctx.roles, "plan.write");
  // Only the editor needs the suites and taxonomy categories that safety checks choose from.
  const [plan, suites, taxonomy] = await Promise.all([
    getPlan(ctx, versionId),
    canWrite ? listSuites(ctx) : null,
    canWrite ? getTaxonomy(ctx) : null,
  ]);
  const current = plan.current;

  return (
    <Card
      title="Evaluation plan"
      actions={current ? <Badge tone="info">Version {current.version}</Badge> : <Badge>No plan yet</Badge>}
    >
      <div className="space-y-6">
        {current && (
          <p className="text-sm text-slate-600">
            Version {current.version} by {current.createdBy.name}, {formatDate(current.createdAt)}.
            {" "}Runs record the plan version they used; saving creates version {current.version + 1} and leaves earlier versions unchanged.
          </p>
        )}
        {canWrite ? (
          <PlanEditor
            key={current?.id ?? "new"}
            versionId={versionId}
            currentVersion={current?.version ?? 0}
            checks={current?.checks ?? []}
            sensitiveAttributes={plan.sensitiveAttributes}
            suites={suites ? suiteOptions(suites) : []}
            categories={taxonomy ? taxonomy.taxonomy.categories.map((c) => ({ key: c.key, label: c.label })) : []}
          />
        ) : current ? (
          <PlanChecksTable checks={current.checks} caption={`Checks of plan version ${current.version}`} />
        ) : (
          <EmptyState title="No evaluation plan yet">
            A scientist writes the plan: the fairness checks, with their acceptance bands, and the safety checks, with their maximum rates, that this version must pass.
          </EmptyState>
        )}
        <PlanHistory history={plan.history} />
      </div>
    </Card>
  );
}
