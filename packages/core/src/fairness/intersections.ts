import { MISSING_GROUP, type ConfusionCounts, type GroupCounts } from "./types";

/**
 * Joins the components of an intersectional group key, e.g.
 * "African-American × Male × 25 - 45". The same string as
 * @assay/tabular's INTERSECTION_SEPARATOR, so keys built here and keys
 * DuckDB builds there are interchangeable. Spaces around "×" keep it out of
 * real category labels (which may contain "x" or a bare "×").
 */
export const INTERSECTION_SEPARATOR = " × ";

/**
 * An attribute value as a group label: null, undefined and blank (empty or
 * whitespace-only) values form MISSING_GROUP, as in the confusion-count
 * aggregate, so every row falls in exactly one group of each attribute.
 * Other values are kept verbatim: " Male" and "Male" are different groups,
 * and silently merging them would hide a data-quality problem.
 */
export function groupLabel(value: string | null | undefined): string {
  return value === null || value === undefined || value.trim() === "" ? MISSING_GROUP : value;
}

/**
 * The intersectional group key of one row: its component labels, in the
 * order the attributes were given, joined by INTERSECTION_SEPARATOR. A
 * missing value makes only its own component MISSING_GROUP
 * ("Caucasian × (missing)"), so the row still counts towards its other
 * attributes' marginals. Throws if a label contains the separator, because
 * its key could not be split back into components.
 */
export function intersectionKey(values: readonly (string | null | undefined)[]): string {
  if (values.length === 0) throw new RangeError("An intersection needs at least one attribute value.");
  return values
    .map((value) => {
      const label = groupLabel(value);
      if (label.includes(INTERSECTION_SEPARATOR)) {
        throw new RangeError(`Group label "${label}" contains the intersection separator "${INTERSECTION_SEPARATOR}".`);
      }
      return label;
    })
    .join(INTERSECTION_SEPARATOR);
}

/** The component labels of an intersectional key; a single-attribute label is its own one component. */
export function splitIntersectionKey(key: string): string[] {
  return key.split(INTERSECTION_SEPARATOR);
}

/** The name of an intersection of attributes, e.g. "race × sex × age_cat". */
export function intersectionName(attributes: readonly string[]): string {
  return attributes.join(INTERSECTION_SEPARATOR);
}

/**
 * True for MISSING_GROUP and for any intersectional group one of whose
 * components is missing: neither describes a real population, so neither
 * should be a default reference group.
 */
export function hasMissingComponent(group: string): boolean {
  return splitIntersectionKey(group).includes(MISSING_GROUP);
}

/** The same shape as the `intersection` of @assay/tabular's confusion aggregate. */
export type IntersectionCounts = {
  /** intersectionName(components). */
  attribute: string;
  /** The attributes whose values make up each key, in key order. */
  components: string[];
  groups: GroupCounts[];
};

export type LabelledRow = {
  /** One value per attribute, in the order of the attributes. */
  values: readonly (string | null | undefined)[];
  actual: boolean;
  predicted: boolean;
};

// Code-unit order, not localeCompare: keys feed evidence hashes and must not depend on the host's locale.
const byGroup = (a: GroupCounts, b: GroupCounts) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0);

function addCell(target: ConfusionCounts, actual: boolean, predicted: boolean): void {
  if (actual && predicted) target.tp++;
  else if (actual) target.fn++;
  else if (predicted) target.fp++;
  else target.tn++;
}

/**
 * Confusion counts of every intersection that occurs in `rows`, sorted by key
 * in code-unit order (as the DuckDB aggregate sorts them). Intersections with
 * no rows are not listed: they have no metrics to show.
 */
export function countIntersections(attributes: readonly string[], rows: Iterable<LabelledRow>): IntersectionCounts {
  if (attributes.length === 0) throw new RangeError("An intersection needs at least one attribute.");
  if (new Set(attributes).size !== attributes.length) throw new RangeError("An intersection cannot name an attribute twice.");
  const cells = new Map<string, GroupCounts>();
  for (const row of rows) {
    if (row.values.length !== attributes.length) {
      throw new RangeError(`A row has ${row.values.length} attribute values; expected ${attributes.length} (${intersectionName(attributes)}).`);
    }
    const key = intersectionKey(row.values);
    let cell = cells.get(key);
    if (!cell) {
      cell = { group: key, tp: 0, fp: 0, tn: 0, fn: 0 };
      cells.set(key, cell);
    }
    addCell(cell, row.actual, row.predicted);
  }
  return { attribute: intersectionName(attributes), components: [...attributes], groups: [...cells.values()].sort(byGroup) };
}

/**
 * Sums intersectional counts back to each component attribute's own groups:
 * the marginals that a per-attribute aggregate of the same rows must equal.
 * Keys with the wrong number of components throw, since a row that cannot be
 * placed would otherwise vanish from a marginal.
 */
export function marginalCounts(intersection: IntersectionCounts): Array<{ attribute: string; groups: GroupCounts[] }> {
  const { components } = intersection;
  const margins = components.map(() => new Map<string, GroupCounts>());
  for (const cell of intersection.groups) {
    const parts = splitIntersectionKey(cell.group);
    if (parts.length !== components.length) {
      throw new RangeError(
        `Intersectional group "${cell.group}" has ${parts.length} components; "${intersection.attribute}" has ${components.length}.`,
      );
    }
    parts.forEach((label, i) => {
      const margin = margins[i]!;
      const sum = margin.get(label) ?? { group: label, tp: 0, fp: 0, tn: 0, fn: 0 };
      sum.tp += cell.tp;
      sum.fp += cell.fp;
      sum.tn += cell.tn;
      sum.fn += cell.fn;
      margin.set(label, sum);
    });
  }
  return components.map((attribute, i) => ({ attribute, groups: [...margins[i]!.values()].sort(byGroup) }));
}

export type MarginalMismatch = {
  attribute: string;
  group: string;
  /** Summed from the intersections; null if no intersection has this group. */
  fromIntersections: ConfusionCounts | null;
  /** From the per-attribute counts; null if the attribute's counts lack this group. */
  fromAttribute: ConfusionCounts | null;
};

const countsOf = (g: GroupCounts | undefined): ConfusionCounts | null => (g ? { tp: g.tp, fp: g.fp, tn: g.tn, fn: g.fn } : null);
const ZERO: ConfusionCounts = { tp: 0, fp: 0, tn: 0, fn: 0 };
// A group with no rows on one side and all-zero counts on the other is no inconsistency.
const sameCounts = (a: ConfusionCounts | null, b: ConfusionCounts | null) => {
  const x = a ?? ZERO;
  const y = b ?? ZERO;
  return x.tp === y.tp && x.fp === y.fp && x.tn === y.tn && x.fn === y.fn;
};

/**
 * Every group whose counts differ between the intersections' marginals and the
 * per-attribute counts of the same data: empty when the two are consistent.
 * An attribute of the intersection missing from `attributes` throws, because
 * nothing could then be checked for it.
 */
export function marginalMismatches(
  intersection: IntersectionCounts,
  attributes: ReadonlyArray<{ attribute: string; groups: readonly GroupCounts[] }>,
): MarginalMismatch[] {
  const mismatches: MarginalMismatch[] = [];
  for (const margin of marginalCounts(intersection)) {
    const own = attributes.find((a) => a.attribute === margin.attribute);
    if (!own) throw new RangeError(`No per-attribute counts for "${margin.attribute}" to check the intersection against.`);
    const ownByGroup = new Map<string, ConfusionCounts>();
    for (const g of own.groups) {
      const prev = ownByGroup.get(g.group) ?? { tp: 0, fp: 0, tn: 0, fn: 0 };
      ownByGroup.set(g.group, { tp: prev.tp + g.tp, fp: prev.fp + g.fp, tn: prev.tn + g.tn, fn: prev.fn + g.fn });
    }
    const labels = [...new Set([...margin.groups.map((g) => g.group), ...ownByGroup.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const group of labels) {
      const fromIntersections = countsOf(margin.groups.find((g) => g.group === group));
      const fromAttribute = ownByGroup.get(group) ?? null;
      if (!sameCounts(fromIntersections, fromAttribute)) mismatches.push({ attribute: margin.attribute, group, fromIntersections, fromAttribute });
    }
  }
  return mismatches;
}
