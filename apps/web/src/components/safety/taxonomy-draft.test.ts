import { DEFAULT_TAXONOMY, taxonomySchema, type Taxonomy } from "@assay/core";
import { describe, expect, it } from "vitest";
import {
  checkCategory,
  checkMapping,
  emptyCategory,
  emptyMapping,
  mappedSuites,
  putCategory,
  putMapping,
  removeCategory,
  removeMapping,
  sameTaxonomy,
  taxonomyErrorLines,
} from "./taxonomy-draft";

const taxonomy: Taxonomy = {
  version: 3,
  categories: [
    { key: "violence", label: "Violence", description: "", severity: "high" },
    { key: "other", label: "Other", description: "", severity: "low" },
  ],
  mappings: [
    { suite: "advbench", sourceCategory: "Harm", category: "violence" },
    { suite: "*", sourceCategory: "misc", category: "other" },
  ],
};

describe("categories", () => {
  it("adds a valid category and the result passes the core schema", () => {
    const result = checkCategory({ key: " fraud ", label: " Fraud ", description: "", severity: "critical" }, taxonomy, null);
    expect(result).toEqual({ category: { key: "fraud", label: "Fraud", description: "", severity: "critical" } });
    if (!("category" in result)) return;
    const next = putCategory(taxonomy, null, result.category);
    expect(next.categories.map((c) => c.key)).toEqual(["violence", "other", "fraud"]);
    expect(taxonomySchema.safeParse(next).success).toBe(true);
  });

  it("names what is wrong with a draft", () => {
    expect(checkCategory(emptyCategory(), taxonomy, null)).toEqual({ errors: { key: "Enter a key.", label: "Enter a label." } });
    expect(checkCategory({ ...emptyCategory(), key: "Bad-Key", label: "x" }, taxonomy, null)).toHaveProperty("errors.key");
    expect(checkCategory({ ...emptyCategory(), key: "violence", label: "x" }, taxonomy, null)).toEqual({ errors: { key: "The category “violence” already exists." } });
    // Editing a category may keep its own key.
    expect(checkCategory({ ...emptyCategory(), key: "violence", label: "Violent content" }, taxonomy, 0)).toHaveProperty("category.label", "Violent content");
    expect(checkCategory({ ...emptyCategory(), key: "misc", label: "Other" }, taxonomy, 1)).toHaveProperty("errors.key");
  });

  it("renames the mappings' target when a key changes", () => {
    const next = putCategory(taxonomy, 0, { key: "violent_content", label: "Violence", description: "", severity: "high" });
    expect(next.mappings[0]).toEqual({ suite: "advbench", sourceCategory: "Harm", category: "violent_content" });
    expect(next.mappings[1]).toEqual(taxonomy.mappings[1]);
  });

  it("removes only categories nothing points at, never other", () => {
    expect(removeCategory(taxonomy, "other")).toHaveProperty("error");
    expect(removeCategory(taxonomy, "violence")).toEqual({ error: "1 mapping points at “violence”; change or remove it first." });
    const without = removeMapping(taxonomy, 0);
    expect(removeCategory(without, "violence")).toEqual({ taxonomy: { ...without, categories: [taxonomy.categories[1]] } });
  });
});

describe("mappings", () => {
  it("adds and edits mappings, refusing duplicates ignoring case and spaces", () => {
    expect(checkMapping({ suite: "advbench", sourceCategory: " harm ", category: "other" }, taxonomy, null)).toEqual({
      errors: { sourceCategory: "“harm” of suite “advbench” is already mapped to violence." },
    });
    expect(checkMapping({ suite: "advbench", sourceCategory: "Harm", category: "other" }, taxonomy, 0)).toEqual({ mapping: { suite: "advbench", sourceCategory: "Harm", category: "other" } });
    expect(checkMapping({ suite: "", sourceCategory: "", category: "nope" }, taxonomy, null)).toEqual({
      errors: { suite: "Enter a suite key, or * for every suite.", sourceCategory: "Enter the category as the suite names it.", category: "Choose a category of the taxonomy." },
    });
    const next = putMapping(taxonomy, null, { suite: "xstest", sourceCategory: "safe", category: "other" });
    expect(next.mappings).toHaveLength(3);
    expect(putMapping(taxonomy, 1, { suite: "*", sourceCategory: "misc", category: "violence" }).mappings[1]?.category).toBe("violence");
    expect(emptyMapping()).toEqual({ suite: "*", sourceCategory: "", category: "other" });
  });

  it("lists mapped suites with * first", () => {
    expect(mappedSuites([...taxonomy.mappings, { suite: "aaa", sourceCategory: "x", category: "other" }])).toEqual(["*", "aaa", "advbench"]);
    expect(mappedSuites(DEFAULT_TAXONOMY.mappings)).toContain("xstest");
  });
});

describe("comparing and server errors", () => {
  it("compares content, not the version", () => {
    expect(sameTaxonomy(taxonomy, { ...taxonomy, version: 4 })).toBe(true);
    expect(sameTaxonomy(taxonomy, removeMapping(taxonomy, 1))).toBe(false);
  });

  it("names the category or mapping of each issue", () => {
    expect(
      taxonomyErrorLines(
        [
          { path: "taxonomy.categories.0.key", message: "Bad key" },
          { path: "taxonomy.mappings.1", message: "Mapped twice" },
          { path: "taxonomy.categories", message: "Needs other" },
          { path: "note", message: "Too long" },
        ],
        taxonomy,
      ),
    ).toEqual(["Category 1 (“violence”), key: Bad key", "Mapping 2 (* · “misc”): Mapped twice", "Needs other", "Too long"]);
    expect(taxonomyErrorLines(undefined, taxonomy)).toEqual([]);
  });
});
