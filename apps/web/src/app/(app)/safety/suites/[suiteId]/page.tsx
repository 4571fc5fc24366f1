import { can } from "@assay/core";
import { getSuite, getSuiteVersion, getTaxonomy, ServiceError } from "@assay/services";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatCount } from "@/components/runs/format";
import { PolicyRulesEditor, PolicyRulesTable } from "@/components/safety/policy-rules-editor";
import { SuiteItemsBrowser } from "@/components/safety/suite-items";
import { originView, SOURCE_LABELS, SOURCE_TONES } from "@/components/safety/suite-labels";
import { Badge, Card, DefinitionList, EmptyState, PageHeader, Table, Td, Th, formatDate } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Safety suite · Assay" };

const link = "text-brand-700 hover:underline";

const LICENCE_FALLBACK = {
  builtin: "",
  imported: "Not recorded: an imported suite carries the licence of the file it came from.",
  regression: "Your organisation's own red-team findings.",
} as const;

function Origin({ origin, url }: { origin: unknown; url?: unknown }) {
  const view = originView(origin, url);
  if (!view) return null;
  return (
    <span className="block">
      {view.url ? <a className={`${link} break-all`} href={view.url} target="_blank" rel="noreferrer noopener">{view.text}</a> : view.text}
      {view.commit && <span className="block font-mono text-xs text-slate-600">Commit {view.commit}</span>}
      {view.files.length > 0 && <span className="block break-all font-mono text-xs text-slate-600">{view.files.join(", ")}</span>}
    </span>
  );
}

export default async function SuitePage({ params, searchParams }: { params: Promise<{ suiteId: string }>; searchParams: Promise<{ version?: string }> }) {
  const [{ suiteId }, query] = await Promise.all([params, searchParams]);
  const ctx = await pageContext();
  const suite = await getSuite(ctx, suiteId).catch((error: unknown) => {
    // Another organisation's suite reads as absent, like a wrong id.
    if (error instanceof ServiceError && error.status === 404) notFound();
    throw error;
  });
  const canWrite = can(ctx.roles, "safety.write");
  const [versions, taxonomy] = await Promise.all([Promise.all(suite.versions.map((v) => getSuiteVersion(ctx, v.id))), getTaxonomy(ctx)]);
  const labels = Object.fromEntries(taxonomy.taxonomy.categories.map((c) => [c.key, c.label]));
  const wanted = Number(query.version);
  const selected = versions.find((v) => v.version === wanted) ?? versions[0] ?? null;
  const latest = versions[0] ?? null;

  return (
    <>
      <PageHeader
        title={suite.name}
        description={suite.description || undefined}
        breadcrumbs={[{ href: "/safety", label: "Safety" }, { href: `/safety/suites/${suite.id}`, label: suite.name }]}
        actions={<Badge tone={SOURCE_TONES[suite.source]}>{SOURCE_LABELS[suite.source]}</Badge>}
      />

      <div className="space-y-8">
        <Card title="Suite record">
          <DefinitionList
            items={[
              { term: "Key", value: <code className="text-xs">{suite.key}</code> },
              { term: "Source", value: SOURCE_LABELS[suite.source] },
              { term: "Licence", value: suite.licence || LICENCE_FALLBACK[suite.source] },
              { term: "Origin", value: <Origin origin={suite.origin} url={"originUrl" in suite ? suite.originUrl : undefined} /> },
              { term: "Latest version", value: latest ? `Version ${latest.version}, ${formatCount(latest.itemCount)} items` : "" },
              { term: "Source version", value: latest?.sourceVersion ? <code className="text-xs">{latest.sourceVersion}</code> : "" },
              { term: "Added", value: formatDate(suite.createdAt) },
              ...(suite.systemId ? [{ term: "System", value: <Link className={link} href={`/systems/${suite.systemId}`}>The system whose findings it holds</Link> }] : []),
            ]}
          />
        </Card>

        <Card title="Versions">
          {versions.length === 0 ? (
            <EmptyState title="No versions yet" />
          ) : (
            <Table caption="Versions of this suite, newest first">
              <thead>
                <tr>
                  <Th>Version</Th>
                  <Th className="text-right">Items</Th>
                  <Th className="text-right">Policy rules</Th>
                  <Th>Content SHA-256</Th>
                  <Th>Note</Th>
                  <Th>Created</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {versions.map((v) => (
                  <tr key={v.id} className={v.id === selected?.id ? "bg-brand-50/60" : undefined}>
                    <th scope="row" className="whitespace-nowrap px-3 py-2 text-left align-top font-normal">
                      {v.id === selected?.id ? (
                        <span className="font-medium" aria-current="true">Version {v.version} (shown)</span>
                      ) : (
                        <Link className={link} href={`/safety/suites/${suite.id}?version=${v.version}`}>Version {v.version}</Link>
                      )}
                    </th>
                    <Td className="text-right tabular-nums">{formatCount(v.itemCount)}</Td>
                    <Td className="text-right tabular-nums">{formatCount(v.policyRules.length)}</Td>
                    <Td><code className="break-all text-xs">{v.contentSha256}</code></Td>
                    <Td className="max-w-xs text-xs">{v.note || <span className="text-slate-400">—</span>}</Td>
                    <Td className="whitespace-nowrap text-xs">{formatDate(v.createdAt)}<span className="block text-slate-500">{v.createdBy.name}</span></Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>

        {selected && (
          <>
            <Card title={`Categories of version ${selected.version}`}>
              {selected.categories.length === 0 ? (
                <p className="text-sm text-slate-600">No items.</p>
              ) : (
                <Table caption={`Items per taxonomy category in version ${selected.version}`}>
                  <thead>
                    <tr>
                      <Th>Category</Th>
                      <Th>Key</Th>
                      <Th className="text-right">Items</Th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {selected.categories.map((c) => (
                      <tr key={c.category}>
                        <th scope="row" className="px-3 py-2 text-left align-top font-normal">{labels[c.category] ?? <span className="text-slate-500">Not in the current taxonomy</span>}</th>
                        <Td><code className="text-xs">{c.category}</code></Td>
                        <Td className="text-right tabular-nums">{formatCount(c.count)}</Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              )}
            </Card>

            <Card title={`Items of version ${selected.version}`}>
              <SuiteItemsBrowser key={selected.id} suiteVersionId={selected.id} version={selected.version} categories={selected.categories} labels={labels} />
            </Card>
          </>
        )}

        {latest && (
          <Card title={`Policy rules (version ${latest.version}, latest)`}>
            <div className="space-y-3">
              <p className="text-sm text-slate-600">
                The policy grader checks every response against these rules: keywords, regular expressions, or a JSON schema the answer must satisfy.
              </p>
              {canWrite ? (
                <PolicyRulesEditor suiteId={suite.id} latestVersion={latest.version} initialRules={latest.policyRules} />
              ) : latest.policyRules.length === 0 ? (
                <p className="text-sm text-slate-600">No policy rules. Admins and scientists add them.</p>
              ) : (
                <PolicyRulesTable rules={latest.policyRules} />
              )}
            </div>
          </Card>
        )}
      </div>
    </>
  );
}
