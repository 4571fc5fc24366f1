import { RISK_SCALES, type RiskScale, type RiskTier, type Severity } from "@assay/core";
import type { RiskCategory, RiskStatus } from "@assay/db";
import { RISK_TIERS } from "../registry/labels";
import { RISK_CATEGORIES, RISK_STATUSES, SEVERITIES } from "./labels";

/**
 * The register's filters live in the URL, so a filtered view (a heat-map
 * cell included) can be linked to and bookmarked. Unknown values are
 * dropped rather than failing the page.
 */

export type StatusView = "active" | "all" | RiskStatus;

/** "active" is the default view: the risks that still need work. */
export const STATUS_VIEWS: ReadonlyArray<{ value: StatusView; filter: string | undefined }> = [
  { value: "active", filter: "open,mitigating" },
  { value: "all", filter: undefined },
  ...RISK_STATUSES.map((s) => ({ value: s, filter: s })),
];

export type HeatmapCellFilter = { scale: RiskScale; likelihood: number; impact: number };

export type RegisterState = {
  systemId?: string;
  tier?: RiskTier;
  category?: RiskCategory;
  severity?: Severity;
  overdue: boolean;
  status: StatusView;
  cell: HeatmapCellFilter | null;
  /** Which heat map shows first. */
  scale: RiskScale;
};

export type RawSearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const oneOf = <T extends string>(v: string | undefined, allowed: readonly T[]): T | undefined =>
  (allowed as readonly string[]).includes(v ?? "") ? (v as T) : undefined;
const score = (v: string | undefined) => {
  const n = Number(v);
  return v !== undefined && v !== "" && Number.isInteger(n) && n >= 1 && n <= 5 ? n : undefined;
};

export function parseRegisterParams(raw: RawSearchParams): RegisterState {
  const get = (key: string) => first(raw[key])?.trim();
  const systemId = get("systemId") || undefined;
  const status = oneOf(get("status"), STATUS_VIEWS.map((v) => v.value)) ?? "active";
  const likelihood = score(get("likelihood"));
  const impact = score(get("impact"));
  const residualLikelihood = score(get("residualLikelihood"));
  const residualImpact = score(get("residualImpact"));
  const cell: HeatmapCellFilter | null =
    likelihood !== undefined && impact !== undefined
      ? { scale: "inherent", likelihood, impact }
      : residualLikelihood !== undefined && residualImpact !== undefined
        ? { scale: "residual", likelihood: residualLikelihood, impact: residualImpact }
        : null;
  return {
    ...(systemId ? { systemId } : {}),
    ...(oneOf(get("tier"), RISK_TIERS) ? { tier: oneOf(get("tier"), RISK_TIERS) } : {}),
    ...(oneOf(get("category"), RISK_CATEGORIES) ? { category: oneOf(get("category"), RISK_CATEGORIES) } : {}),
    ...(oneOf(get("severity"), SEVERITIES) ? { severity: oneOf(get("severity"), SEVERITIES) } : {}),
    overdue: get("overdue") === "1" || get("overdue") === "true",
    status,
    cell,
    scale: cell?.scale ?? oneOf(get("map"), RISK_SCALES) ?? "inherent",
  };
}

/** The listRisks filter of a state; `withCell: false` leaves the heat-map cell out (for the map itself). */
export function registerFilter(state: RegisterState, options: { withCell?: boolean } = {}): Record<string, string | undefined> {
  const withCell = options.withCell ?? true;
  const cell = withCell ? state.cell : null;
  return {
    systemId: state.systemId,
    tier: state.tier,
    category: state.category,
    severity: state.severity,
    overdue: state.overdue ? "true" : undefined,
    status: STATUS_VIEWS.find((v) => v.value === state.status)?.filter,
    ...(cell?.scale === "inherent" ? { likelihood: String(cell.likelihood), impact: String(cell.impact) } : {}),
    ...(cell?.scale === "residual" ? { residualLikelihood: String(cell.likelihood), residualImpact: String(cell.impact) } : {}),
  };
}

/** The register's URL for a state; defaults are left out so links stay short. */
export function registerHref(state: RegisterState): string {
  const q = new URLSearchParams();
  if (state.systemId) q.set("systemId", state.systemId);
  if (state.tier) q.set("tier", state.tier);
  if (state.category) q.set("category", state.category);
  if (state.severity) q.set("severity", state.severity);
  if (state.overdue) q.set("overdue", "1");
  if (state.status !== "active") q.set("status", state.status);
  if (state.cell?.scale === "inherent") {
    q.set("likelihood", String(state.cell.likelihood));
    q.set("impact", String(state.cell.impact));
  } else if (state.cell?.scale === "residual") {
    q.set("residualLikelihood", String(state.cell.likelihood));
    q.set("residualImpact", String(state.cell.impact));
  } else if (state.scale !== "inherent") {
    q.set("map", state.scale);
  }
  const query = q.toString();
  return query ? `/risks?${query}` : "/risks";
}

/** The register narrowed to one heat-map cell, keeping the other filters. */
export function cellHref(state: RegisterState, cell: HeatmapCellFilter): string {
  return registerHref({ ...state, cell, scale: cell.scale });
}

/** The register without its cell filter, on the same heat map. */
export function clearCellHref(state: RegisterState): string {
  return registerHref({ ...state, cell: null });
}
