import { describe, expect, it } from "vitest";
import { DEFAULT_TAXONOMY, mapCategory, taxonomySchema, type TaxonomyInput } from "./taxonomy";

const small = (overrides: Partial<TaxonomyInput> = {}): TaxonomyInput => ({
  version: 3,
  categories: [
    { key: "violence", label: "Violence", severity: "high" },
    { key: "other", label: "Other", severity: "medium" },
  ],
  mappings: [{ suite: "mine", sourceCategory: "Physical harm", category: "violence" }],
  ...overrides,
});

const messagesOf = (input: unknown) => {
  const parsed = taxonomySchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe("taxonomySchema", () => {
  it("accepts a small taxonomy and defaults descriptions", () => {
    const taxonomy = taxonomySchema.parse(small());
    expect(taxonomy.categories[0]).toEqual({ key: "violence", label: "Violence", severity: "high", description: "" });
  });

  it("rejects duplicate category keys", () => {
    const categories = [...small().categories, { key: "violence", label: "Again", severity: "low" as const }];
    expect(messagesOf(small({ categories }))).toEqual(['Category "violence" is defined twice.']);
  });

  it("rejects a mapping to a category that does not exist", () => {
    expect(messagesOf(small({ mappings: [{ suite: "mine", sourceCategory: "x", category: "weapons" }] }))).toEqual([
      'Mapping targets unknown category "weapons".',
    ]);
  });

  it("rejects the same source category mapped twice for a suite, ignoring case and spaces", () => {
    const mappings = [
      { suite: "mine", sourceCategory: "Physical harm", category: "violence" },
      { suite: "mine", sourceCategory: " physical HARM ", category: "other" },
    ];
    expect(messagesOf(small({ mappings }))).toEqual(['"physical HARM" of suite "mine" is mapped twice.']);
  });

  it("requires the fallback category and slug keys", () => {
    expect(messagesOf(small({ categories: [{ key: "violence", label: "Violence", severity: "high" }], mappings: [] }))).toEqual([
      'The taxonomy needs an "other" category for unmapped source categories.',
    ]);
    expect(messagesOf(small({ categories: [...small().categories, { key: "Self harm", label: "x", severity: "low" }] }))[0]).toMatch(/lowercase slug/);
  });
});

describe("mapCategory", () => {
  const taxonomy = taxonomySchema.parse(
    small({
      mappings: [
        { suite: "mine", sourceCategory: "Physical harm", category: "violence" },
        { suite: "*", sourceCategory: "gore", category: "violence" },
        { suite: "theirs", sourceCategory: "gore", category: "other" },
      ],
    }),
  );

  it("uses the suite's own mapping, ignoring case and surrounding spaces", () => {
    expect(mapCategory(taxonomy, "mine", "  physical HARM ")).toBe("violence");
    expect(mapCategory(taxonomy, "theirs", "Physical harm")).toBe("other");
  });

  it("prefers the suite's mapping to a mapping for every suite", () => {
    expect(mapCategory(taxonomy, "mine", "gore")).toBe("violence");
    expect(mapCategory(taxonomy, "theirs", "gore")).toBe("other");
  });

  it("accepts a taxonomy key as its own category and falls back to other", () => {
    expect(mapCategory(taxonomy, "imported", "Violence")).toBe("violence");
    expect(mapCategory(taxonomy, "imported", "something new")).toBe("other");
    expect(mapCategory(taxonomy, "imported", "")).toBe("other");
  });
});

describe("DEFAULT_TAXONOMY", () => {
  it("is version 1 with the documented categories", () => {
    expect(DEFAULT_TAXONOMY.version).toBe(1);
    expect(DEFAULT_TAXONOMY.categories.map((c) => c.key)).toEqual([
      "hate_harassment",
      "self_harm",
      "sexual",
      "violence",
      "weapons",
      "illegal_activity",
      "malware_cyber",
      "fraud_deception",
      "privacy",
      "misinformation",
      "copyright",
      "prompt_injection",
      "prompt_extraction",
      "over_refusal",
      "other",
    ]);
  });

  it("maps every JailbreakBench category", () => {
    const jbb = ["Harassment/Discrimination", "Malware/Hacking", "Physical harm", "Economic harm", "Fraud/Deception", "Disinformation", "Sexual/Adult content", "Privacy", "Expert advice", "Government decision-making"];
    expect(jbb.map((c) => mapCategory(DEFAULT_TAXONOMY, "jailbreakbench", c))).toEqual([
      "hate_harassment",
      "malware_cyber",
      "violence",
      "fraud_deception",
      "fraud_deception",
      "misinformation",
      "sexual",
      "privacy",
      "other",
      "illegal_activity",
    ]);
  });

  it("maps HarmBench, XSTest, BIPIA and Tensor Trust categories", () => {
    expect(mapCategory(DEFAULT_TAXONOMY, "harmbench", "chemical_biological")).toBe("weapons");
    expect(mapCategory(DEFAULT_TAXONOMY, "harmbench", "copyright")).toBe("copyright");
    expect(mapCategory(DEFAULT_TAXONOMY, "xstest", "homonyms")).toBe("over_refusal");
    expect(mapCategory(DEFAULT_TAXONOMY, "xstest", "privacy_fictional")).toBe("over_refusal");
    expect(mapCategory(DEFAULT_TAXONOMY, "xstest", "contrast_privacy")).toBe("privacy");
    expect(mapCategory(DEFAULT_TAXONOMY, "xstest", "contrast_discr")).toBe("hate_harassment");
    expect(mapCategory(DEFAULT_TAXONOMY, "bipia", "Base Encoding")).toBe("prompt_injection");
    expect(mapCategory(DEFAULT_TAXONOMY, "bipia", "Keylogging")).toBe("prompt_injection");
    expect(mapCategory(DEFAULT_TAXONOMY, "tensor-trust-hijacking", "hijacking")).toBe("prompt_injection");
    expect(mapCategory(DEFAULT_TAXONOMY, "tensor-trust-extraction", "extraction")).toBe("prompt_extraction");
  });

  it("leaves AdvBench, which has no categories, in other", () => {
    expect(mapCategory(DEFAULT_TAXONOMY, "advbench", "")).toBe("other");
  });

  it("does not let one suite's mapping leak into another", () => {
    expect(mapCategory(DEFAULT_TAXONOMY, "harmbench", "Physical harm")).toBe("other");
  });
});
