import { scoreBinIndex, type ScoreHistogram } from "./types";

/**
 * Internal (not exported from the package): both histogram variants as one
 * list of cells, lowest scores first, with the sums the metrics need.
 */
export type HistogramCells = {
  positives: readonly number[];
  negatives: readonly number[];
  /** Σ score over each cell's positive rows. */
  sumScorePositives: readonly number[];
  /** Σ score over each cell's rows. */
  sumScore: readonly number[];
  /** Σ score² over each cell's rows. */
  sumSquares: readonly number[];
  /** True when every cell holds a single distinct score, so its ties are real ties. */
  exact: boolean;
  /** Maps cells to `bins` equal-width calibration bins; throws when that cannot be done exactly. */
  calibrationBinOf: (bins: number) => (cell: number) => number;
};

const addArrays = (a: readonly number[], b: readonly number[]) => a.map((x, i) => x + (b[i] ?? 0));

export function assertBinCount(bins: number, what: string): void {
  if (!Number.isSafeInteger(bins) || bins < 1) throw new RangeError(`${what} must be a positive integer, got ${bins}`);
}

/** Expects a validated histogram. */
export function histogramCells(h: ScoreHistogram): HistogramCells {
  if (h.kind === "uniform") {
    return {
      positives: h.positives,
      negatives: h.negatives,
      sumScorePositives: h.sumScorePositives,
      sumScore: addArrays(h.sumScorePositives, h.sumScoreNegatives),
      sumSquares: addArrays(h.sumSquaresPositives, h.sumSquaresNegatives),
      exact: false,
      calibrationBinOf: (bins) => {
        assertBinCount(bins, "The number of calibration bins");
        // Only when every calibration bin is a union of fine bins are its sums
        // (and so ECE and the reliability curve) exact; otherwise a fine bin
        // straddling a calibration edge would have to be split by guesswork.
        if (h.binCount % bins !== 0) {
          throw new RangeError(
            `Calibration bins must be unions of the histogram's fine bins: ${bins} does not divide ${h.binCount}. ` +
              "Pick a divisor, or aggregate with a bin count it divides.",
          );
        }
        const width = h.binCount / bins;
        return (cell) => Math.floor(cell / width);
      },
    };
  }
  const n = h.scores.map((_, i) => (h.positives[i] ?? 0) + (h.negatives[i] ?? 0));
  return {
    positives: h.positives,
    negatives: h.negatives,
    sumScorePositives: h.scores.map((s, i) => s * (h.positives[i] ?? 0)),
    sumScore: h.scores.map((s, i) => s * (n[i] ?? 0)),
    sumSquares: h.scores.map((s, i) => s * s * (n[i] ?? 0)),
    exact: true,
    calibrationBinOf: (bins) => {
      assertBinCount(bins, "The number of calibration bins");
      return (cell) => scoreBinIndex(h.scores[cell] ?? 0, bins);
    },
  };
}
