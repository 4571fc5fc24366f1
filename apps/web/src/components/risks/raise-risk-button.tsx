import { can } from "@assay/core";
import { listRisks } from "@assay/services";
import Link from "next/link";
import { pageContext } from "@/lib/context";
import { SeverityBadge } from "./badges";
import { RaiseRiskClientButton } from "./raise-risk-client";

/**
 * One click turns a failed check into a risk (likelihood 3, impact 4, owned
 * by the current user, due in 30 days) and opens it for editing. Once a risk
 * exists for the run and check, this links to it instead of raising a duplicate.
 * Renders nothing for roles that cannot raise risks.
 */
export async function RaiseRiskButton({ runId, checkId, defaultStatement }: { runId: string; checkId: string; defaultStatement: string }) {
  const ctx = await pageContext();
  const existing = (await listRisks(ctx, { runId })).find((r) => r.checkId === checkId);
  if (existing) {
    return (
      <Link href={`/risks/${existing.id}`} className="inline-flex items-center gap-1.5 text-sm text-brand-700 hover:underline">
        Risk raised <SeverityBadge severity={existing.severity} />
      </Link>
    );
  }
  if (!can(ctx.roles, "risk.write")) return null;
  return <RaiseRiskClientButton runId={runId} checkId={checkId} defaultStatement={defaultStatement} />;
}
