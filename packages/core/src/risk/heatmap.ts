import { DEFAULT_SEVERITY_MATRIX, severityFor, type Severity } from "./severity";

/**
 * The 5×5 risk heat map: how many risks sit in each likelihood × impact cell,
 * either as assessed (inherent) or as expected once mitigated (residual).
 */

export const RISK_SCALES = ["inherent", "residual"] as const;
export type RiskScale = (typeof RISK_SCALES)[number];

export const SCORE_VALUES = [1, 2, 3, 4, 5] as const;

/** What the heat map reads of a risk; residual scores are null until someone assesses them. */
export type ScoredRisk = {
  likelihood: number;
  impact: number;
  residualLikelihood?: number | null;
  residualImpact?: number | null;
};

export type HeatmapCell = { likelihood: number; impact: number; severity: Severity; count: number };

export type RiskHeatmap = {
  scale: RiskScale;
  /** Likelihood 5 (top) down to 1, as heat maps are drawn; each row holds impact 1 (left) to 5. */
  rows: HeatmapCell[][];
  /** Risks placed on the grid. */
  placed: number;
  /** Risks left off: on the residual scale, those without a residual assessment. */
  unscored: number;
  /** The largest count in any cell, for shading; 0 when the grid is empty. */
  maxCount: number;
};

/** The likelihood and impact of a risk on a scale, or null when it has none there. */
export function scoresOn(risk: ScoredRisk, scale: RiskScale): { likelihood: number; impact: number } | null {
  if (scale === "inherent") return { likelihood: risk.likelihood, impact: risk.impact };
  const { residualLikelihood: likelihood, residualImpact: impact } = risk;
  if (likelihood === null || likelihood === undefined || impact === null || impact === undefined) return null;
  return { likelihood, impact };
}

const isScore = (n: number) => Number.isInteger(n) && n >= 1 && n <= 5;

/**
 * Counts risks per cell. Every cell is present (count 0 included) and carries
 * the severity the matrix gives it, so the grid can be shaded and read
 * without the risks. Scores outside 1..5 are a caller's bug and throw.
 */
export function riskHeatmap(risks: readonly ScoredRisk[], scale: RiskScale, matrix = DEFAULT_SEVERITY_MATRIX): RiskHeatmap {
  const counts = new Map<string, number>();
  let placed = 0;
  let unscored = 0;
  for (const risk of risks) {
    const scores = scoresOn(risk, scale);
    if (!scores) {
      unscored += 1;
      continue;
    }
    if (!isScore(scores.likelihood) || !isScore(scores.impact)) {
      throw new RangeError(`Likelihood and impact must be integers from 1 to 5; got ${scores.likelihood} × ${scores.impact}.`);
    }
    const key = `${scores.likelihood}:${scores.impact}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    placed += 1;
  }
  const rows = [...SCORE_VALUES].reverse().map((likelihood) =>
    SCORE_VALUES.map((impact) => ({
      likelihood,
      impact,
      severity: severityFor(likelihood, impact, matrix),
      count: counts.get(`${likelihood}:${impact}`) ?? 0,
    })),
  );
  const maxCount = Math.max(0, ...counts.values());
  return { scale, rows, placed, unscored, maxCount };
}

/** One cell of a heat map; undefined outside 1..5. */
export function heatmapCell(map: RiskHeatmap, likelihood: number, impact: number): HeatmapCell | undefined {
  return map.rows.flat().find((c) => c.likelihood === likelihood && c.impact === impact);
}

/** Whether a risk sits in a cell on a scale (a risk with no residual scores sits in no residual cell). */
export function inHeatmapCell(risk: ScoredRisk, scale: RiskScale, likelihood: number, impact: number): boolean {
  const scores = scoresOn(risk, scale);
  return scores !== null && scores.likelihood === likelihood && scores.impact === impact;
}
