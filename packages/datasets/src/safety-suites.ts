import { suiteFileSchema, suiteSummarySchema, type SuiteFile, type SuiteSummary } from "@assay/core";
import catalog from "../safety/suites/catalog.json";

// The built-in safety prompt suites, converted from their public sources by
// scripts/build-safety-suites.ts; origins, licences and conversion choices
// are in ../safety/SOURCES.md. The prompts are harmful text.

export const BUILTIN_SUITE_KEYS = ["advbench", "harmbench", "jailbreakbench", "xstest", "bipia", "tensor-trust-hijacking", "tensor-trust-extraction"] as const;
export type BuiltinSuiteKey = (typeof BUILTIN_SUITE_KEYS)[number];

export type BuiltinSuite = SuiteFile;
export type BuiltinSuiteSummary = SuiteSummary;

export const isBuiltinSuiteKey = (key: string): key is BuiltinSuiteKey => (BUILTIN_SUITE_KEYS as readonly string[]).includes(key);

/** Metadata and per-category counts of every built-in suite, without items, in BUILTIN_SUITE_KEYS order. */
export const BUILTIN_SUITES: readonly BuiltinSuiteSummary[] = suiteSummarySchema.array().parse(catalog);

const catalogKeys = BUILTIN_SUITES.map((suite) => suite.key).join(",");
if (catalogKeys !== BUILTIN_SUITE_KEYS.join(","))
  throw new Error(`safety/suites/catalog.json lists ${catalogKeys}; expected ${BUILTIN_SUITE_KEYS.join(",")}. Re-run scripts/build-safety-suites.ts.`);

/**
 * SHA-256 of each suite file as the converter wrote it. The test fails when a
 * file changes, so an edit has to be deliberate: re-run the converter and
 * update these together.
 */
export const BUILTIN_SUITE_SHA256: Readonly<Record<BuiltinSuiteKey | "catalog", string>> = {
  advbench: "ddbc3afbd1c336e2a40f950819e81e45f37f455b979d8c168ddddf8773dcaf8e",
  harmbench: "16d9771961f4b875b67a1dc2ac4924a698927a7f2a71978f57bc81e1d7634c7d",
  jailbreakbench: "01c5d6011549c8155c7330eb4b33f4f1fe6f15cab4ad1fd2a9f5b0fa4fad054d",
  xstest: "048e9843ee01417b4afbc510f3da115cc3a27ca1d283d6f3bd9a27eddc345b8e",
  bipia: "23f97b106ee104fa7992334fb6d5b97c3e7879be2754e4ec6a226b802d4f463b",
  "tensor-trust-hijacking": "6f7c799c1d8efa647f81cebc55f38364b6ad0905226951a45f9a8e6da604f3dc",
  "tensor-trust-extraction": "fda33826210080f2473b7a59de0c9fd540ded29017f66be1b5e8186359ee5271",
  catalog: "6377996718c9e8e83fd4dd704ee9f66e9855b0bac611019bfdf3f304a7b47bb6",
};

/**
 * Loads and validates one suite. Each case imports its file with a literal
 * path so bundlers (Next.js) can see and split every suite; a template path
 * would hide them.
 */
export async function loadBuiltinSuite(key: BuiltinSuiteKey): Promise<BuiltinSuite> {
  return suiteFileSchema.parse(await importSuiteJson(key));
}

async function importSuiteJson(key: BuiltinSuiteKey): Promise<unknown> {
  switch (key) {
    case "advbench":
      return (await import("../safety/suites/advbench.json")).default;
    case "harmbench":
      return (await import("../safety/suites/harmbench.json")).default;
    case "jailbreakbench":
      return (await import("../safety/suites/jailbreakbench.json")).default;
    case "xstest":
      return (await import("../safety/suites/xstest.json")).default;
    case "bipia":
      return (await import("../safety/suites/bipia.json")).default;
    case "tensor-trust-hijacking":
      return (await import("../safety/suites/tensor-trust-hijacking.json")).default;
    case "tensor-trust-extraction":
      return (await import("../safety/suites/tensor-trust-extraction.json")).default;
  }
}
