import { GROUP_METRIC_LABELS, RATE_METRIC_LABELS, type FairnessAnalysis, type FairnessResult, type GroupMetric } from "@assay/core";
import type { CheckResult, RiskEntry } from "@assay/db";

/**
 * The fairness assessment report of one run, in Markdown: what was measured
 * on which segments, every reported figure with its interval, the failed
 * checks, what the data cannot support (small groups, missing attributes,
 * base-rate differences) and the risks raised with their status. It goes into
 * the evidence pack next to the run's raw JSON.
 */

export type ReportRun = {
  id: string;
  datasetName: string;
  datasetSha256: string;
  planVersion: number;
  codeVersion: string;
  finishedAt: Date | null;
  results: (FairnessResult & { analysis?: FairnessAnalysis }) | null;
  checkResults: Pick<CheckResult, "checkId" | "passed" | "summary">[];
};

const TABLE_METRICS: GroupMetric[] = ["selection_rate", "base_rate", "tpr", "fpr", "ppv", "accuracy"];

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(1)} %`);
const num = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? "—" : x.toFixed(digits));
const interval = (i: { lower: number; upper: number } | null | undefined) => (i ? `[${num(i.lower)}, ${num(i.upper)}]` : "");
const p = (x: number) => (x < 0.001 ? x.toExponential(1) : x.toFixed(3));
const cell = (text: string) => text.replaceAll("|", "\\|");

export function renderFairnessReport(system: string, version: string, run: ReportRun, risks: readonly RiskEntry[]): string {
  const out: string[] = [];
  const results = run.results;
  out.push(`# Fairness assessment: ${system} ${version}`, "");
  out.push(`Run \`${run.id}\`, finished ${run.finishedAt ? run.finishedAt.toISOString() : "—"}; plan version ${run.planVersion}; code version \`${run.codeVersion}\`.`);
  out.push(`Dataset “${run.datasetName}”, SHA-256 \`${run.datasetSha256}\`.`, "");
  if (!results) {
    out.push("This run has no results.", "");
    return out.join("\n");
  }
  const analysis = results.analysis;

  out.push("## Segments", "");
  out.push(`${results.rowCount.toLocaleString("en-US")} rows; positive value \`${results.positiveValue}\`.`, "");
  out.push("| attribute | groups | reference group | missing values |", "| --- | --- | --- | --- |");
  for (const a of results.attributes) {
    // The analysis compares against the plan's reference group where the plan names one.
    const reference = analysis?.attributes.find((x) => x.attribute === a.attribute)?.summary.referenceGroup ?? a.referenceGroup;
    out.push(`| ${cell(a.attribute)} | ${a.groups.length} | ${cell(reference)} | ${a.missingCount.toLocaleString("en-US")} (${pct(a.missingRate)}) |`);
  }
  out.push("", "Rows with a missing value of an attribute form their own group; no row is dropped.", "");

  out.push("## Checks", "");
  if (run.checkResults.length === 0) out.push("The plan had no checks.", "");
  else {
    out.push("| check | result | finding |", "| --- | --- | --- |");
    for (const c of run.checkResults) out.push(`| \`${c.checkId}\` | ${c.passed ? "pass" : "**fail**"} | ${cell(c.summary)} |`);
    out.push("");
  }

  out.push("## Metrics per group", "");
  out.push("Each rate with its Wilson 95% interval; with the analysis, the bootstrap interval follows in the JSON.", "");
  for (const a of results.attributes) {
    out.push(`### ${a.attribute}`, "");
    out.push(`| group | n | share | ${TABLE_METRICS.map((m) => GROUP_METRIC_LABELS[m]).join(" | ")} |`);
    out.push(`| --- | --- | --- | ${TABLE_METRICS.map(() => "---").join(" | ")} |`);
    for (const g of a.groups) {
      const values = TABLE_METRICS.map((m) => {
        const rate = m in g.metrics ? g.metrics[m as keyof typeof g.metrics] : undefined;
        return rate ? `${num(rate.value)} ${interval(rate.ci)}` : "—";
      });
      out.push(`| ${cell(g.group)}${g.smallSampleWarning ? " ⚠" : ""} | ${g.n.toLocaleString("en-US")} | ${pct(g.share)} | ${values.join(" | ")} |`);
    }
    out.push("");
  }

  if (analysis) {
    out.push("## Significant differences", "");
    out.push(
      `Each group against its attribute's reference group: two-proportion z-test, or Fisher's exact test where an expected count is under 5; ` +
        `${analysis.comparisonCount} comparisons, Holm and Benjamini–Hochberg corrections across all of them, α = ${analysis.alpha}. ` +
        `Intervals: percentile bootstrap, ${analysis.resamples.toLocaleString("en-US")} resamples of the per-group counts, seed ${analysis.seed}.`,
      "",
    );
    const significant = analysis.attributes.flatMap((a) => a.comparisons.filter((c) => c.significantHolm && ["selection_rate", "tpr", "fpr", "ppv"].includes(c.metric)));
    if (significant.length === 0) out.push("No difference in selection rate, TPR, FPR or precision survives the Holm correction.", "");
    else {
      out.push("| attribute | group vs reference | metric | ratio [bootstrap 95 %] | p (raw) | p (Holm) |", "| --- | --- | --- | --- | --- | --- |");
      for (const c of significant) {
        const attr = analysis.attributes.find((a) => a.attribute === c.attribute)!;
        const ratio = attr.summary.metrics[c.metric].vsReference.find((v) => v.group === c.group)?.ratio ?? null;
        const ci = attr.bootstrap.vsReference[c.metric]?.[c.group]?.ratio;
        out.push(`| ${cell(c.attribute)} | ${cell(c.group)} vs ${cell(c.referenceGroup)} | ${RATE_METRIC_LABELS[c.metric as keyof typeof RATE_METRIC_LABELS] ?? c.metric} | ${num(ratio)} ${interval(ci)} | ${p(c.pValue)} | ${p(c.holm)} |`);
      }
      out.push("");
    }
    out.push("### Summaries (fairlearn conventions)", "");
    out.push("| attribute | demographic parity diff / ratio | equalized odds diff / ratio | equal opportunity diff | four-fifths rule |", "| --- | --- | --- | --- | --- |");
    for (const a of analysis.attributes) {
      const s = a.summary;
      const fourFifths = s.fourFifths.passed === null ? "—" : s.fourFifths.passed ? "passes" : `fails (${s.fourFifths.failingGroups.join(", ")})`;
      out.push(
        `| ${cell(a.attribute)} | ${num(s.demographicParity.difference)} / ${num(s.demographicParity.ratio)} | ${num(s.equalizedOdds.difference)} / ${num(s.equalizedOdds.ratio)} | ${num(s.equalOpportunity.difference)} | ${cell(fourFifths)} |`,
      );
    }
    out.push("");
  }

  out.push("## Limitations", "");
  const limits: string[] = [];
  for (const a of results.attributes) {
    const small = a.groups.filter((g) => g.smallSampleWarning);
    if (small.length > 0) limits.push(`- **${a.attribute}**: ${small.map((g) => `${g.group} (n = ${g.n})`).join(", ")} are too small for firm conclusions; read their intervals, not their point estimates.`);
    if (a.missingCount > 0) limits.push(`- **${a.attribute}** is missing for ${a.missingCount.toLocaleString("en-US")} rows (${pct(a.missingRate)}); they are reported as their own group.`);
    const baseRates = a.groups.filter((g) => !g.isMissing && g.metrics.base_rate.value !== null).map((g) => g.metrics.base_rate.value!);
    if (baseRates.length > 1 && Math.max(...baseRates) - Math.min(...baseRates) > 0.05) {
      limits.push(
        `- Base rates differ across **${a.attribute}** (${pct(Math.min(...baseRates))} to ${pct(Math.max(...baseRates))}): error-rate balance and calibration cannot both hold, so equal FPR/FNR and equal precision are competing goals.`,
      );
    }
  }
  out.push(...(limits.length > 0 ? limits : ["- None found by the automatic checks."]), "");

  out.push("## Risks and mitigations", "");
  const linked = risks.filter((r) => r.runId === run.id);
  if (linked.length === 0) out.push("No risk was raised from this run.", "");
  else {
    out.push("| risk | check | severity | status |", "| --- | --- | --- | --- |");
    for (const r of linked) out.push(`| ${cell(r.statement)} | ${r.checkId ? `\`${r.checkId}\`` : "—"} | ${r.severity} | ${r.status} |`);
    out.push("");
  }
  return out.join("\n");
}
