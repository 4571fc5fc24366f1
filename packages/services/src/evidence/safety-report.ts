import { formatSafetyValue, SAFETY_METRIC_DEFINITIONS, SAFETY_METRICS, type RateEstimate, type SafetyRunComparison } from "@assay/core";
import type { SafetyRunConfig } from "../safety/run-config";
import type { StoredSafetyResult } from "../safety/runs";
import { blockWriter, code, strong, type Inline, type ReportDocument } from "./report-document";

/**
 * The safety assessment of one run: what was sent to which target, graded
 * how, the five metrics overall and per category with Wilson intervals and
 * denominators, the gates, the comparison with the baseline, and the human
 * overrides. It quotes no prompt or response: the suite's SHA-256 names them.
 */
export type SafetyReportInput = {
  run: { id: string; finishedAt: Date | null; codeVersion: string; suiteSha256: string; planVersion: number };
  system: string;
  version: string;
  suite: { key: string; name: string; version: number; licence: string; origin: string };
  config: SafetyRunConfig;
  result: StoredSafetyResult;
  checks: Array<{ checkId: string; passed: boolean; summary: string }>;
  baseline: { runId: string; version: string; comparison: SafetyRunComparison } | null;
  overrides: Array<{ grader: string; previousLabel: string; label: string; reason: string; by: string; at: Date; externalId: string }>;
};

const estimate = (metric: (typeof SAFETY_METRICS)[number], e: RateEstimate): string => {
  if (e.value === null) return "— (no items)";
  const ci = e.ci ? ` [${formatSafetyValue(metric, e.ci.lower)}, ${formatSafetyValue(metric, e.ci.upper)}]` : "";
  return `${formatSafetyValue(metric, e.value)}${ci} (${e.numerator} of ${e.denominator})`;
};

export function buildSafetyReport(input: SafetyReportInput): ReportDocument {
  const w = blockWriter();
  const { summary, usage } = input.result;
  const { config } = input;

  w.heading(2, "Gates");
  if (input.checks.length === 0) w.paragraph("The plan has no safety check on this suite.");
  else w.table(["Check", "Result", "Summary"], input.checks.map((c) => [[code(c.checkId)], [c.passed ? "PASS" : strong("FAIL")], [c.summary]]));

  w.heading(2, "Metrics (Wilson 95% intervals)");
  w.paragraph(
    `${summary.counts.items} items: ${summary.counts.graded} graded, ${summary.counts.errored} without a response from the target, ${summary.counts.ungraded} answered but ungraded. `,
    "Errored items are excluded from every denominator.",
  );
  w.table(["Metric", "Overall"], SAFETY_METRICS.map((m) => [[SAFETY_METRIC_DEFINITIONS[m].label], [estimate(m, summary.overall[m])]]));

  w.heading(2, "By category");
  w.table(
    ["Category", "Items", ...SAFETY_METRICS.map((m) => SAFETY_METRIC_DEFINITIONS[m].label)],
    summary.byCategory.map((c) => [[code(c.category)], [String(c.n)], ...SAFETY_METRICS.map((m): Inline[] => [estimate(m, c.metrics[m])])]),
  );

  if (input.baseline) {
    const cmp = input.baseline.comparison;
    w.heading(2, `Compared with the baseline (${input.baseline.version})`);
    w.paragraph(
      `Baseline run `,
      code(input.baseline.runId),
      `. Differences are candidate − baseline with Newcombe 95% intervals; p-values are adjusted with ${cmp.correction} across ${cmp.comparisonCount} comparisons at α = ${cmp.alpha}. `,
      `${cmp.counts.regressions} regressions, ${cmp.counts.improvements} improvements.`,
    );
    w.table(
      ["Scope", "Metric", "Baseline", "Candidate", "Difference [95% CI]", "Adjusted p", "Verdict"],
      cmp.changes
        .filter((c) => c.difference !== null)
        .map((c) => [
          [c.category ? code(c.category) : "overall"],
          [SAFETY_METRIC_DEFINITIONS[c.metric].label],
          [estimate(c.metric, c.baseline)],
          [estimate(c.metric, c.candidate)],
          [
            `${formatSafetyValue(c.metric, c.difference ?? 0)}${c.differenceCi ? ` [${formatSafetyValue(c.metric, c.differenceCi.lower)}, ${formatSafetyValue(c.metric, c.differenceCi.upper)}]` : ""}`,
          ],
          [c.adjustedPValue === null ? "—" : c.adjustedPValue < 0.001 ? c.adjustedPValue.toExponential(1) : c.adjustedPValue.toFixed(3)],
          [c.regression ? strong("regression") : c.improvement ? "improvement" : "no significant change"],
        ]),
    );
  }

  w.heading(2, "Human overrides");
  if (input.overrides.length === 0) w.paragraph("No verdict was overridden.");
  else
    w.table(
      ["Item", "Grader", "From → to", "Who", "When", "Why"],
      input.overrides.map((o) => [[code(o.externalId)], [o.grader], [`${o.previousLabel} → ${o.label}`], [o.by], [o.at.toISOString()], [o.reason]]),
    );

  w.heading(2, "How it was measured");
  w.list([
    [`Target: ${config.target.kind === "offline" ? "uploaded responses" : "OpenAI-compatible endpoint"} `, code(config.target.model ?? config.target.name), config.target.baseUrl ? ` at ${config.target.baseUrl}` : ""],
    [`Temperature ${config.target.temperature}, max tokens ${config.target.maxTokens}, concurrency ${config.target.concurrency}; system prompt SHA-256 `, code(config.target.systemPromptSha256 ?? "none")],
    ["Graders: ", ...Object.entries(config.graders.versions).flatMap(([k, v], i): Inline[] => [i ? ", " : "", `${k} `, code(v)]), `; ${config.graders.policyRules.length} policy rules`],
    config.judge ? ["LLM judge ", code(config.judge.model), " with rubric ", code(config.judge.rubricVersion)] : ["No LLM judge."],
    [`Usage: ${usage.promptTokens.toLocaleString("en-US")} prompt and ${usage.completionTokens.toLocaleString("en-US")} completion tokens; cost ${usage.costUsd === null ? "unknown (no price for the model)" : `$${usage.costUsd.toFixed(4)}`}; latency p50 ${usage.latencyP50Ms ?? "—"} ms, p95 ${usage.latencyP95Ms ?? "—"} ms`],
  ]);

  return {
    title: `Safety assessment: ${input.system} · ${input.version} on ${input.suite.name}`,
    facts: [
      { label: "Run", value: [code(input.run.id)] },
      { label: "Suite", value: [`${input.suite.name} (`, code(input.suite.key), ` v${input.suite.version}), ${input.suite.licence || "licence not recorded"}`] },
      { label: "Suite SHA-256", value: [code(input.run.suiteSha256)] },
      { label: "Origin", value: [input.suite.origin || "—"] },
      { label: "Plan version", value: [String(input.run.planVersion)] },
      { label: "Code version", value: [code(input.run.codeVersion)] },
      { label: "Finished", value: [input.run.finishedAt ? input.run.finishedAt.toISOString() : "—"] },
    ],
    footer: `Run ${input.run.id} · suite SHA-256 ${input.run.suiteSha256}`,
    metadata: { subject: `Safety assessment of run ${input.run.id}`, keywords: ["safety assessment", input.run.id, input.suite.key], creator: "Assay", date: input.run.finishedAt },
    blocks: w.blocks,
  };
}
