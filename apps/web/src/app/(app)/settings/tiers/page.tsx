import { can } from "@assay/core";
import { listTierPolicies } from "@assay/services";
import Link from "next/link";
import { TierPolicyEditor } from "@/components/governance/tier-policy-editor";
import { Card, PageHeader, formatDate } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Risk tiers · Assay" };

export default async function TierSettingsPage() {
  const ctx = await pageContext();
  const canManage = can(ctx.roles, "org.manage");
  const policies = await listTierPolicies(ctx);
  const lastChange = policies
    .map((p) => p.updatedAt)
    .filter((d): d is Date => d !== null)
    .sort((a, b) => b.getTime() - a.getTime())[0];

  return (
    <>
      <PageHeader
        title="Risk tiers"
        description={
          <>
            A system&apos;s risk tier, proposed by its intake questionnaire, decides what its releases need: the evaluations a plan must include, who must
            sign, whether the approver must be independent of the evaluators, the review SLA and how long an exception may last.{" "}
            {canManage
              ? "As an admin you set these for this organisation; every change is recorded in the audit trail."
              : "Only admins change them; every change is recorded in the audit trail."}
          </>
        }
      />
      <Card title="Requirements per tier">
        <TierPolicyEditor
          editable={canManage}
          initial={policies.map(({ updatedAt: _updatedAt, ...p }) => p)}
        />
        <p className="mt-3 text-sm text-slate-600">
          {lastChange ? `Last changed ${formatDate(lastChange)}. ` : "This organisation uses the default requirements. "}
          Changes are in the <Link className="text-brand-700 hover:underline" href="/audit?entityType=TierPolicy">audit trail</Link>.
        </p>
      </Card>
    </>
  );
}
