import { emptyUniformScoreHistogram, MISSING_GROUP, DEFAULT_SCORE_BINS, type GroupScoreHistogram } from "@assay/core";
import { isBlankSql, queryRows, quoteIdent, relationFor, withDuckDb, type TabularFormat } from "./duckdb";

export type ScoreHistogramConfig = {
  format: TabularFormat;
  columns: readonly string[];
  labelColumn: string;
  positiveValue: string;
  scoreColumn: string;
  sensitiveColumns: readonly string[];
  binCount?: number;
};

/**
 * Per-group score histograms for every sensitive attribute in one DuckDB pass
 * (GROUPING SETS), with the bin rule of `scoreBinIndex` in the core. Scores
 * must be numbers in [0, 1]: a row outside that range is an input error, not
 * a row to drop, so the count of such rows is checked first.
 */
export async function aggregateScoreHistograms(
  filePath: string,
  config: ScoreHistogramConfig,
): Promise<Array<{ attribute: string; groups: GroupScoreHistogram[] }>> {
  const binCount = config.binCount ?? DEFAULT_SCORE_BINS;
  const aliases = config.sensitiveColumns.map((_, i) => `a${i}`);
  const projections = config.sensitiveColumns.map((column, i) => {
    const col = quoteIdent(column);
    return `CASE WHEN ${isBlankSql(col)} THEN NULL ELSE ${col} END AS ${aliases[i]}`;
  });
  const source = `
    SELECT TRY_CAST(${quoteIdent(config.scoreColumn)} AS DOUBLE) AS s,
           ${quoteIdent(config.labelColumn)} = $positive AS positive,
           ${projections.join(", ")}
    FROM ${relationFor(config.format, config.columns)}`;

  return withDuckDb(async (db) => {
    const [bad] = await queryRows(db, `SELECT count(*) AS n FROM (${source}) WHERE s IS NULL OR s < 0 OR s > 1 OR isnan(s)`, {
      path: filePath,
      positive: config.positiveValue,
    });
    if (Number(bad?.n ?? 0) > 0) {
      throw new Error(`${Number(bad!.n).toLocaleString("en-US")} rows have a score that is empty or outside [0, 1] in column '${config.scoreColumn}'.`);
    }
    const rows = await queryRows(
      db,
      `WITH src AS (SELECT *, floor(s * ${binCount})::BIGINT AS f FROM (${source}))
       SELECT ${aliases.map((a) => `GROUPING(${a}) AS g_${a}, ${a}`).join(", ")}, positive,
              least(${binCount - 1}, f - (s < f::DOUBLE / ${binCount})::INTEGER + (s >= (f + 1)::DOUBLE / ${binCount})::INTEGER) AS bin,
              count(*) AS n, sum(s) AS sum_score, sum(s * s) AS sum_squares
       FROM src
       GROUP BY GROUPING SETS (${aliases.map((a) => `(${a}, bin, positive)`).join(", ")})`,
      { path: filePath, positive: config.positiveValue },
    );
    const byAttribute = config.sensitiveColumns.map(() => new Map<string, ReturnType<typeof emptyUniformScoreHistogram>>());
    for (const row of rows) {
      const index = aliases.findIndex((a) => row[`g_${a}`] === 0);
      const value = row[aliases[index]!];
      const group = value === null || value === undefined ? MISSING_GROUP : String(value);
      const groups = byAttribute[index]!;
      let h = groups.get(group);
      if (!h) groups.set(group, (h = emptyUniformScoreHistogram(binCount)));
      const bin = Number(row.bin);
      if (row.positive) {
        h.positives[bin] = Number(row.n);
        h.sumScorePositives[bin] = Number(row.sum_score);
        h.sumSquaresPositives[bin] = Number(row.sum_squares);
      } else {
        h.negatives[bin] = Number(row.n);
        h.sumScoreNegatives[bin] = Number(row.sum_score);
        h.sumSquaresNegatives[bin] = Number(row.sum_squares);
      }
    }
    return config.sensitiveColumns.map((attribute, i) => ({
      attribute,
      groups: [...byAttribute[i]!].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([group, histogram]) => ({ group, histogram })),
    }));
  });
}
