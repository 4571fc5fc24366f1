import { can } from "@assay/core";
import { getTaxonomy, listSuites } from "@assay/services";
import Link from "next/link";
import { TaxonomyEditor } from "@/components/safety/taxonomy-editor";
import { Card, PageHeader, Table, Td, Th, formatDate } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Safety taxonomy · Assay" };

export default async function TaxonomyPage() {
  const ctx = await pageContext();
  const canManage = can(ctx.roles, "taxonomy.manage");
  const [view, { suites, builtins }] = await Promise.all([getTaxonomy(ctx), listSuites(ctx)]);
  const suiteKeys = [...new Set([...suites.map((s) => s.key), ...builtins.map((b) => b.key)])].sort();

  return (
    <>
      <PageHeader
        title="Safety taxonomy"
        description={
          <>
            One list of harm categories that every suite&apos;s own categories map onto, so results from different suites compare per category. Version {view.taxonomy.version}
            {view.customised ? "" : " (the built-in taxonomy)"}.{" "}
            {canManage
              ? "You can change it as an admin; every save appends a version and is recorded in the audit trail."
              : "Only admins change it; every change appends a version and is recorded in the audit trail."}
          </>
        }
        breadcrumbs={[{ href: "/safety", label: "Safety" }, { href: "/settings/taxonomy", label: "Taxonomy" }]}
      />
      <div className="space-y-6">
        <TaxonomyEditor initial={view.taxonomy} editable={canManage} suiteKeys={suiteKeys} />

        <Card title="Version history">
          <Table caption="Versions of the taxonomy, newest first">
            <thead>
              <tr>
                <Th>Version</Th>
                <Th>Note</Th>
                <Th>Saved by</Th>
                <Th>Saved</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {view.history.map((h) => (
                <tr key={h.version}>
                  <th scope="row" className="px-3 py-2 text-left align-top font-medium">Version {h.version}</th>
                  <Td className="max-w-md">{h.note || <span className="text-slate-400">—</span>}</Td>
                  <Td>{h.createdBy.name}</Td>
                  <Td className="whitespace-nowrap text-xs">{formatDate(h.createdAt)}</Td>
                </tr>
              ))}
              {!view.history.some((h) => h.version === 1) && (
                <tr>
                  <th scope="row" className="px-3 py-2 text-left align-top font-medium">Version 1</th>
                  <Td>The built-in taxonomy, with mappings for every built-in suite.</Td>
                  <Td>Assay</Td>
                  <Td className="text-xs">—</Td>
                </tr>
              )}
            </tbody>
          </Table>
          <p className="mt-3 text-sm text-slate-600">
            Each change is also in the <Link className="text-brand-700 hover:underline" href="/audit?entityType=SafetyTaxonomy">audit trail</Link>.
          </p>
        </Card>
      </div>
    </>
  );
}
