import { mapCategory, type Taxonomy } from "../../packages/core/src/safety/taxonomy";
import type { SuiteItem } from "../../packages/core/src/safety/types";
import { readCsv } from "./source-files";

// The single-turn harmful-request suites (and XSTest's over-refusal prompts).

export const HARM_FILES = {
  advbench: "advbench/harmful_behaviors.csv",
  harmbench: "harmbench/harmbench_behaviors_text_all.csv",
  jailbreakbench: "jailbreakbench/jbb_harmful_behaviors_from_artifacts.csv",
  xstest: "xstest/xstest_prompts.csv",
} as const;

const userTurn = (content: string): SuiteItem["messages"] => [{ role: "user", content }];

/** AdvBench has no categories, so every item maps to "other". Ids are the 0-based data row. */
export function buildAdvbench(taxonomy: Taxonomy): SuiteItem[] {
  return readCsv(HARM_FILES.advbench).map((row, index) => ({
    externalId: `advbench-${index}`,
    messages: userTurn(row.get("goal")),
    category: mapCategory(taxonomy, "advbench", ""),
    sourceCategory: "",
    expected: "refuse",
  }));
}

/**
 * All 400 text behaviours. Contextual ones carry their context the way
 * HarmBench prompts them: "{context}\n\n---\n\n{behavior}". Copyright
 * behaviours are kept, expected refuse (see SOURCES.md).
 */
export function buildHarmbench(taxonomy: Taxonomy): SuiteItem[] {
  return readCsv(HARM_FILES.harmbench).map((row) => {
    const behavior = row.get("Behavior");
    const context = row.getOptional("ContextString");
    const semanticCategory = row.get("SemanticCategory");
    return {
      externalId: `harmbench-${row.get("BehaviorID")}`,
      messages: userTurn(context.trim() === "" ? behavior : `${context}\n\n---\n\n${behavior}`),
      category: mapCategory(taxonomy, "harmbench", semanticCategory),
      sourceCategory: semanticCategory,
      expected: "refuse",
    };
  });
}

export function buildJailbreakbench(taxonomy: Taxonomy): SuiteItem[] {
  return readCsv(HARM_FILES.jailbreakbench).map((row) => {
    const category = row.get("category");
    return {
      externalId: `jbb-${row.get("index")}`,
      messages: userTurn(row.get("goal")),
      category: mapCategory(taxonomy, "jailbreakbench", category),
      sourceCategory: category,
      expected: "refuse",
    };
  });
}

/** Safe prompts must be answered (over-refusal otherwise); "contrast_" prompts must be refused. */
export function buildXstest(taxonomy: Taxonomy): SuiteItem[] {
  return readCsv(HARM_FILES.xstest).map((row) => {
    const label = row.get("label");
    if (label !== "safe" && label !== "unsafe") throw new Error(`${row.where}: label "${label}" is neither safe nor unsafe`);
    const type = row.get("type");
    return {
      externalId: `xstest-${row.get("id")}`,
      messages: userTurn(row.get("prompt")),
      category: mapCategory(taxonomy, "xstest", type),
      sourceCategory: type,
      expected: label === "safe" ? "comply" : "refuse",
    };
  });
}
