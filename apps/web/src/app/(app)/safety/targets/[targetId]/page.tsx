import { can } from "@assay/core";
import { getTarget, ServiceError } from "@assay/services";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatCount } from "@/components/runs/format";
import { RevealText } from "@/components/safety/reveal-text";
import { TARGET_KIND_LABELS } from "@/components/safety/suite-labels";
import { ChatTargetFormView } from "@/components/safety/target-form";
import { formFromTarget } from "@/components/safety/target-form-data";
import { targetVersionOptions } from "@/components/safety/target-versions";
import { Badge, ButtonLink, Card, DefinitionList, PageHeader, formatDate } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Target · Assay" };

const link = "text-brand-700 hover:underline";
const price = (value: number | null) => (value === null ? "Built-in price table" : `$${value} per million tokens`);

export default async function TargetPage({ params }: { params: Promise<{ targetId: string }> }) {
  const { targetId } = await params;
  const ctx = await pageContext();
  const target = await getTarget(ctx, targetId).catch((error: unknown) => {
    // Another organisation's target reads as absent, like a wrong id.
    if (error instanceof ServiceError && error.status === 404) notFound();
    throw error;
  });
  const canWrite = can(ctx.roles, "safety.write");
  const isChat = target.kind === "chat_completions";
  const versions = canWrite && isChat ? await targetVersionOptions(ctx) : [];

  const common = [
    { term: "Kind", value: TARGET_KIND_LABELS[target.kind] },
    {
      term: "Model version",
      value: target.modelVersionId ? <Link className={link} href={`/versions/${target.modelVersionId}`}>{target.modelVersionLabel ?? "Model version"}</Link> : "",
    },
  ];
  const chat = [
    { term: "Base URL", value: <span className="break-all font-mono text-xs">{target.baseUrl}</span> },
    { term: "Model", value: <code className="text-xs">{target.model}</code> },
    { term: "API key", value: target.hasApiKey ? <Badge tone="good">Key stored</Badge> : "No key" },
    { term: "System prompt", value: target.systemPrompt ? <RevealText text={target.systemPrompt} label="system prompt" /> : "None" },
    { term: "Temperature", value: String(target.temperature) },
    { term: "Max tokens", value: formatCount(target.maxTokens) },
    { term: "Concurrency", value: `${target.concurrency} requests at once` },
    { term: "Requests per second", value: target.requestsPerSecond === null ? "No limit" : String(target.requestsPerSecond) },
    { term: "Timeout", value: `${target.timeoutMs / 1000} s per request` },
    { term: "Input price", value: price(target.inputPricePerMTok) },
    { term: "Output price", value: price(target.outputPricePerMTok) },
  ];
  const offline = [
    { term: "Responses", value: formatCount(target.offlineCount ?? 0) },
    { term: "File SHA-256", value: target.offlineSha256 ? <code className="break-all text-xs">{target.offlineSha256}</code> : "" },
  ];
  const dates = [
    { term: "Added", value: formatDate(target.createdAt) },
    { term: "Last changed", value: formatDate(target.updatedAt) },
  ];

  return (
    <>
      <PageHeader
        title={target.name}
        description={isChat ? "An OpenAI-compatible chat completions endpoint that safety suites are sent to." : "Responses collected outside Assay, graded against a suite's items."}
        breadcrumbs={[{ href: "/safety", label: "Safety" }, { href: `/safety/targets/${target.id}`, label: target.name }]}
      />
      <div className="space-y-8">
        <Card title="Target record">
          <DefinitionList items={[...common, ...(isChat ? chat : offline), ...dates]} />
        </Card>

        {canWrite && isChat && (
          <Card title="Edit the target">
            <ChatTargetFormView
              mode="edit"
              targetId={target.id}
              initial={formFromTarget(target)}
              hasApiKey={target.hasApiKey}
              versions={versions}
              footer={<ButtonLink variant="secondary" href="/safety">Back to the library</ButtonLink>}
            />
          </Card>
        )}
        {canWrite && !isChat && (
          <Card title="Changing the responses">
            <p className="text-sm text-slate-600">
              An offline target cannot be edited: runs record the exact file they graded. To grade new responses,{" "}
              <Link className={link} href="/safety/targets/new">add a new offline target</Link> with the new file.
            </p>
          </Card>
        )}
        {!canWrite && <p className="text-sm text-slate-600">Admins and scientists change targets; every change is recorded in the audit trail.</p>}
      </div>
    </>
  );
}
