import type { SafetyRunDto } from "@assay/services";
import Link from "next/link";
import { CopyButton } from "@/components/datasets/copy-button";
import { formatDuration } from "@/components/runs/format";
import { DefinitionList, formatDate } from "@/components/ui";
import { formatCount, formatLatency, plural } from "./run-format";

const code = "font-mono text-xs";
const link = "text-brand-700 hover:underline";

/** What the run's results rest on, enough to repeat it: suite hash, target settings, judge, graders, code and plan versions. */
export function SafetyRunProvenance({ run }: { run: SafetyRunDto }) {
  const { config } = run;
  const t = config.target;
  const duration = formatDuration(run.startedAt, run.finishedAt);
  const graderVersions = Object.entries(config.graders.versions);
  return (
    <DefinitionList
      items={[
        {
          term: "Suite",
          value: (
            <>
              {run.suite.name} <span className="text-slate-500">(<code className={code}>{config.suite.key}</code>)</span>, version {config.suite.version}
              <span className="block text-xs text-slate-600">Source version {config.suite.sourceVersion || "—"}{config.limit ? ` · first ${plural(config.limit, "item")} only (smoke run)` : ""}</span>
            </>
          ),
        },
        {
          term: "Suite SHA-256",
          value: (
            <span className="flex items-start gap-1">
              <code className={`break-all ${code}`}>{run.suiteSha256}</code>
              <CopyButton value={run.suiteSha256} label="Copy the suite's SHA-256" />
            </span>
          ),
        },
        {
          term: "Target",
          value: (
            <>
              {t.name} · {t.kind === "offline" ? "offline responses" : "chat completions endpoint"}
              {t.model && <span className="block text-xs text-slate-600">Model <code className={code}>{t.model}</code>{t.baseUrl ? <> at <code className={`break-all ${code}`}>{t.baseUrl}</code></> : null}</span>}
              {t.kind === "chat_completions" && (
                <span className="block text-xs text-slate-600">
                  Temperature {t.temperature} · max {formatCount(t.maxTokens)} tokens · {t.concurrency} concurrent
                  {t.requestsPerSecond ? ` · ${t.requestsPerSecond} requests/s` : ""} · timeout {formatLatency(t.timeoutMs)}
                </span>
              )}
              <span className="block text-xs text-slate-600">
                System prompt {t.systemPromptSha256 ? <>SHA-256 <code className={code} title={t.systemPromptSha256}>{t.systemPromptSha256.slice(0, 12)}…</code></> : "none"}
              </span>
              {t.offlineSha256 && <span className="block text-xs text-slate-600">Responses file SHA-256 <code className={code} title={t.offlineSha256}>{t.offlineSha256.slice(0, 12)}…</code></span>}
            </>
          ),
        },
        {
          term: "Judge",
          value: config.judge ? (
            <>
              {run.judge?.name ?? "Judge target"} · model <code className={code}>{config.judge.model || "—"}</code>
              <span className="block text-xs text-slate-600">Rubric version <code className={code}>{config.judge.rubricVersion}</code></span>
            </>
          ) : (
            "None: refuse items are decided by the refusal grader, injections without a detector stay ungraded."
          ),
        },
        {
          term: "Graders",
          value: (
            <>
              {graderVersions.map(([name, version]) => (
                <span key={name} className="block text-xs">{name} <code className={code}>{version}</code></span>
              ))}
              <span className="block text-xs text-slate-600">{plural(config.graders.policyRules.length, "policy rule")}</span>
            </>
          ),
        },
        { term: "Code version", value: <code className={code}>{run.codeVersion}</code> },
        { term: "Evaluation plan", value: <Link className={link} href={`/versions/${run.modelVersion.id}#plan`}>Version {run.planVersion.version}</Link> },
        { term: "Started by", value: `${run.createdBy.name}, ${formatDate(run.createdAt)}` },
        { term: "Processing started", value: run.startedAt ? formatDate(run.startedAt) : "" },
        { term: "Finished", value: run.finishedAt ? `${formatDate(run.finishedAt)}${duration ? ` (${duration})` : ""}` : "" },
        { term: "Attempts", value: String(run.attempts) },
        { term: "Run id", value: <code className={`break-all ${code}`}>{run.id}</code> },
      ]}
    />
  );
}
