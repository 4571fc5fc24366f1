import { can } from "@assay/core";
import { listRisks, listSystems } from "@assay/services";
import { RISK_STATUS_LABELS, RISK_STATUSES } from "@/components/risks/labels";
import { RiskTable } from "@/components/risks/risk-table";
import { Button, ButtonLink, EmptyState, PageHeader, inputClass } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Risk register · Assay" };

/** "active" is the default view: the risks that still need work. */
const STATUS_VIEWS: Array<{ value: string; label: string; filter: string | undefined }> = [
  { value: "active", label: "Open or mitigating", filter: "open,mitigating" },
  { value: "all", label: "All statuses", filter: undefined },
  ...RISK_STATUSES.map((s) => ({ value: s, label: RISK_STATUS_LABELS[s], filter: s })),
];

export default async function RisksPage({ searchParams }: { searchParams: Promise<{ systemId?: string; status?: string }> }) {
  const params = await searchParams;
  const ctx = await pageContext();
  const view = STATUS_VIEWS.find((v) => v.value === params.status) ?? STATUS_VIEWS[0]!;
  const systems = await listSystems(ctx);
  const systemId = systems.some((s) => s.id === params.systemId) ? params.systemId : undefined;
  const risks = await listRisks(ctx, { systemId, status: view.filter });
  const canRaise = can(ctx.roles, "risk.write");
  const overdue = risks.filter((r) => r.overdue).length;

  return (
    <>
      <PageHeader
        title="Risk register"
        description="Risks of every AI system: severity from likelihood × impact, owner, due date and the run that revealed them."
        actions={canRaise ? <ButtonLink href={systemId ? `/risks/new?systemId=${systemId}` : "/risks/new"}>Raise risk</ButtonLink> : undefined}
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter risks">
        <div>
          <label htmlFor="risk-filter-system" className="block text-sm font-medium text-slate-700">System</label>
          <select id="risk-filter-system" name="systemId" defaultValue={systemId ?? ""} className={inputClass}>
            <option value="">All systems</option>
            {systems.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="risk-filter-status" className="block text-sm font-medium text-slate-700">Status</label>
          <select id="risk-filter-status" name="status" defaultValue={view.value} className={inputClass}>
            {STATUS_VIEWS.map((v) => <option key={v.value} value={v.value}>{v.label}</option>)}
          </select>
        </div>
        <Button type="submit" variant="secondary">Filter</Button>
      </form>
      {risks.length === 0 ? (
        <EmptyState title="No risks match">
          {canRaise ? "Raise a risk by hand, or from a failed check on a run's results." : "Scientists and product owners raise risks; they will appear here."}
        </EmptyState>
      ) : (
        <div className="space-y-2">
          <p className="text-sm text-slate-600" aria-live="polite">
            {risks.length} {risks.length === 1 ? "risk" : "risks"}{overdue > 0 && <>, <strong className="text-red-800">{overdue} overdue</strong></>}.
          </p>
          <RiskTable risks={risks} caption="Risk register" />
        </div>
      )}
    </>
  );
}
