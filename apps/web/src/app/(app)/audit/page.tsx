import { listAuditEntityTypes, listAuditEvents } from "@assay/services";
import { ChangeView } from "@/components/audit/change-view";
import { EntityLink } from "@/components/audit/entity-link";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { Button, ButtonLink, Card, EmptyState, PageHeader, Table, Td, Th, formatDate, inputClass } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Audit trail" };

const PAGE_SIZE = 50;

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ entityType?: string; entityId?: string; cursor?: string }> }) {
  const params = await searchParams;
  const ctx = await pageContext();
  const entityTypes = await listAuditEntityTypes(ctx);
  const entityType = params.entityType && entityTypes.includes(params.entityType) ? params.entityType : undefined;
  const cursor = params.cursor && /^\d+$/.test(params.cursor) ? params.cursor : undefined;
  const { events, nextCursor } = await listAuditEvents(ctx, { entityType, entityId: params.entityId, cursor, limit: PAGE_SIZE });
  const query = (extra: Record<string, string | number | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ entityType, entityId: params.entityId, ...extra })) if (v !== undefined && v !== "") q.set(k, String(v));
    const s = q.toString();
    return s ? `/audit?${s}` : "/audit";
  };

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change in this organisation: who, what, when, before and after. Events are append-only and hash-chained, so any later edit or deletion is detectable."
      />
      <div className="mb-6 grid gap-4 lg:grid-cols-[1fr_auto]">
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter audit events">
          <div>
            <label htmlFor="audit-entity-type" className="block text-sm font-medium text-slate-700">Entity type</label>
            <select id="audit-entity-type" name="entityType" defaultValue={entityType ?? ""} className={inputClass}>
              <option value="">All types</option>
              {entityTypes.map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          </div>
          {params.entityId && <input type="hidden" name="entityId" value={params.entityId} />}
          <Button type="submit" variant="secondary">Filter</Button>
          {(entityType || params.entityId) && <ButtonLink href="/audit" variant="ghost">Clear filter</ButtonLink>}
        </form>
        <Card className="lg:w-[28rem]">
          <VerifyChainButton />
        </Card>
      </div>
      {params.entityId && <p className="mb-3 text-sm text-slate-600">Showing events for <span className="font-mono">{params.entityId}</span>.</p>}

      {events.length === 0 ? (
        <EmptyState title="No audit events match" />
      ) : (
        <Table caption="Audit events, newest first">
          <thead>
            <tr>
              <Th>#</Th>
              <Th>Time</Th>
              <Th>Actor</Th>
              <Th>Action</Th>
              <Th>Entity</Th>
              <Th>Change</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {events.map((e) => (
              <tr key={e.id}>
                <Td className="font-mono text-xs">{e.seq}</Td>
                <Td className="whitespace-nowrap"><time dateTime={new Date(e.createdAt).toISOString()}>{formatDate(e.createdAt)}</time></Td>
                <Td>{e.actor?.name ?? <span className="text-slate-500">System</span>}</Td>
                <Td className="font-mono text-xs">{e.action}</Td>
                <Td><EntityLink entityType={e.entityType} entityId={e.entityId} /></Td>
                <Td className="min-w-[20rem]">
                  <details>
                    <summary className="cursor-pointer text-sm text-brand-700">Before and after</summary>
                    <div className="mt-2 space-y-2">
                      <ChangeView before={e.before} after={e.after} />
                      <p className="break-all font-mono text-[11px] text-slate-500">hash {e.hash}<br />prev {e.prevHash}</p>
                    </div>
                  </details>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <nav aria-label="Audit pages" className="mt-4 flex gap-2">
        {cursor && <ButtonLink href={query({})} variant="secondary">Newest events</ButtonLink>}
        {nextCursor && <ButtonLink href={query({ cursor: nextCursor })} variant="secondary">Older events</ButtonLink>}
      </nav>
    </>
  );
}
