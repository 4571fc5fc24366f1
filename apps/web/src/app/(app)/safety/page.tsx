import { can } from "@assay/core";
import { getTaxonomy, listSafetyRuns, listSuites, listTargets } from "@assay/services";
import Link from "next/link";
import { RUN_STATUS_LABELS, RUN_STATUS_TONES, formatCount, type RunStatus } from "@/components/runs/format";
import { InstallBuiltinButton } from "@/components/safety/library-install-button";
import { originView, plural, SOURCE_LABELS, SOURCE_TONES, summariseCategories, TARGET_KIND_LABELS } from "@/components/safety/suite-labels";
import { Badge, ButtonLink, Card, EmptyState, PageHeader, Table, Td, Th, formatDate } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Safety · Assay" };

const RECENT_RUNS = 20;
const link = "text-brand-700 hover:underline";

function SafetyRunStatusBadge({ status }: { status: string }) {
  if (status in RUN_STATUS_LABELS) return <Badge tone={RUN_STATUS_TONES[status as RunStatus]}>{RUN_STATUS_LABELS[status as RunStatus]}</Badge>;
  return <Badge>{status}</Badge>;
}

function Origin({ origin, url }: { origin: unknown; url?: unknown }) {
  const view = originView(origin, url);
  if (!view) return <span className="text-slate-400">—</span>;
  return (
    <span className="break-words">
      {view.url ? <a href={view.url} className={link} target="_blank" rel="noreferrer noopener">{view.text}</a> : view.text}
      {view.commit && <span className="block font-mono text-xs text-slate-500">at {view.commit}</span>}
    </span>
  );
}

export default async function SafetyPage() {
  const ctx = await pageContext();
  const canWrite = can(ctx.roles, "safety.write");
  const [{ suites, builtins }, targets, runs, taxonomy] = await Promise.all([listSuites(ctx), listTargets(ctx), listSafetyRuns(ctx), getTaxonomy(ctx)]);
  const labels = Object.fromEntries(taxonomy.taxonomy.categories.map((c) => [c.key, c.label]));
  const recent = runs.slice(0, RECENT_RUNS);

  return (
    <>
      <PageHeader
        title="Safety"
        description="The prompt suites your generative models are tested against, the endpoints that answer them, and the runs that grade the answers. Suite prompts can be harmful: they stay hidden until you choose to show them."
        actions={
          <>
            <ButtonLink variant="secondary" href="/redteam">Red-team campaigns</ButtonLink>
            <ButtonLink variant="secondary" href="/settings/taxonomy">Taxonomy</ButtonLink>
            {canWrite && <ButtonLink variant="secondary" href="/safety/suites/import">Import a suite</ButtonLink>}
            {canWrite && <ButtonLink href="/safety/targets/new">Add a target</ButtonLink>}
          </>
        }
      />

      <div className="space-y-8">
        <Card title="Suites">
          {suites.length === 0 ? (
            <EmptyState title="No suites installed yet">
              {canWrite ? (
                <>Install a built-in suite below, or <Link className={link} href="/safety/suites/import">import your own</Link> from a CSV or JSONL file.</>
              ) : (
                "Admins and scientists install built-in suites or import their own; they will be listed here."
              )}
            </EmptyState>
          ) : (
            <Table caption="Installed safety suites">
              <thead>
                <tr>
                  <Th>Suite</Th>
                  <Th>Key</Th>
                  <Th>Source</Th>
                  <Th>Latest version</Th>
                  <Th className="text-right">Items</Th>
                  <Th>Categories</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {suites.map((s) => (
                  <tr key={s.id}>
                    <th scope="row" className="px-3 py-2 text-left align-top font-medium">
                      <Link className={link} href={`/safety/suites/${s.id}`}>{s.name}</Link>
                    </th>
                    <Td><code className="text-xs">{s.key}</code></Td>
                    <Td><Badge tone={SOURCE_TONES[s.source]}>{SOURCE_LABELS[s.source]}</Badge></Td>
                    <Td className="whitespace-nowrap">
                      {s.latest ? (
                        <>
                          Version {s.latest.version}
                          <span className="block text-xs text-slate-500">{formatDate(s.latest.createdAt)}</span>
                        </>
                      ) : (
                        <span className="text-slate-500">None</span>
                      )}
                    </Td>
                    <Td className="text-right tabular-nums">{formatCount(s.latest?.itemCount ?? 0)}</Td>
                    <Td className="max-w-md text-xs text-slate-700">{s.latest ? summariseCategories(s.latest.categories, labels) || "—" : "—"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>

        <Card title="Built-in suites">
          {builtins.length === 0 ? (
            <p className="text-sm text-slate-600">Every built-in suite is installed.</p>
          ) : (
            <div className="space-y-3">
              <p className="text-sm text-slate-600">
                Public benchmarks converted for Assay, each with its licence and origin. Installing copies a suite into this organisation, with its categories mapped by your{" "}
                <Link className={link} href="/settings/taxonomy">taxonomy</Link>.
                {!canWrite && " Admins and scientists install them."}
              </p>
              <Table caption="Built-in suites not installed yet">
                <thead>
                  <tr>
                    <Th>Suite</Th>
                    <Th>Licence</Th>
                    <Th>Origin</Th>
                    <Th className="text-right">Items</Th>
                    {canWrite && <Th><span className="sr-only">Install</span></Th>}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {builtins.map((b) => (
                    <tr key={b.key}>
                      <th scope="row" className="max-w-md px-3 py-2 text-left align-top font-normal">
                        <span className="font-medium text-slate-900">{b.name}</span> <code className="text-xs text-slate-500">{b.key}</code>
                        {b.description && <span className="mt-0.5 block text-xs text-slate-600">{b.description}</span>}
                      </th>
                      <Td className="max-w-48 text-xs">{b.licence}</Td>
                      <Td className="max-w-56 text-xs"><Origin origin={b.origin} url={"originUrl" in b ? b.originUrl : undefined} /></Td>
                      <Td className="text-right tabular-nums">{formatCount(b.itemCount)}</Td>
                      {canWrite && <Td><InstallBuiltinButton suiteKey={b.key} name={b.name} /></Td>}
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
          )}
        </Card>

        <Card title="Targets" actions={canWrite ? <ButtonLink variant="secondary" href="/safety/targets/new">Add a target</ButtonLink> : undefined}>
          {targets.length === 0 ? (
            <EmptyState title="No targets yet">
              {canWrite
                ? "A target is how Assay reaches a model: an OpenAI-compatible chat completions endpoint, or a file of responses collected offline."
                : "Admins and scientists add targets: the endpoints or response files that suites are run against."}
            </EmptyState>
          ) : (
            <Table caption="Targets: the endpoints and response files suites run against">
              <thead>
                <tr>
                  <Th>Target</Th>
                  <Th>Kind</Th>
                  <Th>Model</Th>
                  <Th>Base URL</Th>
                  <Th>Model version</Th>
                  <Th>API key</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {targets.map((t) => (
                  <tr key={t.id}>
                    <th scope="row" className="px-3 py-2 text-left align-top font-medium">
                      <Link className={link} href={`/safety/targets/${t.id}`}>{t.name}</Link>
                    </th>
                    <Td className="whitespace-nowrap">{TARGET_KIND_LABELS[t.kind]}</Td>
                    <Td>{t.kind === "offline" ? <span className="text-slate-600">{plural(t.offlineCount ?? 0, "response")}</span> : <code className="text-xs">{t.model}</code>}</Td>
                    <Td className="max-w-64 break-all font-mono text-xs">{t.baseUrl ?? "—"}</Td>
                    <Td>{t.modelVersionId ? <Link className={link} href={`/versions/${t.modelVersionId}`}>{t.modelVersionLabel ?? "Version"}</Link> : <span className="text-slate-500">—</span>}</Td>
                    <Td>{t.kind === "offline" ? <span className="text-slate-500">Not needed</span> : t.hasApiKey ? <Badge tone="good">Key stored</Badge> : <span className="text-slate-500">No key</span>}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>

        <Card title="Recent safety runs">
          {recent.length === 0 ? (
            <EmptyState title="No safety runs yet">
              A safety run sends a suite&apos;s prompts to a target and grades the answers; runs across the organisation will be listed here.
            </EmptyState>
          ) : (
            <div className="space-y-2">
              <Table caption="Recent safety runs across the organisation, newest first">
                <thead>
                  <tr>
                    <Th>System</Th>
                    <Th>Version</Th>
                    <Th>Suite</Th>
                    <Th>Target</Th>
                    <Th>Status</Th>
                    <Th className="text-right">Items answered</Th>
                    <Th>Started</Th>
                    <Th><span className="sr-only">Results</span></Th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {recent.map((r) => (
                    <tr key={r.id}>
                      <Td><Link className={link} href={`/systems/${r.system.id}`}>{r.system.name}</Link></Td>
                      <Td><Link className={link} href={`/versions/${r.modelVersion.id}`}>{r.modelVersion.label}</Link></Td>
                      <Td>
                        <Link className={link} href={`/safety/suites/${r.suite.id}?version=${r.suite.version}`}>{r.suite.name}</Link>
                        <span className="block text-xs text-slate-500">Version {r.suite.version}</span>
                      </Td>
                      <Td><Link className={link} href={`/safety/targets/${r.target.id}`}>{r.target.name}</Link></Td>
                      <Td><SafetyRunStatusBadge status={r.status} /></Td>
                      <Td className="whitespace-nowrap text-right tabular-nums">
                        {formatCount(r.itemsDone)} / {formatCount(r.itemsTotal)}
                        {r.itemsFailed > 0 && <span className="block text-xs text-red-700">{plural(r.itemsFailed, "error")}</span>}
                      </Td>
                      <Td className="whitespace-nowrap text-xs">{formatDate(r.startedAt ?? r.createdAt)}</Td>
                      <Td><Link className={link} href={`/safety/runs/${r.id}`} aria-label={`Results of the ${r.suite.name} run on ${r.system.name} ${r.modelVersion.label}`}>Results</Link></Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              {runs.length > RECENT_RUNS && <p className="text-xs text-slate-500">The latest {RECENT_RUNS} runs are shown.</p>}
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
