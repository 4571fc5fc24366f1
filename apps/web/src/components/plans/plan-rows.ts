import { DEFAULT_RATIO_BAND, planCheckSchema, type AcceptanceBand, type BandsByTier, type PlanCheck, type RateMetric, type RiskTier } from "@assay/core";
import { RISK_TIER_LABELS, RISK_TIERS } from "../registry/labels";

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

/** A tier's own band in the editor; it always has the check's band type, so only the bounds are stored. */
export type TierBandRow = { enabled: boolean; min: string; max: string };

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
  tierBands: Record<RiskTier, TierBandRow>;
};

/** Tier bands start unticked, pre-filled with the check's band type defaults so ticking one gives sensible bounds. */
export function defaultTierBands(bandType: BandType): Record<RiskTier, TierBandRow> {
  const band = DEFAULT_BANDS[bandType];
  const off = (): TierBandRow => ({ enabled: false, min: String(band.min), max: String(band.max) });
  return { low: off(), medium: off(), high: off(), critical: off() };
}

function tierBandsFromCheck(check: PlanCheck): Record<RiskTier, TierBandRow> {
  const rows = defaultTierBands(check.band.type);
  for (const tier of RISK_TIERS) {
    const band = check.bandsByTier?.[tier];
    if (!band) continue;
    // The editor only writes tier bands of the check's type. A differently typed one (saved through the API) is
    // loaded ticked with empty bounds, so saving demands new bounds instead of silently reinterpreting the old ones.
    rows[tier] = band.type === check.band.type ? { enabled: true, min: String(band.min), max: String(band.max) } : { enabled: true, min: "", max: "" };
  }
  return rows;
}

const parseBound = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

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
    tierBands: tierBandsFromCheck(check),
  };
}

export function newRow(key: number, attribute: string): Row {
  const band = DEFAULT_BANDS.ratio;
  return {
    key,
    customId: null,
    metric: "fpr",
    attribute,
    bandType: band.type,
    min: String(band.min),
    max: String(band.max),
    referenceGroup: "",
    tierBands: defaultTierBands(band.type),
  };
}

/** Turns rows into checks with the same schema the server applies, collecting messages per row. */
export function buildChecks(rows: Row[]): { checks: PlanCheck[]; rowErrors: Map<number, string[]>; planError: string | null } {
  const ids = resolveIds(rows);
  const rowErrors = new Map<number, string[]>();
  const checks: PlanCheck[] = [];
  rows.forEach((row, i) => {
    const errors: string[] = [];
    const min = parseBound(row.min);
    const max = parseBound(row.max);
    if (!Number.isFinite(min)) errors.push("Enter a number for the lower bound.");
    if (!Number.isFinite(max)) errors.push("Enter a number for the upper bound.");
    const bandsByTier: BandsByTier = {};
    for (const tier of RISK_TIERS) {
      const t = row.tierBands[tier];
      if (!t.enabled) continue;
      const tierMin = parseBound(t.min);
      const tierMax = parseBound(t.max);
      if (!Number.isFinite(tierMin)) errors.push(`Enter a number for the ${RISK_TIER_LABELS[tier]} tier lower bound.`);
      if (!Number.isFinite(tierMax)) errors.push(`Enter a number for the ${RISK_TIER_LABELS[tier]} tier upper bound.`);
      bandsByTier[tier] = { type: row.bandType, min: tierMin, max: tierMax };
    }
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
      // Omitted when no tier is ticked, so plans without tier bands save exactly as before.
      bandsByTier: Object.keys(bandsByTier).length > 0 ? bandsByTier : undefined,
    });
    if (!parsed.success && errors.length === 0) {
      for (const issue of parsed.error.issues) errors.push(issueMessage(issue.path, issue.message));
    }
    if (parsed.success && errors.length === 0) checks.push(parsed.data);
    if (errors.length > 0) rowErrors.set(row.key, errors);
  });
  const planError = rows.length === 0 ? "A plan needs at least one check." : null;
  return { checks, rowErrors, planError };
}

function issueMessage(path: readonly PropertyKey[], message: string): string {
  if (path[0] === "id") return `Id: ${message}`;
  const tier = path[0] === "bandsByTier" ? RISK_TIERS.find((t) => t === path[1]) : undefined;
  return tier ? `${RISK_TIER_LABELS[tier]} tier: ${message}` : message;
}

export function rowsSignature(rows: Row[]): string {
  return JSON.stringify(rows.map(({ key: _key, ...rest }) => rest));
}
