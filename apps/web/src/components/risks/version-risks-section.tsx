import { can } from "@assay/core";
import { listRisksForVersion } from "@assay/services";
import { ButtonLink, Card, EmptyState } from "@/components/ui";
import { pageContext } from "@/lib/context";
import { RiskTable } from "./risk-table";

/** The risks of a model version: its own and those raised on its system as a whole. */
export async function VersionRisksSection({ versionId }: { versionId: string }) {
  const ctx = await pageContext();
  const risks = await listRisksForVersion(ctx, versionId);
  const canRaise = can(ctx.roles, "risk.write");
  const active = risks.filter((r) => r.status === "open" || r.status === "mitigating").length;
  return (
    <Card
      title="Risks"
      actions={canRaise ? <ButtonLink variant="secondary" href={`/risks/new?versionId=${encodeURIComponent(versionId)}`}>Raise risk</ButtonLink> : undefined}
    >
      {risks.length === 0 ? (
        <EmptyState title="No risks recorded for this version">
          {canRaise ? "Raise a risk by hand, or from a failed check on a run's results." : "Scientists and product owners raise risks; they will appear here."}
        </EmptyState>
      ) : (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">
            {active} of {risks.length} {risks.length === 1 ? "risk is" : "risks are"} still open or being mitigated. Risks raised on the system as a whole are included.
          </p>
          <RiskTable risks={risks} caption="Risks of this version" showSystem={false} />
        </div>
      )}
    </Card>
  );
}
