import {
  DEFAULT_RATIO_BAND,
  planCheckSchema,
  SAFETY_METRIC_DEFINITIONS,
  type AcceptanceBand,
  type BandsByTier,
  type FairnessCheck,
  type PlanCheck,
  type RateMetric,
  type RiskTier,
  type SafetyCheck,
  type SafetyCheckBasis,
  type SafetyMetric,
} from "@assay/core";
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

export type CheckKind = PlanCheck["kind"];

export type FairnessRow = {
  kind: "fairness";
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

export type SafetyRow = {
  kind: "safety";
  key: number;
  /** null while the id follows metric, suite and category; set once the user types one. */
  customId: string | null;
  metric: SafetyMetric;
  /** A suite key: built-in or the organisation's. */
  suite: string;
  /** A taxonomy category key; "" for the whole suite. */
  category: string;
  /** As typed, in the metric's unit: a percentage for rates ("2" is 2%), a count per 1,000 for violations. */
  max: string;
  basis: SafetyCheckBasis;
};

export type Row = FairnessRow | SafetyRow;

export const BASIS_LABELS: Record<SafetyCheckBasis, string> = {
  point: "Point estimate",
  upper_ci: "Upper 95% bound",
};

export const BASIS_HINTS: Record<SafetyCheckBasis, string> = {
  point: "Passes when the measured rate is at most the maximum.",
  upper_ci: "Passes only when the Wilson 95% upper bound is at most the maximum: conservative, so a small suite needs a wide margin.",
};

/** The unit a safety maximum is typed in, shown next to its input. */
export function safetyMaxUnit(metric: SafetyMetric): string {
  return SAFETY_METRIC_DEFINITIONS[metric].scale === 1 ? "%" : "per 1,000 responses";
}

/** Rounds away binary noise (0.07 × 100 = 7.000000000000001) without touching what was typed. */
const clean = (x: number) => Number(x.toPrecision(12));

/** A check's maximum as the editor shows it: 0.02 → "2" (percent); violations per 1,000 unchanged. */
export function safetyMaxToText(metric: SafetyMetric, max: number): string {
  return String(SAFETY_METRIC_DEFINITIONS[metric].scale === 1 ? clean(max * 100) : max);
}

/** What the user typed, in the check's own unit: "2" → 0.02 for rates; NaN when it is not a number. */
export function safetyMaxFromText(metric: SafetyMetric, text: string): number {
  const typed = parseBound(text);
  if (!Number.isFinite(typed)) return Number.NaN;
  return SAFETY_METRIC_DEFINITIONS[metric].scale === 1 ? clean(typed / 100) : typed;
}

/** A choice of suite for a safety check. */
export type SuiteOption = {
  key: string;
  name: string;
  /** Built-in suites can be named before the organisation installs them. */
  builtin: boolean;
  installed: boolean;
};

/**
 * Every suite a safety check may name, from the organisation's suite list: all
 * built-in suites (installed or not) by name, then the organisation's own.
 */
export function suiteOptions(listed: {
  suites: ReadonlyArray<{ key: string; name: string; source: string }>;
  builtins: ReadonlyArray<{ key: string; name: string }>;
}): SuiteOption[] {
  const byName = (a: SuiteOption, b: SuiteOption) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key);
  const builtins: SuiteOption[] = [
    ...listed.suites.filter((s) => s.source === "builtin").map((s) => ({ key: s.key, name: s.name, builtin: true, installed: true })),
    ...listed.builtins.map((b) => ({ key: b.key, name: b.name, builtin: true, installed: false })),
  ];
  const own = listed.suites.filter((s) => s.source !== "builtin").map((s) => ({ key: s.key, name: s.name, builtin: false, installed: true }));
  return [...builtins.sort(byName), ...own.sort(byName)];
}

/** Tier bands start unticked, pre-filled with the check's band type defaults so ticking one gives sensible bounds. */
export function defaultTierBands(bandType: BandType): Record<RiskTier, TierBandRow> {
  const band = DEFAULT_BANDS[bandType];
  const off = (): TierBandRow => ({ enabled: false, min: String(band.min), max: String(band.max) });
  return { low: off(), medium: off(), high: off(), critical: off() };
}

function tierBandsFromCheck(check: FairnessCheck): Record<RiskTier, TierBandRow> {
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

function parseBound(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}

/** e.g. autoSlug("fpr", "Age Group") = "fpr-age-group"; empty parts are skipped. */
export function autoSlug(...parts: string[]): string {
  return parts
    .filter((p) => p.trim() !== "")
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "");
}

/** The id a row gets while the user has not typed one: metric and attribute, or metric, suite and category. */
export function autoId(row: Row): string {
  return row.kind === "fairness" ? autoSlug(row.metric, row.attribute) : autoSlug(row.metric, row.suite, row.category);
}

function autoIdOfCheck(check: PlanCheck): string {
  return check.kind === "fairness" ? autoSlug(check.metric, check.attribute) : autoSlug(check.metric, check.suite, check.category ?? "");
}

/** Ids per row: typed ids are kept; generated ones get a suffix when they would collide. */
export function resolveIds(rows: Row[]): string[] {
  const used = new Set(rows.flatMap((r) => (r.customId === null ? [] : [r.customId])));
  return rows.map((r) => {
    if (r.customId !== null) return r.customId;
    const base = autoId(r);
    let candidate = base;
    for (let n = 2; used.has(candidate); n += 1) candidate = `${base}-${n}`;
    used.add(candidate);
    return candidate;
  });
}

export function rowFromCheck(check: PlanCheck, key: number): Row {
  // An id that is exactly what we would generate keeps following edits; any other id was chosen and stays.
  const customId = check.id === autoIdOfCheck(check) ? null : check.id;
  if (check.kind === "safety") {
    return {
      kind: "safety",
      key,
      customId,
      metric: check.metric,
      suite: check.suite,
      category: check.category ?? "",
      max: safetyMaxToText(check.metric, check.max),
      basis: check.basis,
    };
  }
  return {
    kind: "fairness",
    key,
    customId,
    metric: check.metric,
    attribute: check.attribute,
    bandType: check.band.type,
    min: String(check.band.min),
    max: String(check.band.max),
    referenceGroup: check.referenceGroup ?? "",
    tierBands: tierBandsFromCheck(check),
  };
}

export function newRow(key: number, attribute: string): FairnessRow {
  const band = DEFAULT_BANDS.ratio;
  return {
    kind: "fairness",
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

/** A new safety check on a suite; the maximum starts empty, so a gate is never saved with a limit nobody chose. */
export function newSafetyRow(key: number, suite: string): SafetyRow {
  return { kind: "safety", key, customId: null, metric: "attack_success_rate", suite, category: "", max: "", basis: "point" };
}

/**
 * Changes a safety row's metric. Between a rate and a per-1,000 metric the
 * typed maximum is converted so it keeps its meaning (2% is 20 per 1,000).
 */
export function withSafetyMetric(row: SafetyRow, metric: SafetyMetric): SafetyRow {
  const from = SAFETY_METRIC_DEFINITIONS[row.metric].scale;
  const to = SAFETY_METRIC_DEFINITIONS[metric].scale;
  const typed = parseBound(row.max);
  if (from === to || !Number.isFinite(typed)) return { ...row, metric };
  // Rate percentages × 10 are per-1,000 figures.
  return { ...row, metric, max: String(clean(to === 1000 ? typed * 10 : typed / 10)) };
}

type Built = { errors: string[]; check: PlanCheck | null };

/** Turns rows into checks with the same schema the server applies, collecting messages per row. */
export function buildChecks(rows: Row[]): { checks: PlanCheck[]; rowErrors: Map<number, string[]>; planError: string | null } {
  const ids = resolveIds(rows);
  const rowErrors = new Map<number, string[]>();
  const checks: PlanCheck[] = [];
  rows.forEach((row, i) => {
    const id = ids[i] ?? "";
    const idErrors: string[] = [];
    if (id === "") idErrors.push("Enter a check id.");
    else if (ids.indexOf(id) !== i) idErrors.push(`The id “${id}” is used by another check.`);
    const { errors, check } = row.kind === "fairness" ? buildFairness(row, id, idErrors) : buildSafety(row, id, idErrors);
    if (check && errors.length === 0) checks.push(check);
    if (errors.length > 0) rowErrors.set(row.key, errors);
  });
  const planError = rows.length === 0 ? "A plan needs at least one check." : null;
  return { checks, rowErrors, planError };
}

function buildFairness(row: FairnessRow, id: string, idErrors: string[]): Built {
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
  errors.push(...idErrors);
  const parsed = planCheckSchema.safeParse({
    id,
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
  return { errors, check: parsed.success ? parsed.data : null };
}

function buildSafety(row: SafetyRow, id: string, idErrors: string[]): Built {
  const errors: string[] = [];
  const { scale, label } = SAFETY_METRIC_DEFINITIONS[row.metric];
  const typed = parseBound(row.max);
  // Checked in the unit the user typed: the schema's own message speaks of fractions, which nobody typed.
  if (!Number.isFinite(typed)) errors.push(scale === 1 ? "Enter the maximum as a percentage." : "Enter the maximum per 1,000 responses.");
  else if (typed < 0) errors.push("The maximum must not be negative.");
  else if (scale === 1 && typed > 100) errors.push(`${label} is a percentage between 0 and 100; got ${row.max.trim()}.`);
  else if (scale === 1000 && typed > 1000) errors.push(`${label} lies between 0 and 1,000; got ${row.max.trim()}.`);
  if (row.suite.trim() === "") errors.push("Choose the suite.");
  errors.push(...idErrors);
  const parsed = planCheckSchema.safeParse({
    id,
    kind: "safety",
    metric: row.metric,
    suite: row.suite.trim(),
    // Omitted for the whole suite, as the schema expects.
    category: row.category.trim() || undefined,
    max: safetyMaxFromText(row.metric, row.max),
    basis: row.basis,
  } satisfies Omit<SafetyCheck, "category"> & { category: string | undefined });
  if (!parsed.success && errors.length === 0) {
    for (const issue of parsed.error.issues) errors.push(issueMessage(issue.path, issue.message));
  }
  return { errors, check: parsed.success ? parsed.data : null };
}

function issueMessage(path: readonly PropertyKey[], message: string): string {
  if (path[0] === "id") return `Id: ${message}`;
  if (path[0] === "suite") return `Suite: ${message}`;
  if (path[0] === "category") return `Category: ${message}`;
  const tier = path[0] === "bandsByTier" ? RISK_TIERS.find((t) => t === path[1]) : undefined;
  return tier ? `${RISK_TIER_LABELS[tier]} tier: ${message}` : message;
}

export function rowsSignature(rows: Row[]): string {
  return JSON.stringify(rows.map(({ key: _key, ...rest }) => rest));
}
