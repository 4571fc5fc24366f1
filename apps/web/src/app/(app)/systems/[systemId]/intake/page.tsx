import { can } from "@assay/core";
import { getIntake, ServiceError } from "@assay/services";
import Link from "next/link";
import { notFound } from "next/navigation";
import { IntakeForm } from "@/components/governance/intake-form";
import { IntakeRecord } from "@/components/governance/intake-record";
import { TierPolicySummary } from "@/components/governance/tier-policy-summary";
import { RISK_TIER_LABELS } from "@/components/registry/labels";
import { TierBadge } from "@/components/registry/tier-badge";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Intake questionnaire · Assay" };

export default async function IntakePage({ params }: { params: Promise<{ systemId: string }> }) {
  const { systemId } = await params;
  const ctx = await pageContext();
  const view = await getIntake(ctx, systemId).catch((error: unknown) => {
    // Another organisation's system reads as absent, like a wrong id.
    if (error instanceof ServiceError && error.status === 404) notFound();
    throw error;
  });
  const canEdit = can(ctx.roles, "system.write");
  const { system, intake } = view;

  return (
    <>
      <PageHeader
        title="Intake questionnaire"
        description={
          <>
            The answers propose a risk tier for {system.name}, with the reasons shown; a scientist can override it with a rationale. The tier decides
            which evaluations and sign-offs a release needs. Every submission is recorded in the{" "}
            <Link className="text-brand-700 hover:underline" href={`/audit?entityType=AiSystem&entityId=${encodeURIComponent(system.id)}`}>audit trail</Link>.
          </>
        }
        breadcrumbs={[
          { href: "/systems", label: "Systems" },
          { href: `/systems/${system.id}`, label: system.name },
          { href: `/systems/${system.id}/intake`, label: "Intake" },
        ]}
        actions={<TierBadge tier={view.effectiveTier} />}
      />
      <div className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Recorded intake">
            {intake ? (
              <IntakeRecord systemId={system.id} intake={intake} systemTier={view.effectiveTier} tierDiverged={view.tierDiverged} showAnswers={!canEdit} />
            ) : (
              <EmptyState title="No intake submitted yet">
                {canEdit
                  ? "Answer the questions below; the proposed tier updates as you go."
                  : `A scientist completes the intake. Until then the tier is ${RISK_TIER_LABELS[view.effectiveTier].toLowerCase()}, as set when the system was registered.`}
              </EmptyState>
            )}
          </Card>
          <Card title={`What the ${RISK_TIER_LABELS[view.effectiveTier].toLowerCase()} tier requires`}>
            <TierPolicySummary policy={view.policy} />
          </Card>
        </div>

        {canEdit ? (
          <Card title={intake ? "Update the questionnaire" : "Questionnaire"}>
            <IntakeForm
              systemId={system.id}
              currentTier={view.effectiveTier}
              stored={intake ? { answers: intake.answers, overrideTier: intake.overrideTier, overrideRationale: intake.overrideRationale } : null}
            />
          </Card>
        ) : (
          <p className="text-sm text-slate-600">Only scientists submit or change the intake; you can read it here.</p>
        )}
      </div>
    </>
  );
}
