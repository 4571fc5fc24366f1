import { INTERSECTION_SEPARATOR, MISSING_GROUP, type GroupCounts } from "@assay/core";
import { isBlankSql, queryRows, quoteIdent, relationFor, withDuckDb, type TabularFormat } from "./duckdb";

export type AggregateConfig = {
  format: TabularFormat;
  /** Every column of the file, in order, as recorded at upload. */
  columns: readonly string[];
  labelColumn: string;
  predictionColumn: string;
  positiveValue: string;
  sensitiveColumns: readonly string[];
  /**
   * When set, `predictionColumn` holds a score and a row is predicted
   * positive when its score is at least this threshold.
   */
  scoreThreshold?: number;
  /** Also count every intersection of all the sensitive columns (e.g. race × sex × age band). */
  intersectional?: boolean;
};



export type ConfusionAggregate = {
  rowCount: number;
  attributes: Array<{ attribute: string; groups: GroupCounts[] }>;
  /** Present when `intersectional` was asked for: one entry named by joining the attributes. */
  intersection?: { attribute: string; components: string[]; groups: GroupCounts[] };
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
    return `CASE WHEN ${isBlankSql(col)} THEN NULL ELSE ${col} END AS ${aliases[i]}`;
  });
  const predicted =
    config.scoreThreshold === undefined
      ? `${quoteIdent(config.predictionColumn)} = $positive`
      : `TRY_CAST(${quoteIdent(config.predictionColumn)} AS DOUBLE) >= ${Number(config.scoreThreshold)}`;
  const sets = aliases.map((a) => `(${a})`);
  if (config.intersectional && aliases.length > 1) sets.push(`(${aliases.join(", ")})`);
  const sql = `
    WITH src AS (
      SELECT ${quoteIdent(config.labelColumn)} = $positive AS actual,
             ${predicted} AS predicted,
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
    GROUP BY GROUPING SETS (${sets.join(", ")})`;

  const rows = await withDuckDb((db) => queryRows(db, sql, { path: filePath, positive: config.positiveValue }));

  const result = attributes.map((attribute) => ({ attribute, groups: [] as GroupCounts[] }));
  const intersection = sets.length > aliases.length
    ? { attribute: attributes.join(INTERSECTION_SEPARATOR), components: attributes, groups: [] as GroupCounts[] }
    : undefined;
  const groupName = (value: unknown) => (value === null || value === undefined ? MISSING_GROUP : String(value));
  for (const row of rows) {
    // GROUPING(a) is 0 exactly for the grouping sets that group by a.
    const grouped = aliases.filter((a) => row[`g_${a}`] === 0);
    const counts = { tp: Number(row.tp), fp: Number(row.fp), tn: Number(row.tn), fn: Number(row.fn) };
    const name = grouped.map((a) => groupName(row[a])).join(INTERSECTION_SEPARATOR);
    const target = grouped.length === 1 ? result[aliases.indexOf(grouped[0]!)] : grouped.length === aliases.length ? intersection : undefined;
    if (!target) throw new Error("DuckDB returned a row that belongs to no grouping set.");
    // A NULL label or prediction would fall in no cell; upload rejects those, and this keeps it impossible.
    if (counts.tp + counts.fp + counts.tn + counts.fn !== Number(row.n)) {
      throw new Error(`Rows where '${target.attribute}' is '${name}' have an empty label or prediction.`);
    }
    target.groups.push({ group: name, ...counts });
  }
  const byName = (x: GroupCounts, y: GroupCounts) => (x.group < y.group ? -1 : x.group > y.group ? 1 : 0);
  for (const a of result) a.groups.sort(byName);
  intersection?.groups.sort(byName);
  const first = result[0]!;
  const rowCount = first.groups.reduce((sum, g) => sum + g.tp + g.fp + g.tn + g.fn, 0);
  return intersection ? { rowCount, attributes: result, intersection } : { rowCount, attributes: result };
}
