import Link from "next/link";

/** Pages that show one entity, by audit entity type. Other types have no page of their own. */
const ENTITY_PAGES: Record<string, { label: string; href: (id: string) => string }> = {
  AiSystem: { label: "System", href: (id) => `/systems/${id}` },
  ModelVersion: { label: "Model version", href: (id) => `/versions/${id}` },
  RiskEntry: { label: "Risk", href: (id) => `/risks/${id}` },
  ReleaseReview: { label: "Review", href: (id) => `/reviews/${id}` },
};

export function EntityLink({ entityType, entityId }: { entityType: string; entityId: string }) {
  const page = ENTITY_PAGES[entityType];
  return (
    <span className="block">
      <span className="text-slate-600">{page?.label ?? entityType}</span>{" "}
      {page ? (
        <Link href={page.href(entityId)} className="font-mono text-xs text-brand-700 hover:underline">{entityId}</Link>
      ) : (
        <span className="font-mono text-xs text-slate-500">{entityId}</span>
      )}
    </span>
  );
}
