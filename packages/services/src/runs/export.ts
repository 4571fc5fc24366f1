import { DISPARITY_METRICS, type AttributeAnalysis, type Interval } from "@assay/core";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { conflict } from "../errors";
import type { ServiceContext } from "../context";
import { getRun, type RunDetail } from "./runs";

export const RUN_EXPORT_FORMATS = ["csv", "json"] as const;
export const runExportFormatSchema = z.enum(RUN_EXPORT_FORMATS);
export type RunExportFormat = z.infer<typeof runExportFormatSchema>;

export type RunExport = { fileName: string; contentType: string; body: string };

/** One row per (attribute, group, metric); `ci_*` is Wilson's interval, `bootstrap_*` and `difference_*`/`ratio_*` the bootstrap's. */
export const RUN_EXPORT_CSV_COLUMNS = [
  "attribute",
  "group",
  "n",
  "metric",
  "value",
  "ci_lower",
  "ci_upper",
  "bootstrap_lower",
  "bootstrap_upper",
  "reference_group",
  "difference",
  "difference_lower",
  "difference_upper",
  "ratio",
  "ratio_lower",
  "ratio_upper",
  "test",
  "p_value",
  "p_holm",
  "p_bh",
  "significant_holm",
  "significant_bh",
  "small_sample",
] as const;
type CsvColumn = (typeof RUN_EXPORT_CSV_COLUMNS)[number];
type Cell = string | number | boolean | null | undefined;
type CsvRow = Record<CsvColumn, Cell>;

/**
 * Labels come from uploaded data; a spreadsheet would run one starting with
 * = + - @ (or a tab or CR) as a formula, so such text gets a leading
 * apostrophe (OWASP's advice). Only text columns: numbers stay numbers. The
 * JSON export keeps every label verbatim.
 */
function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function toCsv(rows: readonly CsvRow[]): string {
  // Non-finite numbers (never produced, but cheap to guard) become empty cells like undefined ones.
  const cells = rows.map((row) => RUN_EXPORT_CSV_COLUMNS.map((c) => (typeof row[c] === "number" && !Number.isFinite(row[c]) ? null : row[c])));
  return stringify(cells, { header: true, columns: [...RUN_EXPORT_CSV_COLUMNS], record_delimiter: "windows", cast: { boolean: (b) => String(b) } });
}

function attributeRows(a: AttributeAnalysis): CsvRow[] {
  const reference = a.summary.referenceGroup;
  const warned = new Set(a.warnings.map((w) => w.group));
  return a.summary.groups.flatMap((g) =>
    DISPARITY_METRICS.map((metric): CsvRow => {
      const estimate = g.metrics[metric];
      const vs = a.summary.metrics[metric].vsReference.find((c) => c.group === g.group);
      const boot: Interval | null | undefined = a.bootstrap.groups[g.group]?.[metric];
      const bootVs = a.bootstrap.vsReference[metric]?.[g.group];
      const test = a.comparisons.find((c) => c.metric === metric && c.group === g.group);
      return {
        attribute: safeText(a.attribute),
        group: safeText(g.group),
        n: g.metrics.count.value,
        metric,
        value: estimate.value,
        ci_lower: estimate.ci?.lower,
        ci_upper: estimate.ci?.upper,
        bootstrap_lower: boot?.lower,
        bootstrap_upper: boot?.upper,
        reference_group: reference === null ? null : safeText(reference),
        difference: vs?.difference,
        difference_lower: bootVs?.difference?.lower,
        difference_upper: bootVs?.difference?.upper,
        ratio: vs?.ratio,
        ratio_lower: bootVs?.ratio?.lower,
        ratio_upper: bootVs?.ratio?.upper,
        test: test?.test,
        p_value: test?.pValue,
        p_holm: test?.holm,
        p_bh: test?.bh,
        significant_holm: test?.significantHolm,
        significant_bh: test?.significantBh,
        small_sample: warned.has(g.group),
      };
    }),
  );
}

/** Runs stored before the analysis existed have only the nine checked rates and their Wilson intervals. */
function legacyRows(run: RunDetail): CsvRow[] {
  const empty = Object.fromEntries(RUN_EXPORT_CSV_COLUMNS.map((c) => [c, null])) as CsvRow;
  return (run.results?.attributes ?? []).flatMap((a) =>
    a.groups.flatMap((g) =>
      Object.entries(g.metrics).map(([metric, estimate]): CsvRow => ({
        ...empty,
        attribute: safeText(a.attribute),
        group: safeText(g.group),
        n: g.n,
        metric,
        value: estimate.value,
        ci_lower: estimate.ci?.lower,
        ci_upper: estimate.ci?.upper,
        reference_group: safeText(a.referenceGroup),
        small_sample: g.smallSampleWarning !== null,
      })),
    ),
  );
}

/** The CSV export's body: the analysis when the run has one, else the stored rates. */
export function runResultsCsv(run: RunDetail): string {
  return toCsv(run.analysis ? run.analysis.attributes.flatMap(attributeRows) : legacyRows(run));
}

/**
 * A run's results for download. JSON is the run exactly as GET
 * /api/v1/runs/:id answers it (results, analysis and provenance); CSV is one
 * row per attribute, group and metric, for spreadsheets and R/pandas.
 * Whoever may read the run may export it (org.read, auditors included).
 */
export async function exportRunResults(ctx: ServiceContext, runId: string, format: RunExportFormat): Promise<RunExport> {
  const run = await getRun(ctx, runId);
  const base = `assay-run-${run.id}-results`;
  if (format === "json") {
    return { fileName: `${base}.json`, contentType: "application/json; charset=utf-8", body: `${JSON.stringify(run, null, 2)}\n` };
  }
  if (run.status !== "succeeded" || !run.results) {
    throw conflict(`The run has no results to export as CSV; it is ${run.status}. The JSON export holds its status and provenance.`);
  }
  return { fileName: `${base}.csv`, contentType: "text/csv; charset=utf-8", body: runResultsCsv(run) };
}
