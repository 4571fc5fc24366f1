import { compareSafetyRuns } from "@assay/core";
import { prisma, type Tx } from "@assay/db";
import { assertCan, type ServiceContext } from "../context";
import { conflict, notFound } from "../errors";
import { safetyRunConfigSchema } from "../safety/run-config";
import type { StoredSafetyResult } from "../safety/runs";
import { renderReportMarkdown } from "./report-document";
import { renderReportPdf } from "./report-pdf";
import { runReportFormatSchema, type RunReport } from "./run-report";
import { buildSafetyReport, type SafetyReportInput } from "./safety-report";

const CONTENT_TYPES = { pdf: "application/pdf", md: "text/markdown; charset=utf-8" } as const;

/** Everything a safety report shows, read through `tx` so the evidence pack gets one snapshot. Null unless the run succeeded. */
export async function loadSafetyReportInput(tx: Tx, orgId: string, runId: string): Promise<SafetyReportInput | null> {
  const run = await tx.evaluationRun.findFirst({
    where: { id: runId, orgId, kind: "safety", status: "succeeded" },
    include: {
      modelVersion: { include: { system: true } },
      suiteVersion: { include: { suite: true } },
      planVersion: { select: { version: true } },
      checkResults: { orderBy: { checkId: "asc" } },
    },
  });
  if (!run || !run.suiteVersion || !run.results) return null;
  const result = run.results as unknown as StoredSafetyResult;
  let baseline: SafetyReportInput["baseline"] = null;
  if (run.baselineRunId) {
    const base = await tx.evaluationRun.findFirst({
      where: { id: run.baselineRunId, orgId, kind: "safety", status: "succeeded" },
      select: { id: true, results: true, modelVersion: { select: { label: true } } },
    });
    if (base?.results) {
      const baseResult = base.results as unknown as StoredSafetyResult;
      baseline = { runId: base.id, version: base.modelVersion.label, comparison: compareSafetyRuns(baseResult.summary, result.summary) };
    }
  }
  const overrides = await tx.verdictOverride.findMany({
    where: { response: { runId: run.id } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { response: { select: { item: { select: { externalId: true } } } } },
  });
  const users = await tx.user.findMany({ where: { id: { in: [...new Set(overrides.map((o) => o.userId))] } }, select: { id: true, name: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  return {
    run: { id: run.id, finishedAt: run.finishedAt, codeVersion: run.codeVersion, suiteSha256: run.datasetSha256, planVersion: run.planVersion.version },
    system: run.modelVersion.system.name,
    version: run.modelVersion.label,
    suite: { key: run.suiteVersion.suite.key, name: run.suiteVersion.suite.name, version: run.suiteVersion.version, licence: run.suiteVersion.suite.licence, origin: run.suiteVersion.suite.origin },
    config: safetyRunConfigSchema.parse(run.config),
    result,
    checks: run.checkResults.map((c) => ({ checkId: c.checkId, passed: c.passed, summary: c.summary })),
    baseline,
    overrides: overrides.map((o) => ({
      grader: o.grader,
      previousLabel: o.previousLabel,
      label: o.label,
      reason: o.reason,
      by: nameOf.get(o.userId) ?? o.userId,
      at: o.createdAt,
      externalId: o.response.item.externalId,
    })),
  };
}

export async function renderSafetyReport(input: SafetyReportInput, format: "pdf" | "md"): Promise<string | Uint8Array> {
  const document = buildSafetyReport(input);
  return format === "pdf" ? renderReportPdf(document) : renderReportMarkdown(document);
}

/** The safety assessment of a succeeded run, as PDF or Markdown; every member (auditors included) may read it. */
export async function getSafetyRunReport(ctx: ServiceContext, runId: string, format: string): Promise<RunReport> {
  assertCan(ctx, "org.read");
  const kind = runReportFormatSchema.parse(format);
  const exists = await prisma.evaluationRun.findFirst({ where: { id: runId, orgId: ctx.orgId, kind: "safety" }, select: { status: true } });
  if (!exists) throw notFound("Safety run");
  const input = await prisma.$transaction((tx) => loadSafetyReportInput(tx, ctx.orgId, runId), { isolationLevel: "RepeatableRead" });
  if (!input) throw conflict(`Only a succeeded run has a safety assessment report; this one is ${exists.status}.`);
  return { fileName: `assay-run-${runId}-safety-assessment.${kind}`, contentType: CONTENT_TYPES[kind], body: await renderSafetyReport(input, kind) };
}
