import { can, mitigatedGate } from "@assay/core";
import {
  canAcceptRisk,
  getPlan,
  getRisk,
  getTaxonomy,
  listMembers,
  listMitigations,
  listModelVersions,
  listRiskLinkCandidates,
  listSuites,
  listVerificationVersions,
  ServiceError,
  type RiskLinkDto,
} from "@assay/services";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MitigationCard, type MitigationEditing } from "@/components/mitigations/mitigation-card";
import { MITIGATION_TYPE_LABELS } from "@/components/mitigations/labels";
import { NewMitigation } from "@/components/mitigations/new-mitigation";
import { suiteOptions } from "@/components/plans/plan-rows";
import { RISK_TIER_LABELS } from "@/components/registry/labels";
import { AcceptRiskButton } from "@/components/risks/accept-risk-button";
import { OverdueBadge, RiskStatusBadge, SeverityBadge } from "@/components/risks/badges";
import { EditRiskForm } from "@/components/risks/edit-risk-form";
import { dateInputValue, impactLabel, likelihoodLabel, RISK_CATEGORY_LABELS } from "@/components/risks/labels";
import { RiskHistory } from "@/components/risks/risk-history";
import { RiskLinks, type RiskLinkRow } from "@/components/risks/risk-links";
import { Card, DefinitionList, PageHeader, formatDate, formatDay } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Risk · Assay" };

/** Where a linked target's page is. */
function linkHref(link: RiskLinkDto): string | null {
  if (!link.target) return null;
  switch (link.kind) {
    case "run":
      return link.target.runKind === "safety" ? `/safety/runs/${link.targetId}` : `/runs/${link.targetId}`;
    case "finding":
      return link.target.campaignId ? `/redteam/campaigns/${link.target.campaignId}` : null;
    case "incident":
      return `/incidents/${link.targetId}`;
    case "review":
      return `/reviews/${link.targetId}`;
  }
}

export default async function RiskPage({ params }: { params: Promise<{ riskId: string }> }) {
  const { riskId } = await params;
  const ctx = await pageContext();
  const risk = await getRisk(ctx, riskId).catch((error: unknown) => {
    // Another organisation's risk reads as absent, like a wrong id.
    if (error instanceof ServiceError && error.status === 404) notFound();
    throw error;
  });
  const canEdit = can(ctx.roles, "risk.write");
  const [members, mitigations, verification, versions, candidates] = await Promise.all([
    listMembers(ctx),
    listMitigations(ctx, risk.id),
    listVerificationVersions(ctx, risk.id),
    listModelVersions(ctx, risk.systemId),
    canEdit ? listRiskLinkCandidates(ctx, risk.id) : Promise.resolve([]),
  ]);
  // Only editors need what the mitigation form chooses from.
  const [suites, taxonomy, plan] = canEdit
    ? await Promise.all([listSuites(ctx), getTaxonomy(ctx), verification.baseline ? getPlan(ctx, verification.baseline.id) : Promise.resolve(null)])
    : [null, null, null];
  const memberOptions = members.map((m) => ({ userId: m.userId, name: m.name }));
  const editing: MitigationEditing | null = canEdit
    ? {
        members: memberOptions,
        sensitiveAttributes: plan?.sensitiveAttributes ?? [],
        suites: suites ? suiteOptions(suites) : [],
        categories: taxonomy ? taxonomy.taxonomy.categories.map((c) => ({ key: c.key, label: c.label })) : [],
        versions: verification.versions.map((v) => ({ id: v.id, label: v.label, createdAt: v.createdAt.toISOString() })),
      }
    : null;

  const people = new Map<string, string>([
    ...members.map((m) => [m.userId, m.name] as const),
    [risk.owner.id, risk.owner.name],
    [risk.createdBy.id, risk.createdBy.name],
    ...mitigations.map((m) => [m.owner.id, m.owner.name] as const),
  ]);
  const names = {
    people,
    versions: new Map(versions.map((v) => [v.id, v.label])),
    mitigations: new Map(mitigations.map((m, i) => [m.id, `Mitigation ${i + 1} (${MITIGATION_TYPE_LABELS[m.type]})`])),
    linkTargets: new Map(risk.links.flatMap((l) => (l.target ? [[`${l.kind}:${l.targetId}`, l.target.label] as const] : []))),
  };
  const linkRows: RiskLinkRow[] = risk.links.map((l) => ({
    id: l.id,
    kind: l.kind,
    targetId: l.targetId,
    label: l.target?.label ?? null,
    href: linkHref(l),
    createdBy: l.createdBy.name,
    createdAt: l.createdAt.toISOString(),
  }));
  const gate = mitigatedGate(mitigations);
  const verified = mitigations.filter((m) => m.status === "verified").length;
  const link = "text-brand-700 hover:underline";
  const showAccept = !canEdit && canAcceptRisk(ctx) && risk.status !== "accepted";

  return (
    <>
      <PageHeader
        title="Risk"
        description={risk.statement}
        breadcrumbs={[{ href: "/risks", label: "Risks" }, { href: `/risks/${risk.id}`, label: risk.statement.length > 40 ? `${risk.statement.slice(0, 40)}…` : risk.statement }]}
        actions={
          <div className="flex items-center gap-2">
            <SeverityBadge severity={risk.severity} />
            <RiskStatusBadge status={risk.status} />
            {risk.overdue && <OverdueBadge />}
          </div>
        }
      />
      <div className="space-y-6">
        <Card title="Risk record">
          <DefinitionList
            items={[
              { term: "Statement", value: risk.statement },
              { term: "Category", value: RISK_CATEGORY_LABELS[risk.category] },
              {
                term: "Inherent severity",
                value: <><SeverityBadge severity={risk.severity} /> <span className="text-xs text-slate-500">likelihood {likelihoodLabel(risk.likelihood)} × impact {impactLabel(risk.impact)}</span></>,
              },
              {
                term: "Residual severity",
                value:
                  risk.residualSeverity && risk.residualLikelihood !== null && risk.residualImpact !== null ? (
                    <><SeverityBadge severity={risk.residualSeverity} /> <span className="text-xs text-slate-500">likelihood {likelihoodLabel(risk.residualLikelihood)} × impact {impactLabel(risk.residualImpact)}</span></>
                  ) : (
                    <span className="text-slate-500">Not assessed</span>
                  ),
              },
              { term: "Controls in place", value: risk.controls },
              { term: "Status", value: <RiskStatusBadge status={risk.status} /> },
              { term: "Owner", value: risk.owner.name },
              { term: "Due", value: <>{formatDay(risk.dueDate)} {risk.overdue && <OverdueBadge />}</> },
              {
                term: "System",
                value: <><Link className={link} href={`/systems/${risk.system.id}`}>{risk.system.name}</Link> <span className="text-xs text-slate-500">· {RISK_TIER_LABELS[risk.system.riskTier]} tier</span></>,
              },
              { term: "Model version", value: risk.modelVersion ? <Link className={link} href={`/versions/${risk.modelVersion.id}`}>{risk.modelVersion.label}</Link> : "All versions of the system" },
              {
                term: "Revealed by",
                value: risk.run ? (
                  <>
                    <Link className={link} href={risk.run.kind === "safety" ? `/safety/runs/${risk.run.id}` : `/runs/${risk.run.id}`}>Run of {formatDate(risk.run.createdAt)}</Link>
                    {risk.checkId && <> · check <span className="font-mono text-xs">{risk.checkId}</span></>}
                  </>
                ) : "",
              },
              { term: "Raised", value: `${formatDate(risk.createdAt)} by ${risk.createdBy.name}` },
              { term: "Last changed", value: formatDate(risk.updatedAt) },
            ]}
          />
        </Card>

        <Card title="Mitigations">
          <div className="space-y-4">
            <p className="text-sm text-slate-600">
              {mitigations.length === 0
                ? "No mitigation yet. A mitigation counts only once a run on a later model version passes its acceptance checks."
                : `${verified} of ${mitigations.length} ${mitigations.length === 1 ? "mitigation" : "mitigations"} verified by a run on a later version.`}
              {" "}
              {gate.allowed ? "The risk may be marked mitigated." : "The risk cannot be marked mitigated until every mitigation is verified."}
            </p>
            {mitigations.map((m, i) => <MitigationCard key={m.id} mitigation={m} index={i} editing={editing} />)}
            {editing && (
              <NewMitigation
                riskId={risk.id}
                currentUserId={ctx.userId}
                members={editing.members}
                sensitiveAttributes={editing.sensitiveAttributes}
                suites={editing.suites}
                categories={editing.categories}
                suggestedCheck={risk.check}
                defaultKind={risk.category === "safety" ? "safety" : "fairness"}
              />
            )}
          </div>
        </Card>

        {canEdit && (
          <Card title="Edit">
            <EditRiskForm
              riskId={risk.id}
              members={memberOptions}
              initial={{
                statement: risk.statement,
                category: risk.category,
                controls: risk.controls,
                likelihood: risk.likelihood,
                impact: risk.impact,
                residualLikelihood: risk.residualLikelihood,
                residualImpact: risk.residualImpact,
                ownerId: risk.ownerId,
                dueDate: dateInputValue(risk.dueDate),
                status: risk.status,
              }}
            />
          </Card>
        )}
        {showAccept && (
          <Card title="Accept the risk">
            <AcceptRiskButton riskId={risk.id} />
          </Card>
        )}

        <Card title="Links">
          <RiskLinks riskId={risk.id} links={linkRows} candidates={candidates} canEdit={canEdit} />
        </Card>

        <Card title="History">
          <RiskHistory events={risk.history} names={names} />
        </Card>
      </div>
    </>
  );
}
