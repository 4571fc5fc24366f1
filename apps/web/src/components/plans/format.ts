import type { AcceptanceBand } from "@assay/core";

/** e.g. "ratio within [0.8, 1.25]". */
export function formatBand(band: AcceptanceBand): string {
  return `${band.type} within [${band.min}, ${band.max}]`;
}
