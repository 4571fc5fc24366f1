import { queryRows, withDuckDb } from "@assay/tabular";

/**
 * Turns ProPublica's COMPAS file (packages/datasets, COMPAS_CSV_PATH) into a
 * predictions file Assay can evaluate, for the demo seed and the tests:
 *
 * - every one of the 7,214 rows, the population of ProPublica's published
 *   false-positive and false-negative rates (no filtering);
 * - label `two_year_recid` (1 = re-offended within two years);
 * - prediction `predicted_high_risk` = 1 when `score_text` is not "Low",
 *   ProPublica's "Medium or High" threshold, else 0;
 * - score `risk_score` = decile_score / 10, so ROC-AUC and calibration can be
 *   read per group (decile scores are ranks, not probabilities: the
 *   calibration figures show exactly that);
 * - sensitive attributes `race` and `sex`, plus a few descriptive columns.
 *   Names and birth dates of the defendants are left out.
 *
 * DuckDB reads and writes the CSV; the output is sorted by id, so the same
 * source always gives the same bytes (and the same SHA-256).
 */
export const COMPAS_PREDICTIONS_MAPPING = {
  labelColumn: "two_year_recid",
  predictionColumn: "predicted_high_risk",
  positiveValue: "1",
  sensitiveColumns: ["race", "sex"],
  scoreColumn: "risk_score",
} as const;

const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;

export async function writeCompasPredictionsCsv(sourcePath: string, targetPath: string): Promise<{ rowCount: number }> {
  // The source header repeats decile_score and priors_count; DuckDB names the repeats *_1, so the plain names are the first occurrences.
  const source = `read_csv(${sqlString(sourcePath)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
  return withDuckDb(async (db) => {
    await db.run(`
      COPY (
        SELECT id, sex, age, age_cat, race, priors_count, c_charge_degree, decile_score, score_text,
               two_year_recid,
               CASE WHEN score_text <> 'Low' THEN '1' ELSE '0' END AS predicted_high_risk,
               format('{:.1f}', CAST(decile_score AS INTEGER) / 10) AS risk_score
        FROM ${source}
        ORDER BY CAST(id AS INTEGER)
      ) TO ${sqlString(targetPath)} (FORMAT csv, HEADER true, DELIMITER ',')`);
    const [row] = await queryRows(db, `SELECT count(*) AS n FROM read_csv(${sqlString(targetPath)}, header = true, all_varchar = true)`, {});
    return { rowCount: Number(row?.n ?? 0) };
  });
}
