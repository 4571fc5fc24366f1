#!/usr/bin/env python3
"""Reference values for packages/core/src/scores (score-based fairness metrics).

Run from the repository root:

    python3 packages/core/test-fixtures/scores/gen_reference.py

and commit the generator together with the reference.json it writes. The
TypeScript tests rebuild histograms from the same synthetic rows (or, for
COMPAS, from the per-race counts written here) and must agree to 1e-9.

Everything here is computed row by row, independently of the histogram
algebra under test: AUC from scipy's Mann-Whitney U (cross-checked by counting
pairs), Brier as a plain mean, ECE and reliability by assigning every row to
its calibration bin. scikit-learn is not a dependency; where its conventions
differ they are noted below.

Bin convention (shared with the TypeScript code): the interior edges of K
equal-width bins are the doubles k/K (k = 1..K-1, correctly rounded), and a
score s falls in the bin of the largest edge <= s; s = 1 falls in the last bin.
That is np.searchsorted(edges[1:-1], s, side="right") with edges = arange(K+1)/K.
sklearn's calibration_curve uses linspace edges instead, which are not
correctly rounded (linspace(0, 1, 11)[3] == 0.30000000000000004), so it puts a
score of exactly 0.3 in the bin below; we want the edge to agree with the
threshold rule "score >= 0.3 is positive".
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import numpy as np
import scipy
from scipy.stats import mannwhitneyu, norm

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
COMPAS_CSV = ROOT / "packages" / "datasets" / "compas" / "compas-scores-two-years.csv"
OUT = HERE / "reference.json"

SEED = 20240611
CALIBRATION_BINS = [5, 10, 20]
RELIABILITY_BINS = 10
# The default sweep grid (i/20, correctly rounded) plus points that probe the
# ends and a non-grid edge of a 1000-bin histogram.
THRESHOLDS = [0.0, 0.01] + [i / 20 for i in range(1, 20)] + [0.37, 0.999, 1.0, 1.5]
Z_95 = float(norm.ppf(0.975))


def bin_index(scores: np.ndarray, k: int) -> np.ndarray:
    edges = np.arange(k + 1) / k
    return np.searchsorted(edges[1:-1], scores, side="right")


def auc(scores: np.ndarray, labels: np.ndarray) -> float | None:
    pos = scores[labels == 1]
    neg = scores[labels == 0]
    if len(pos) == 0 or len(neg) == 0:
        return None
    u = float(mannwhitneyu(pos, neg, alternative="two-sided").statistic)
    # Independent check of scipy's U1 (pairs where the positive scores higher, ties 1/2).
    greater = (pos[:, None] > neg[None, :]).sum()
    ties = (pos[:, None] == neg[None, :]).sum()
    assert abs(u - (greater + 0.5 * ties)) < 1e-9, (u, greater, ties)
    return u / (len(pos) * len(neg))


def brier(scores: np.ndarray, labels: np.ndarray) -> float | None:
    return float(np.mean((scores - labels) ** 2)) if len(scores) else None


def wilson(successes: int, trials: int) -> tuple[float, float]:
    p = successes / trials
    z2 = Z_95 * Z_95
    denom = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denom
    half = (Z_95 / denom) * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    lower = 0.0 if successes == 0 else max(0.0, centre - half)
    upper = 1.0 if successes == trials else min(1.0, centre + half)
    return lower, upper


def ece(scores: np.ndarray, labels: np.ndarray, k: int) -> float | None:
    if len(scores) == 0:
        return None
    idx = bin_index(scores, k)
    total = 0.0
    for b in range(k):
        in_bin = idx == b
        n_b = int(in_bin.sum())
        if n_b == 0:
            continue  # empty bins carry no weight
        total += n_b / len(scores) * abs(scores[in_bin].mean() - labels[in_bin].mean())
    return float(total)


def reliability(scores: np.ndarray, labels: np.ndarray, k: int) -> list[dict]:
    idx = bin_index(scores, k)
    points = []
    for b in range(k):
        in_bin = idx == b
        n_b = int(in_bin.sum())
        if n_b == 0:
            continue
        positives = int(labels[in_bin].sum())
        lower, upper = wilson(positives, n_b)
        points.append(
            {
                "bin": b,
                "count": n_b,
                "positives": positives,
                "mean_score": float(scores[in_bin].mean()),
                "observed_rate": positives / n_b,
                "ci_lower": lower,
                "ci_upper": upper,
            }
        )
    return points


def confusion(scores: np.ndarray, labels: np.ndarray, t: float) -> dict:
    predicted = scores >= t
    actual = labels == 1
    return {
        "threshold": t,
        "tp": int((predicted & actual).sum()),
        "fp": int((predicted & ~actual).sum()),
        "tn": int((~predicted & ~actual).sum()),
        "fn": int((~predicted & actual).sum()),
    }


def summary(scores: np.ndarray, labels: np.ndarray, with_thresholds: bool = True) -> dict:
    out = {
        "n": int(len(scores)),
        "positives": int(labels.sum()),
        "negatives": int((labels == 0).sum()),
        "auc": auc(scores, labels),
        "brier": brier(scores, labels),
        "ece": {str(k): ece(scores, labels, k) for k in CALIBRATION_BINS},
        "reliability10": reliability(scores, labels, RELIABILITY_BINS),
    }
    if with_thresholds:
        out["thresholds"] = [confusion(scores, labels, t) for t in THRESHOLDS]
    return out


def synthetic() -> dict:
    rng = np.random.default_rng(SEED)
    # (group, rows, label intercept, label slope, score intercept, score slope):
    # A is well separated and calibrated, B miscalibrated, C barely informative.
    specs = [("A", 160, -0.2, 1.8, -0.2, 1.8), ("B", 130, -0.9, 1.2, 0.3, 1.5), ("C", 90, -0.4, 0.4, -0.1, 1.0)]
    rows = []
    for group, n, a, b, c, d in specs:
        x = rng.normal(size=n)
        labels = (rng.random(n) < 1 / (1 + np.exp(-(a + b * x)))).astype(int)
        raw = 1 / (1 + np.exp(-(c + d * x + rng.normal(scale=0.5, size=n))))
        # Some rows sit exactly on the ends of [0, 1].
        raw[:3] = [0.0, 1.0, 1.0]
        raw[3:5] = [0.0, 1.0]
        # Two decimals: many ties, and every score lies exactly on an edge
        # k/100 (the same double as 10k/1000), which probes the bin rule.
        rounded = np.round(raw, 2)
        for s, r, y in zip(rounded, raw, labels):
            rows.append([group, float(s), float(r), int(y)])

    groups = sorted({r[0] for r in rows})
    reference: dict[str, dict] = {}
    for column, col_idx in (("score", 1), ("raw_score", 2)):
        per_group = {}
        for g in groups + ["(all)"]:
            sel = [r for r in rows if g == "(all)" or r[0] == g]
            scores = np.array([r[col_idx] for r in sel], dtype=float)
            labels = np.array([r[3] for r in sel], dtype=int)
            per_group[g] = summary(scores, labels)
        reference[column] = per_group
    return {
        "rows_columns": ["group", "score", "raw_score", "label"],
        "rows": rows,
        "calibration_bins": CALIBRATION_BINS,
        "thresholds": THRESHOLDS,
        "reference": reference,
    }


def compas() -> dict:
    with COMPAS_CSV.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        records = list(reader)
    # The header repeats decile_score; take the first occurrence, and make sure both agree.
    col = {name: header.index(name) for name in ("race", "decile_score", "two_year_recid", "days_b_screening_arrest", "is_recid", "c_charge_degree", "score_text")}
    second_decile = header.index("decile_score", col["decile_score"] + 1)
    assert all(r[col["decile_score"]] == r[second_decile] for r in records)

    def in_filtered(r: list[str]) -> bool:
        # ProPublica's R filter, as in packages/core/src/fairness/compas.test.ts.
        days = r[col["days_b_screening_arrest"]]
        return (
            days != ""
            and -30 <= int(days) <= 30
            and r[col["is_recid"]] != "-1"
            and r[col["c_charge_degree"]] != "O"
            and r[col["score_text"]] != "N/A"
        )

    populations = {"unfiltered_7214": records, "filtered_6172": [r for r in records if in_filtered(r)]}
    out = {}
    for name, population in populations.items():
        expected = int(name.rsplit("_", 1)[1])
        assert len(population) == expected, (name, len(population))
        races = sorted({r[col["race"]] for r in population})
        by_race = {}
        for race in races + ["(all)"]:
            sel = [r for r in population if race == "(all)" or r[col["race"]] == race]
            deciles = np.array([int(r[col["decile_score"]]) for r in sel])
            labels = np.array([int(r[col["two_year_recid"]]) for r in sel])
            assert deciles.min() >= 1 and deciles.max() <= 10
            scores = deciles / 10
            entry = summary(scores, labels, with_thresholds=False)
            entry.pop("reliability10")
            entry["counts"] = [
                {"decile": d, "positives": int(((deciles == d) & (labels == 1)).sum()), "negatives": int(((deciles == d) & (labels == 0)).sum())}
                for d in range(1, 11)
                if (deciles == d).any()
            ]
            by_race[race] = entry
        out[name] = {"n_rows": len(population), "by_race": by_race}
    return out


def main() -> None:
    data = {
        "generator": "packages/core/test-fixtures/scores/gen_reference.py",
        "seed": SEED,
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
        "score": "COMPAS: decile_score / 10 as the score, two_year_recid as the label",
        "synthetic": synthetic(),
        "compas": compas(),
    }
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
