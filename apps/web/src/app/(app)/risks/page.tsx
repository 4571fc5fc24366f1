import { can, riskHeatmap } from "@assay/core";
import { listRisks, listSystems } from "@assay/services";
import Link from "next/link";
import { RISK_TIER_LABELS, RISK_TIERS } from "@/components/registry/labels";
import { RISK_CATEGORIES, RISK_CATEGORY_LABELS, RISK_STATUS_LABELS, RISK_STATUSES, SEVERITIES, SEVERITY_LABELS } from "@/components/risks/labels";
import { clearCellHref, parseRegisterParams, registerFilter, type RawSearchParams, type StatusView } from "@/components/risks/register-params";
import { RiskHeatmapFigure } from "@/components/risks/risk-heatmap";
import { RiskTable } from "@/components/risks/risk-table";
import { Button, ButtonLink, Card, EmptyState, PageHeader, inputClass } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Risk register · Assay" };

const STATUS_VIEW_LABELS: Record<StatusView, string> = { active: "Open or mitigating", all: "All statuses", ...RISK_STATUS_LABELS };
const STATUS_VIEW_ORDER: StatusView[] = ["active", "all", ...RISK_STATUSES];

const labelClass = "block text-sm font-medium text-slate-700";

export default async function RisksPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const ctx = await pageContext();
  const parsed = parseRegisterParams(await searchParams);
  const systems = await listSystems(ctx);
  // A system id from another organisation (or a stale link) is dropped, not an error.
  const state = { ...parsed, systemId: systems.some((s) => s.id === parsed.systemId) ? parsed.systemId : undefined };
  // The heat map shows every risk matching the filters; the table, when a cell is chosen, only that cell's.
  const mapped = await listRisks(ctx, registerFilter(state, { withCell: false }));
  const risks = state.cell ? await listRisks(ctx, registerFilter(state)) : mapped;
  const canRaise = can(ctx.roles, "risk.write");
  const overdue = risks.filter((r) => r.overdue).length;
  const cellSystem = state.cell ? `${state.cell.scale === "residual" ? "residual " : ""}likelihood ${state.cell.likelihood} × impact ${state.cell.impact}` : null;

  return (
    <>
      <PageHeader
        title="Risk register"
        description="Risks of every AI system: inherent and residual severity from likelihood × impact, owner, due date, and mitigations verified by runs."
        actions={canRaise ? <ButtonLink href={state.systemId ? `/risks/new?systemId=${state.systemId}` : "/risks/new"}>Raise risk</ButtonLink> : undefined}
      />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3" aria-label="Filter risks">
        <div>
          <label htmlFor="risk-filter-system" className={labelClass}>System</label>
          <select id="risk-filter-system" name="systemId" defaultValue={state.systemId ?? ""} className={inputClass}>
            <option value="">All systems</option>
            {systems.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="risk-filter-tier" className={labelClass}>System tier</label>
          <select id="risk-filter-tier" name="tier" defaultValue={state.tier ?? ""} className={inputClass}>
            <option value="">All tiers</option>
            {RISK_TIERS.map((t) => <option key={t} value={t}>{RISK_TIER_LABELS[t]}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="risk-filter-category" className={labelClass}>Category</label>
          <select id="risk-filter-category" name="category" defaultValue={state.category ?? ""} className={inputClass}>
            <option value="">All categories</option>
            {RISK_CATEGORIES.map((c) => <option key={c} value={c}>{RISK_CATEGORY_LABELS[c]}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="risk-filter-severity" className={labelClass}>Inherent severity</label>
          <select id="risk-filter-severity" name="severity" defaultValue={state.severity ?? ""} className={inputClass}>
            <option value="">All severities</option>
            {SEVERITIES.map((s) => <option key={s} value={s}>{SEVERITY_LABELS[s]}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="risk-filter-status" className={labelClass}>Status</label>
          <select id="risk-filter-status" name="status" defaultValue={state.status} className={inputClass}>
            {STATUS_VIEW_ORDER.map((v) => <option key={v} value={v}>{STATUS_VIEW_LABELS[v]}</option>)}
          </select>
        </div>
        <div className="flex items-center gap-2 pb-2">
          <input id="risk-filter-overdue" type="checkbox" name="overdue" value="1" defaultChecked={state.overdue} className="h-4 w-4 rounded border-slate-300" />
          <label htmlFor="risk-filter-overdue" className="text-sm text-slate-700">Overdue only</label>
        </div>
        <Button type="submit" variant="secondary">Filter</Button>
        <Link href="/risks" className="pb-1.5 text-sm text-brand-700 hover:underline">Reset</Link>
      </form>

      <div className="space-y-6">
        <Card title="Heat map">
          <RiskHeatmapFigure inherent={riskHeatmap(mapped, "inherent")} residual={riskHeatmap(mapped, "residual")} state={state} />
        </Card>

        <section aria-labelledby="risk-register-heading" className="space-y-2">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="risk-register-heading" className="text-base font-semibold text-slate-800">Risks</h2>
            <p className="text-sm text-slate-600" aria-live="polite">
              {risks.length} {risks.length === 1 ? "risk" : "risks"}
              {overdue > 0 && <>, <strong className="text-red-800">{overdue} overdue</strong></>}
              {cellSystem && (
                <> in the cell {cellSystem} · <Link href={clearCellHref(state)} className="text-brand-700 hover:underline">show every cell</Link></>
              )}
              .
            </p>
          </div>
          {risks.length === 0 ? (
            <EmptyState title="No risks match">
              {canRaise ? "Raise a risk by hand, or from a failed check on a run's results." : "Scientists and product owners raise risks; they will appear here."}
            </EmptyState>
          ) : (
            <RiskTable risks={risks} caption="Risk register" />
          )}
        </section>
      </div>
    </>
  );
}
