import { can } from "@assay/core";
import { getRisk, listMembers, ServiceError } from "@assay/services";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OverdueBadge, RiskStatusBadge, SeverityBadge } from "@/components/risks/badges";
import { EditRiskForm } from "@/components/risks/edit-risk-form";
import { dateInputValue, impactLabel, likelihoodLabel } from "@/components/risks/labels";
import { RiskHistory } from "@/components/risks/risk-history";
import { Card, DefinitionList, PageHeader, formatDate, formatDay } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Risk · Assay" };

export default async function RiskPage({ params }: { params: Promise<{ riskId: string }> }) {
  const { riskId } = await params;
  const ctx = await pageContext();
  const [risk, members] = await Promise.all([
    getRisk(ctx, riskId).catch((error: unknown) => {
      // Another organisation's risk reads as absent, like a wrong id.
      if (error instanceof ServiceError && error.status === 404) notFound();
      throw error;
    }),
    listMembers(ctx),
  ]);
  const canEdit = can(ctx.roles, "risk.write");
  const names = new Map<string, string>([
    ...members.map((m) => [m.userId, m.name] as const),
    [risk.owner.id, risk.owner.name],
    [risk.createdBy.id, risk.createdBy.name],
  ]);
  const link = "text-brand-700 hover:underline";

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
              { term: "Severity", value: <><SeverityBadge severity={risk.severity} /> <span className="text-xs text-slate-500">likelihood {likelihoodLabel(risk.likelihood)} × impact {impactLabel(risk.impact)}</span></> },
              { term: "Status", value: <RiskStatusBadge status={risk.status} /> },
              { term: "Owner", value: risk.owner.name },
              { term: "Due", value: <>{formatDay(risk.dueDate)} {risk.overdue && <OverdueBadge />}</> },
              { term: "System", value: <Link className={link} href={`/systems/${risk.system.id}`}>{risk.system.name}</Link> },
              { term: "Model version", value: risk.modelVersion ? <Link className={link} href={`/versions/${risk.modelVersion.id}`}>{risk.modelVersion.label}</Link> : "All versions of the system" },
              {
                term: "Revealed by",
                value: risk.run ? (
                  <>
                    <Link className={link} href={`/runs/${risk.run.id}`}>Run of {formatDate(risk.run.createdAt)}</Link>
                    {risk.checkId && <> · check <span className="font-mono text-xs">{risk.checkId}</span></>}
                  </>
                ) : "",
              },
              { term: "Raised", value: `${formatDate(risk.createdAt)} by ${risk.createdBy.name}` },
              { term: "Last changed", value: formatDate(risk.updatedAt) },
            ]}
          />
        </Card>

        {canEdit && (
          <Card title="Edit">
            <EditRiskForm
              riskId={risk.id}
              members={members.map((m) => ({ userId: m.userId, name: m.name }))}
              initial={{
                statement: risk.statement,
                likelihood: risk.likelihood,
                impact: risk.impact,
                ownerId: risk.ownerId,
                dueDate: dateInputValue(risk.dueDate),
                status: risk.status,
              }}
            />
          </Card>
        )}

        <Card title="History">
          <RiskHistory events={risk.history} names={names} />
        </Card>
      </div>
    </>
  );
}
