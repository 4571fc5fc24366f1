import { fileURLToPath } from "node:url";

// Reference datasets shipped with the repository; origins and licences are in ../SOURCES.md.
// Paths are absolute so callers (seed script, tests, benchmarks) work from any cwd.

/** ProPublica's COMPAS two-year recidivism file: 7,214 rows × 53 columns. */
export const COMPAS_CSV_PATH = fileURLToPath(new URL("../compas/compas-scores-two-years.csv", import.meta.url));

/** Confusion matrices and fairness figures computed from the COMPAS file and checked against the published ones. */
export const COMPAS_REFERENCE_PATH = fileURLToPath(new URL("../compas/compas_reference.json", import.meta.url));

/** SHA-256 of each file as copied from its source, so a test can prove the bytes are unchanged. */
export const DATASET_SHA256 = {
  compasCsv: "c451db85908b2f7fef1d83203bedf6b71ecda0d5af468d82ae62178f91d0cc7d",
  compasReference: "013781df2162e803e74a6c20a2a3d92c260d0f53b6181f8576776d66c24e7720",
} as const;
