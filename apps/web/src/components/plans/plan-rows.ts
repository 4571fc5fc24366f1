import { DEFAULT_RATIO_BAND, planCheckSchema, type AcceptanceBand, type PlanCheck, type RateMetric } from "@assay/core";

/** The plan editor's rows: what the user typed, turned into checks with the server's own schema. */

export type BandType = AcceptanceBand["type"];

export const DEFAULT_BANDS: Record<BandType, AcceptanceBand> = {
  ratio: DEFAULT_RATIO_BAND,
  difference: { type: "difference", min: -0.1, max: 0.1 },
};

export const BAND_HINTS: Record<BandType, string> = {
  ratio: "Each group's rate divided by the reference group's.",
  difference: "Each group's rate minus the reference group's.",
};

export type Row = {
  key: number;
  /** null while the id follows metric and attribute; set once the user types one. */
  customId: string | null;
  metric: RateMetric;
  attribute: string;
  bandType: BandType;
  min: string;
  max: string;
  referenceGroup: string;
};

export function autoSlug(metric: string, attribute: string): string {
  return `${metric}-${attribute}`.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^[-_]+|[-_]+$/g, "");
}

/** Ids per row: typed ids are kept; generated ones get a suffix when they would collide. */
export function resolveIds(rows: Row[]): string[] {
  const used = new Set(rows.flatMap((r) => (r.customId === null ? [] : [r.customId])));
  return rows.map((r) => {
    if (r.customId !== null) return r.customId;
    const base = autoSlug(r.metric, r.attribute);
    let candidate = base;
    for (let n = 2; used.has(candidate); n += 1) candidate = `${base}-${n}`;
    used.add(candidate);
    return candidate;
  });
}

export function rowFromCheck(check: PlanCheck, key: number): Row {
  return {
    key,
    // An id that is exactly what we would generate keeps following edits; any other id was chosen and stays.
    customId: check.id === autoSlug(check.metric, check.attribute) ? null : check.id,
    metric: check.metric,
    attribute: check.attribute,
    bandType: check.band.type,
    min: String(check.band.min),
    max: String(check.band.max),
    referenceGroup: check.referenceGroup ?? "",
  };
}

export function newRow(key: number, attribute: string): Row {
  const band = DEFAULT_BANDS.ratio;
  return { key, customId: null, metric: "fpr", attribute, bandType: band.type, min: String(band.min), max: String(band.max), referenceGroup: "" };
}

/** Turns rows into checks with the same schema the server applies, collecting messages per row. */
export function buildChecks(rows: Row[]): { checks: PlanCheck[]; rowErrors: Map<number, string[]>; planError: string | null } {
  const ids = resolveIds(rows);
  const rowErrors = new Map<number, string[]>();
  const checks: PlanCheck[] = [];
  rows.forEach((row, i) => {
    const errors: string[] = [];
    const min = row.min.trim() === "" ? Number.NaN : Number(row.min);
    const max = row.max.trim() === "" ? Number.NaN : Number(row.max);
    if (!Number.isFinite(min)) errors.push("Enter a number for the lower bound.");
    if (!Number.isFinite(max)) errors.push("Enter a number for the upper bound.");
    if (row.attribute.trim() === "") errors.push("Choose the sensitive attribute.");
    if (ids[i] === "") errors.push("Enter a check id.");
    else if (ids.indexOf(ids[i]!) !== i) errors.push(`The id “${ids[i]}” is used by another check.`);
    const parsed = planCheckSchema.safeParse({
      id: ids[i],
      kind: "fairness",
      metric: row.metric,
      attribute: row.attribute,
      band: { type: row.bandType, min, max },
      referenceGroup: row.referenceGroup.trim() || undefined,
    });
    if (!parsed.success && errors.length === 0) {
      for (const issue of parsed.error.issues) errors.push(issue.path[0] === "id" ? `Id: ${issue.message}` : issue.message);
    }
    if (parsed.success && errors.length === 0) checks.push(parsed.data);
    if (errors.length > 0) rowErrors.set(row.key, errors);
  });
  const planError = rows.length === 0 ? "A plan needs at least one check." : null;
  return { checks, rowErrors, planError };
}

export function rowsSignature(rows: Row[]): string {
  return JSON.stringify(rows.map(({ key: _key, ...rest }) => rest));
}
