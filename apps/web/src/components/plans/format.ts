import type { AcceptanceBand, BandsByTier } from "@assay/core";
import { RISK_TIERS } from "../registry/labels";

/** e.g. "ratio within [0.8, 1.25]". */
export function formatBand(band: AcceptanceBand): string {
  return `${band.type} within [${band.min}, ${band.max}]`;
}

/**
 * One entry per tier that has its own band, lowest tier first, e.g. ["high: [0.9, 1.1]"].
 * The type is named only when it differs from the check's, since the editor keeps them equal.
 */
export function formatTierBands(bandsByTier: BandsByTier | undefined, checkBandType: AcceptanceBand["type"]): string[] {
  return RISK_TIERS.flatMap((tier) => {
    const band = bandsByTier?.[tier];
    if (!band) return [];
    const type = band.type === checkBandType ? "" : `${band.type} `;
    return [`${tier}: ${type}[${band.min}, ${band.max}]`];
  });
}
