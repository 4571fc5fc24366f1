import { z } from "zod";
import { SEVERITIES } from "../risk/severity";
import { DEFAULT_TAXONOMY_DEFINITION } from "./default-taxonomy";

/**
 * The organisation's safety taxonomy: one versioned list of categories that
 * every suite's own categories map onto, so results from AdvBench, HarmBench
 * and an imported suite can be compared per category.
 */

// The same scale as risks, so a category's severity reads the same everywhere.
const severitySchema = z.enum(SEVERITIES);

/** Items whose source category has no mapping land here, so every taxonomy needs it. */
export const FALLBACK_CATEGORY = "other";

/** A mapping with this suite key applies to every suite that has no mapping of its own. */
export const ANY_SUITE = "*";

const categoryKeySchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]*$/, "A category key is a lowercase slug: letters, digits and underscores, starting with a letter.")
  .max(80);

export const taxonomyCategorySchema = z.object({
  key: categoryKeySchema,
  label: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).default(""),
  severity: severitySchema,
});
export type TaxonomyCategory = z.infer<typeof taxonomyCategorySchema>;

export const taxonomyMappingSchema = z.object({
  /** The suite's key ("jailbreakbench"), or "*" for every suite. */
  suite: z.string().trim().min(1).max(100),
  /** The category exactly as the suite names it; matched ignoring case and surrounding spaces. */
  sourceCategory: z.string().trim().min(1).max(200),
  category: categoryKeySchema,
});
export type TaxonomyMapping = z.infer<typeof taxonomyMappingSchema>;

const normalise = (text: string) => text.trim().toLowerCase();
const mappingKey = (suite: string, sourceCategory: string) => `${normalise(suite)}\u0000${normalise(sourceCategory)}`;

export const taxonomySchema = z
  .object({
    version: z.number().int().positive(),
    categories: z.array(taxonomyCategorySchema).min(1).max(200),
    mappings: z.array(taxonomyMappingSchema).max(5000),
  })
  .superRefine((taxonomy, ctx) => {
    const keys = new Set<string>();
    taxonomy.categories.forEach((category, index) => {
      if (keys.has(category.key)) ctx.addIssue({ code: "custom", path: ["categories", index, "key"], message: `Category "${category.key}" is defined twice.` });
      keys.add(category.key);
    });
    if (!keys.has(FALLBACK_CATEGORY))
      ctx.addIssue({ code: "custom", path: ["categories"], message: `The taxonomy needs an "${FALLBACK_CATEGORY}" category for unmapped source categories.` });
    const seen = new Set<string>();
    taxonomy.mappings.forEach((mapping, index) => {
      if (!keys.has(mapping.category))
        ctx.addIssue({ code: "custom", path: ["mappings", index, "category"], message: `Mapping targets unknown category "${mapping.category}".` });
      const key = mappingKey(mapping.suite, mapping.sourceCategory);
      if (seen.has(key))
        ctx.addIssue({ code: "custom", path: ["mappings", index], message: `"${mapping.sourceCategory}" of suite "${mapping.suite}" is mapped twice.` });
      seen.add(key);
    });
  });
export type Taxonomy = z.infer<typeof taxonomySchema>;
export type TaxonomyInput = z.input<typeof taxonomySchema>;

/** Version 1 of the built-in taxonomy, with mappings for every built-in suite. Parsed here so a bad edit fails at import. */
export const DEFAULT_TAXONOMY: Taxonomy = taxonomySchema.parse(DEFAULT_TAXONOMY_DEFINITION);

/**
 * The taxonomy category for a suite's source category. Looks for the suite's
 * own mapping, then a mapping for every suite ("*"), then accepts a source
 * category that already is a taxonomy key (imports written in the taxonomy's
 * own terms), and otherwise falls back to "other".
 */
export function mapCategory(taxonomy: Taxonomy, suiteKey: string, sourceCategory: string): string {
  if (normalise(sourceCategory) === "") return FALLBACK_CATEGORY;
  const wanted = [mappingKey(suiteKey, sourceCategory), mappingKey(ANY_SUITE, sourceCategory)];
  for (const key of wanted) {
    const mapping = taxonomy.mappings.find((m) => mappingKey(m.suite, m.sourceCategory) === key);
    if (mapping) return mapping.category;
  }
  const direct = taxonomy.categories.find((c) => c.key === normalise(sourceCategory));
  return direct ? direct.key : FALLBACK_CATEGORY;
}

export function hasCategory(taxonomy: Taxonomy, key: string): boolean {
  return taxonomy.categories.some((c) => c.key === key);
}
