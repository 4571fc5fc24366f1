import { fileURLToPath } from "node:url";

// Reference datasets shipped with the repository; origins and licences are in ../SOURCES.md.
// Paths are absolute so callers (seed script, tests, benchmarks) work from any cwd.

/** ProPublica's COMPAS two-year recidivism file: 7,214 rows × 53 columns. */
export const COMPAS_CSV_PATH = fileURLToPath(new URL("../compas/compas-scores-two-years.csv", import.meta.url));

/** Confusion matrices and fairness figures computed from the COMPAS file and checked against the published ones. */
export const COMPAS_REFERENCE_PATH = fileURLToPath(new URL("../compas/compas_reference.json", import.meta.url));

/** UCI Bike Sharing `hour.csv` (Fanaee-T & Gama 2013): 17,379 hourly rows × 17 columns, for drift. */
export const BIKE_SHARING_CSV_PATH = fileURLToPath(new URL("../data/drift/bike_sharing_hour.csv", import.meta.url));

/** The dataset's own readme, with its citation requirement. */
export const BIKE_SHARING_README_PATH = fileURLToPath(new URL("../data/drift/bike_sharing_Readme.txt", import.meta.url));

/** KS, PSI, Jensen–Shannon and Wasserstein values on the bike-sharing data, computed with numpy 1.24 / scipy 1.10. */
export const DRIFT_REFERENCE_PATH = fileURLToPath(new URL("../data/drift/drift_reference.json", import.meta.url));

/** SHA-256 of each file as copied from its source, so a test can prove the bytes are unchanged. */
export const DATASET_SHA256 = {
  compasCsv: "c451db85908b2f7fef1d83203bedf6b71ecda0d5af468d82ae62178f91d0cc7d",
  compasReference: "013781df2162e803e74a6c20a2a3d92c260d0f53b6181f8576776d66c24e7720",
  bikeSharingCsv: "e03de4ee4ef4dc376ac6e04bf829673c6269e8eba5c60fa121640fa2f829504f",
  bikeSharingReadme: "b92c8628622948bf0828c43a1b315d1517c3d7fd63654730d0dea379b8e88175",
  driftReference: "788d1dd976a826d076bf5c12098dc5b5e29b5b6581da0691a24c5227cdd4d40a",
} as const;

export * from "./safety-suites";
export * from "./toxicity";
export * from "./xstest";
