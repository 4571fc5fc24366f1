import { MISSING_GROUP, type GroupCounts } from "@assay/core";
import { queryRows, quoteIdent, relationFor, withDuckDb, type TabularFormat } from "./duckdb";

export type AggregateConfig = {
  format: TabularFormat;
  /** Every column of the file, in order, as recorded at upload. */
  columns: readonly string[];
  labelColumn: string;
  predictionColumn: string;
  positiveValue: string;
  sensitiveColumns: readonly string[];
};

export type ConfusionAggregate = {
  rowCount: number;
  attributes: Array<{ attribute: string; groups: GroupCounts[] }>;
};

/**
 * Per-group confusion counts for every sensitive attribute, in one DuckDB
 * pass over the file (GROUPING SETS: one grouping per attribute). Everything
 * count-based is derived from these counts, so no row is ever parsed in
 * JavaScript. A NULL or blank attribute value forms the MISSING_GROUP group,
 * so every row lands in exactly one group of each attribute.
 */
export async function aggregateConfusionCounts(filePath: string, config: AggregateConfig): Promise<ConfusionAggregate> {
  const attributes = [...config.sensitiveColumns];
  if (attributes.length === 0) throw new Error("A run needs at least one sensitive attribute.");
  const aliases = attributes.map((_, i) => `a${i}`);
  const projections = attributes.map((column, i) => {
    const col = quoteIdent(column);
    return `CASE WHEN ${col} IS NULL OR trim(${col}) = '' THEN NULL ELSE ${col} END AS ${aliases[i]}`;
  });
  const sql = `
    WITH src AS (
      SELECT ${quoteIdent(config.labelColumn)} = $positive AS actual,
             ${quoteIdent(config.predictionColumn)} = $positive AS predicted,
             ${projections.join(",\n             ")}
      FROM ${relationFor(config.format, config.columns)}
    )
    SELECT ${aliases.map((a) => `GROUPING(${a}) AS g_${a}, ${a}`).join(", ")},
           count(*) FILTER (WHERE actual AND predicted) AS tp,
           count(*) FILTER (WHERE NOT actual AND predicted) AS fp,
           count(*) FILTER (WHERE NOT actual AND NOT predicted) AS tn,
           count(*) FILTER (WHERE actual AND NOT predicted) AS fn,
           count(*) AS n
    FROM src
    GROUP BY GROUPING SETS (${aliases.map((a) => `(${a})`).join(", ")})`;

  const rows = await withDuckDb((db) => queryRows(db, sql, { path: filePath, positive: config.positiveValue }));

  const result = attributes.map((attribute) => ({ attribute, groups: [] as GroupCounts[] }));
  for (const row of rows) {
    // GROUPING(a) is 0 exactly for the grouping set that groups by a.
    const index = aliases.findIndex((a) => row[`g_${a}`] === 0);
    const target = result[index];
    if (!target) throw new Error("DuckDB returned a row that belongs to no grouping set.");
    const value = row[aliases[index]!];
    const counts = { tp: Number(row.tp), fp: Number(row.fp), tn: Number(row.tn), fn: Number(row.fn) };
    // A NULL label or prediction would fall in no cell; upload rejects those, and this keeps it impossible.
    if (counts.tp + counts.fp + counts.tn + counts.fn !== Number(row.n)) {
      throw new Error(`Rows where '${target.attribute}' is '${String(value)}' have an empty label or prediction.`);
    }
    target.groups.push({ group: value === null || value === undefined ? MISSING_GROUP : String(value), ...counts });
  }
  for (const a of result) a.groups.sort((x, y) => (x.group < y.group ? -1 : x.group > y.group ? 1 : 0));
  const first = result[0]!;
  const rowCount = first.groups.reduce((sum, g) => sum + g.tp + g.fp + g.tn + g.fn, 0);
  return { rowCount, attributes: result };
}
