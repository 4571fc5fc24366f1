import { ANY_SUITE, FALLBACK_CATEGORY, type Severity, type Taxonomy, type TaxonomyCategory, type TaxonomyMapping } from "@assay/core";

/**
 * Edits of the taxonomy in the browser, with the checks of taxonomySchema
 * (packages/core/src/safety/taxonomy.ts) run first. The server validates the
 * whole taxonomy again and refuses a stale version (409).
 */

export type CategoryDraft = { key: string; label: string; description: string; severity: Severity };
export type MappingDraft = { suite: string; sourceCategory: string; category: string };
export type DraftErrors<T> = Partial<Record<keyof T, string>>;

const KEY = /^[a-z][a-z0-9_]*$/;
const normalise = (text: string) => text.trim().toLowerCase();

export const emptyCategory = (): CategoryDraft => ({ key: "", label: "", description: "", severity: "medium" });
export const emptyMapping = (category = FALLBACK_CATEGORY): MappingDraft => ({ suite: ANY_SUITE, sourceCategory: "", category });

/** A draft checked against the other categories; `index` is the edited category's position, null for a new one. */
export function checkCategory(draft: CategoryDraft, taxonomy: Taxonomy, index: number | null): { category: TaxonomyCategory } | { errors: DraftErrors<CategoryDraft> } {
  const errors: DraftErrors<CategoryDraft> = {};
  const key = draft.key.trim();
  const label = draft.label.trim();
  const description = draft.description.trim();
  if (!key) errors.key = "Enter a key.";
  else if (key.length > 80) errors.key = "A key has at most 80 characters.";
  else if (!KEY.test(key)) errors.key = "A key is a lowercase slug: letters, digits and underscores, starting with a letter.";
  else if (taxonomy.categories.some((c, i) => i !== index && c.key === key)) errors.key = `The category “${key}” already exists.`;
  else if (index !== null && taxonomy.categories[index]?.key === FALLBACK_CATEGORY && key !== FALLBACK_CATEGORY)
    errors.key = `“${FALLBACK_CATEGORY}” receives unmapped source categories; its key cannot change.`;
  if (!label) errors.label = "Enter a label.";
  else if (label.length > 80) errors.label = "A label has at most 80 characters.";
  if (description.length > 500) errors.description = "A description has at most 500 characters.";
  if (Object.keys(errors).length > 0) return { errors };
  return { category: { key, label, description, severity: draft.severity } };
}

/** Adds a category, or replaces the one at `index`; mappings follow a changed key. */
export function putCategory(taxonomy: Taxonomy, index: number | null, category: TaxonomyCategory): Taxonomy {
  if (index === null) return { ...taxonomy, categories: [...taxonomy.categories, category] };
  const before = taxonomy.categories[index];
  const categories = taxonomy.categories.map((c, i) => (i === index ? category : c));
  const mappings = before && before.key !== category.key ? taxonomy.mappings.map((m) => (m.category === before.key ? { ...m, category: category.key } : m)) : taxonomy.mappings;
  return { ...taxonomy, categories, mappings };
}

/** Removes a category that nothing points at; "other" always stays. */
export function removeCategory(taxonomy: Taxonomy, key: string): { taxonomy: Taxonomy } | { error: string } {
  if (key === FALLBACK_CATEGORY) return { error: `“${FALLBACK_CATEGORY}” receives unmapped source categories; every taxonomy keeps it.` };
  const used = taxonomy.mappings.filter((m) => m.category === key).length;
  if (used > 0) return { error: `${used} ${used === 1 ? "mapping points" : "mappings point"} at “${key}”; change or remove ${used === 1 ? "it" : "them"} first.` };
  return { taxonomy: { ...taxonomy, categories: taxonomy.categories.filter((c) => c.key !== key) } };
}

export function checkMapping(draft: MappingDraft, taxonomy: Taxonomy, index: number | null): { mapping: TaxonomyMapping } | { errors: DraftErrors<MappingDraft> } {
  const errors: DraftErrors<MappingDraft> = {};
  const suite = draft.suite.trim();
  const sourceCategory = draft.sourceCategory.trim();
  if (!suite) errors.suite = `Enter a suite key, or ${ANY_SUITE} for every suite.`;
  else if (suite.length > 100) errors.suite = "A suite key has at most 100 characters.";
  if (!sourceCategory) errors.sourceCategory = "Enter the category as the suite names it.";
  else if (sourceCategory.length > 200) errors.sourceCategory = "A source category has at most 200 characters.";
  if (!taxonomy.categories.some((c) => c.key === draft.category)) errors.category = "Choose a category of the taxonomy.";
  if (!errors.suite && !errors.sourceCategory) {
    const clash = taxonomy.mappings.findIndex((m, i) => i !== index && normalise(m.suite) === normalise(suite) && normalise(m.sourceCategory) === normalise(sourceCategory));
    if (clash >= 0) errors.sourceCategory = `“${sourceCategory}” of ${suite === ANY_SUITE ? "every suite" : `suite “${suite}”`} is already mapped to ${taxonomy.mappings[clash]!.category}.`;
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { mapping: { suite, sourceCategory, category: draft.category } };
}

export function putMapping(taxonomy: Taxonomy, index: number | null, mapping: TaxonomyMapping): Taxonomy {
  const mappings = index === null ? [...taxonomy.mappings, mapping] : taxonomy.mappings.map((m, i) => (i === index ? mapping : m));
  return { ...taxonomy, mappings };
}

export function removeMapping(taxonomy: Taxonomy, index: number): Taxonomy {
  return { ...taxonomy, mappings: taxonomy.mappings.filter((_, i) => i !== index) };
}

/** The suites that have mappings, "*" first, then by key. */
export function mappedSuites(mappings: readonly TaxonomyMapping[]): string[] {
  const suites = [...new Set(mappings.map((m) => m.suite))];
  return suites.sort((a, b) => (a === ANY_SUITE ? -1 : b === ANY_SUITE ? 1 : a.localeCompare(b)));
}

export function sameTaxonomy(a: Taxonomy, b: Taxonomy): boolean {
  return JSON.stringify([a.categories, a.mappings]) === JSON.stringify([b.categories, b.mappings]);
}

/** The validation issues of a 400 from PUT /taxonomy, naming the category or mapping: paths look like "taxonomy.categories.3.key". */
export function taxonomyErrorLines(details: unknown, taxonomy: Taxonomy): string[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d): string[] => {
    if (!d || typeof d !== "object") return [];
    const { path, message } = d as { path?: unknown; message?: unknown };
    if (typeof message !== "string") return [];
    const parts = typeof path === "string" ? path.split(".") : [];
    const [root, list, position, ...rest] = parts;
    if (root !== "taxonomy" || (list !== "categories" && list !== "mappings") || position === undefined || !/^\d+$/.test(position)) return [message];
    const index = Number(position);
    const field = rest.length > 0 ? `, ${rest.join(".")}` : "";
    if (list === "categories") {
      const category = taxonomy.categories[index];
      return [`Category ${index + 1}${category ? ` (“${category.key}”)` : ""}${field}: ${message}`];
    }
    const mapping = taxonomy.mappings[index];
    return [`Mapping ${index + 1}${mapping ? ` (${mapping.suite} · “${mapping.sourceCategory}”)` : ""}${field}: ${message}`];
  });
}
