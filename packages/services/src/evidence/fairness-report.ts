import { GROUP_METRIC_LABELS, RATE_METRIC_LABELS, type FairnessAnalysis, type FairnessResult, type GroupMetric } from "@assay/core";
import type { CheckResult, RiskEntry } from "@assay/db";

/**
 * The fairness assessment report of one run: what was measured on which
 * segments, every reported figure with its interval, the failed checks, what
 * the data cannot support (small groups, missing attributes, base-rate
 * differences) and the risks raised with their status. The content is built
 * once as a small document model, then rendered to Markdown here and to PDF
 * in fairness-report-pdf.ts, so the two never say different things. Both go
 * into the evidence pack next to the run's raw JSON.
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

/** A run of text; plain strings are ordinary text. */
export type Inline = string | { style: "code" | "strong"; text: string };

export type ReportBlock =
  | { kind: "heading"; level: 2 | 3; text: string }
  | { kind: "paragraph"; content: Inline[] }
  | { kind: "table"; header: string[]; rows: Inline[][][] }
  | { kind: "list"; items: Inline[][] };

export type FairnessReportDocument = {
  title: string;
  /** What the run was, rendered above everything else. */
  provenance: Pick<ReportRun, "id" | "finishedAt" | "planVersion" | "codeVersion" | "datasetName" | "datasetSha256">;
  blocks: ReportBlock[];
};

const TABLE_METRICS: GroupMetric[] = ["selection_rate", "base_rate", "tpr", "fpr", "ppv", "accuracy"];

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(1)} %`);
const num = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? "—" : x.toFixed(digits));
const interval = (i: { lower: number; upper: number } | null | undefined) => (i ? `[${num(i.lower)}, ${num(i.upper)}]` : "");
const p = (x: number) => (x < 0.001 ? x.toExponential(1) : x.toFixed(3));
const code = (text: string): Inline => ({ style: "code", text });
const strong = (text: string): Inline => ({ style: "strong", text });

export function buildFairnessReport(system: string, version: string, run: ReportRun, risks: readonly RiskEntry[]): FairnessReportDocument {
  const blocks: ReportBlock[] = [];
  const heading = (level: 2 | 3, text: string) => blocks.push({ kind: "heading", level, text });
  const paragraph = (...content: Inline[]) => blocks.push({ kind: "paragraph", content });
  const table = (header: string[], rows: Inline[][][]) => blocks.push({ kind: "table", header, rows });
  const doc: FairnessReportDocument = {
    title: `Fairness assessment: ${system} ${version}`,
    provenance: {
      id: run.id,
      finishedAt: run.finishedAt,
      planVersion: run.planVersion,
      codeVersion: run.codeVersion,
      datasetName: run.datasetName,
      datasetSha256: run.datasetSha256,
    },
    blocks,
  };
  const results = run.results;
  if (!results) {
    paragraph("This run has no results.");
    return doc;
  }
  const analysis = results.analysis;

  heading(2, "Segments");
  paragraph(`${results.rowCount.toLocaleString("en-US")} rows; positive value `, code(results.positiveValue), ".");
  table(
    ["attribute", "groups", "reference group", "missing values"],
    results.attributes.map((a) => {
      // The analysis compares against the plan's reference group where the plan names one.
      const reference = analysis?.attributes.find((x) => x.attribute === a.attribute)?.summary.referenceGroup ?? a.referenceGroup;
      return [[a.attribute], [String(a.groups.length)], [reference], [`${a.missingCount.toLocaleString("en-US")} (${pct(a.missingRate)})`]];
    }),
  );
  paragraph("Rows with a missing value of an attribute form their own group; no row is dropped.");

  heading(2, "Checks");
  if (run.checkResults.length === 0) paragraph("The plan had no checks.");
  else table(["check", "result", "finding"], run.checkResults.map((c) => [[code(c.checkId)], [c.passed ? "pass" : strong("fail")], [c.summary]]));

  heading(2, "Metrics per group");
  paragraph("Each rate with its Wilson 95% interval; with the analysis, the bootstrap interval follows in the JSON.");
  for (const a of results.attributes) {
    heading(3, a.attribute);
    table(
      ["group", "n", "share", ...TABLE_METRICS.map((m) => GROUP_METRIC_LABELS[m])],
      a.groups.map((g) => {
        const values = TABLE_METRICS.map((m): Inline[] => {
          const rate = m in g.metrics ? g.metrics[m as keyof typeof g.metrics] : undefined;
          return [rate ? `${num(rate.value)} ${interval(rate.ci)}` : "—"];
        });
        return [[`${g.group}${g.smallSampleWarning ? " ⚠" : ""}`], [g.n.toLocaleString("en-US")], [pct(g.share)], ...values];
      }),
    );
  }

  if (analysis) {
    heading(2, "Significant differences");
    paragraph(
      `Each group against its attribute's reference group: two-proportion z-test, or Fisher's exact test where an expected count is under 5; ` +
        `${analysis.comparisonCount} comparisons, Holm and Benjamini–Hochberg corrections across all of them, α = ${analysis.alpha}. ` +
        `Intervals: percentile bootstrap, ${analysis.resamples.toLocaleString("en-US")} resamples of the per-group counts, seed ${analysis.seed}.`,
    );
    const significant = analysis.attributes.flatMap((a) => a.comparisons.filter((c) => c.significantHolm && ["selection_rate", "tpr", "fpr", "ppv"].includes(c.metric)));
    if (significant.length === 0) paragraph("No difference in selection rate, TPR, FPR or precision survives the Holm correction.");
    else {
      table(
        ["attribute", "group vs reference", "metric", "ratio [bootstrap 95 %]", "p (raw)", "p (Holm)"],
        significant.map((c) => {
          const attr = analysis.attributes.find((a) => a.attribute === c.attribute)!;
          const ratio = attr.summary.metrics[c.metric].vsReference.find((v) => v.group === c.group)?.ratio ?? null;
          const ci = attr.bootstrap.vsReference[c.metric]?.[c.group]?.ratio;
          const label = RATE_METRIC_LABELS[c.metric as keyof typeof RATE_METRIC_LABELS] ?? c.metric;
          return [[c.attribute], [`${c.group} vs ${c.referenceGroup}`], [label], [`${num(ratio)} ${interval(ci)}`], [p(c.pValue)], [p(c.holm)]];
        }),
      );
    }
    heading(3, "Summaries (fairlearn conventions)");
    table(
      ["attribute", "demographic parity diff / ratio", "equalized odds diff / ratio", "equal opportunity diff", "four-fifths rule"],
      analysis.attributes.map((a) => {
        const s = a.summary;
        const fourFifths = s.fourFifths.passed === null ? "—" : s.fourFifths.passed ? "passes" : `fails (${s.fourFifths.failingGroups.join(", ")})`;
        return [
          [a.attribute],
          [`${num(s.demographicParity.difference)} / ${num(s.demographicParity.ratio)}`],
          [`${num(s.equalizedOdds.difference)} / ${num(s.equalizedOdds.ratio)}`],
          [num(s.equalOpportunity.difference)],
          [fourFifths],
        ];
      }),
    );
  }

  heading(2, "Limitations");
  const limits: Inline[][] = [];
  for (const a of results.attributes) {
    const small = a.groups.filter((g) => g.smallSampleWarning);
    if (small.length > 0) limits.push([strong(a.attribute), `: ${small.map((g) => `${g.group} (n = ${g.n})`).join(", ")} are too small for firm conclusions; read their intervals, not their point estimates.`]);
    if (a.missingCount > 0) limits.push([strong(a.attribute), ` is missing for ${a.missingCount.toLocaleString("en-US")} rows (${pct(a.missingRate)}); they are reported as their own group.`]);
    const baseRates = a.groups.filter((g) => !g.isMissing && g.metrics.base_rate.value !== null).map((g) => g.metrics.base_rate.value!);
    if (baseRates.length > 1 && Math.max(...baseRates) - Math.min(...baseRates) > 0.05) {
      limits.push([
        "Base rates differ across ",
        strong(a.attribute),
        ` (${pct(Math.min(...baseRates))} to ${pct(Math.max(...baseRates))}): error-rate balance and calibration cannot both hold, so equal FPR/FNR and equal precision are competing goals.`,
      ]);
    }
  }
  blocks.push({ kind: "list", items: limits.length > 0 ? limits : [["None found by the automatic checks."]] });

  heading(2, "Risks and mitigations");
  const linked = risks.filter((r) => r.runId === run.id);
  if (linked.length === 0) paragraph("No risk was raised from this run.");
  else table(["risk", "check", "severity", "status"], linked.map((r) => [[r.statement], [r.checkId ? code(r.checkId) : "—"], [r.severity], [r.status]]));
  return doc;
}

// Markdown ------------------------------------------------------------------

/** Plain text in a table cell must not end the cell; code spans and emphasis carry identifiers and fixed words. */
const cell = (text: string) => text.replaceAll("|", "\\|");

function markdownInline(content: readonly Inline[], inTable: boolean): string {
  return content.map((s) => (typeof s === "string" ? (inTable ? cell(s) : s) : s.style === "code" ? `\`${s.text}\`` : `**${s.text}**`)).join("");
}

function markdownBlock(block: ReportBlock): string[] {
  switch (block.kind) {
    case "heading":
      return [`${"#".repeat(block.level)} ${block.text}`];
    case "paragraph":
      return [markdownInline(block.content, false)];
    case "list":
      return block.items.map((item) => `- ${markdownInline(item, false)}`);
    case "table":
      return [
        `| ${block.header.map(cell).join(" | ")} |`,
        `| ${block.header.map(() => "---").join(" | ")} |`,
        ...block.rows.map((row) => `| ${row.map((c) => markdownInline(c, true)).join(" | ")} |`),
      ];
  }
}

export function renderFairnessReportMarkdown(doc: FairnessReportDocument): string {
  const { provenance: run } = doc;
  const out: string[] = [`# ${doc.title}`, ""];
  out.push(`Run \`${run.id}\`, finished ${run.finishedAt ? run.finishedAt.toISOString() : "—"}; plan version ${run.planVersion}; code version \`${run.codeVersion}\`.`);
  out.push(`Dataset “${run.datasetName}”, SHA-256 \`${run.datasetSha256}\`.`, "");
  for (const block of doc.blocks) out.push(...markdownBlock(block), "");
  return out.join("\n");
}

export function renderFairnessReport(system: string, version: string, run: ReportRun, risks: readonly RiskEntry[]): string {
  return renderFairnessReportMarkdown(buildFairnessReport(system, version, run, risks));
}
