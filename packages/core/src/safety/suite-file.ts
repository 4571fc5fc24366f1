import { z } from "zod";
import { EXPECTED_BEHAVIOURS, suiteItemSchema } from "./types";

/**
 * A whole suite as a file: the built-in suites ship in this shape
 * (packages/datasets/safety/suites/<key>.json), with their licence and
 * origin, so a run can cite exactly what it evaluated.
 */

export const suiteKeySchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "A suite key is a lowercase slug: letters, digits and hyphens.")
  .max(100);

const suiteMetadataSchema = z.object({
  key: suiteKeySchema,
  name: z.string().trim().min(1).max(200),
  /** The source's own version, e.g. "advbench@0f505d82". */
  version: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000),
  licence: z.string().trim().min(1).max(200),
  /** Where the items come from, as stored with the suite: "owner/repo@commit (path, …)". */
  origin: z.string().trim().min(1).max(500),
  /** A link to the source at that commit. */
  originUrl: z.url(),
  citation: z.string().trim().max(2000),
  /** The prompts are harmful text; the UI warns before showing them. */
  contentWarning: z.boolean(),
  itemCount: z.number().int().nonnegative(),
});

export const suiteFileSchema = suiteMetadataSchema.extend({ items: z.array(suiteItemSchema) }).superRefine((suite, ctx) => {
  if (suite.itemCount !== suite.items.length)
    ctx.addIssue({ code: "custom", path: ["itemCount"], message: `itemCount is ${suite.itemCount} but the suite has ${suite.items.length} items.` });
  const seen = new Set<string>();
  suite.items.forEach((item, index) => {
    if (seen.has(item.externalId)) ctx.addIssue({ code: "custom", path: ["items", index, "externalId"], message: `Duplicate item id "${item.externalId}".` });
    seen.add(item.externalId);
  });
});
export type SuiteFile = z.infer<typeof suiteFileSchema>;

/** A suite without its items, with counts for listing and planning: small enough to load eagerly. */
export const suiteSummarySchema = suiteMetadataSchema.extend({
  /** Item count per taxonomy category. */
  categories: z.record(z.string(), z.number().int().nonnegative()),
  /** Item count per expected behaviour. */
  expected: z.partialRecord(z.enum(EXPECTED_BEHAVIOURS), z.number().int().nonnegative()),
});
export type SuiteSummary = z.infer<typeof suiteSummarySchema>;

export function summariseSuite(suite: SuiteFile): SuiteSummary {
  const { items, ...metadata } = suite;
  const categories: Record<string, number> = {};
  const expected: SuiteSummary["expected"] = {};
  for (const item of items) {
    categories[item.category] = (categories[item.category] ?? 0) + 1;
    expected[item.expected] = (expected[item.expected] ?? 0) + 1;
  }
  return { ...metadata, categories, expected };
}
