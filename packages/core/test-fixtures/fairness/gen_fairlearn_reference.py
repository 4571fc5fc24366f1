#!/usr/bin/env python3
"""Reference values for packages/core/src/fairness/{group-metrics,disparity-summary,intersections}.

Writes fairlearn_reference.json next to this file. Run from anywhere:

    python3 packages/core/test-fixtures/fairness/gen_fairlearn_reference.py

fairlearn is not installable on this project's machines (no PyPI), so the
definitions are written out here with numpy alone, from raw rows (y_true,
y_pred, sensitive features), independently of the TypeScript, which works from
confusion counts. They follow fairlearn's documentation and source
(fairlearn.metrics: MetricFrame and the named disparity functions):

- MetricFrame.difference(method="between_groups") = max over groups of
  |m(g) - min_g m(g)|; ratio(method="between_groups") = min_g m / max_g m.
- MetricFrame.difference(method="to_overall") = max_g |m(g) - m(overall)|;
  ratio(method="to_overall") = min_g of m(g)/m(overall), each ratio x > 1
  replaced by 1/x.
- demographic_parity_difference/_ratio: selection_rate, between_groups.
- equalized_odds_difference/_ratio (agg="worst_case"): max of the TPR and FPR
  differences / min of the TPR and FPR ratios.
- equal_opportunity_difference/_ratio: true_positive_rate, between_groups.
- With several sensitive features, the groups are every combination of their
  values (MetricFrame reindexes over the product); a combination with no rows
  has NaN metrics, which pandas' min/max skip.

One deliberate departure, shared with the TypeScript: a rate whose
denominator is 0 is NaN (null in the JSON) and skipped by the min/max, where
fairlearn's true_positive_rate & co. return 0 (scikit-learn's
confusion_matrix(normalize="true") maps 0/0 to 0). A 0/0 ratio is null too.
The scenarios keep such groups few and name them, so every other figure is
exactly what fairlearn would print.

Also not fairlearn, and documented where they are: the comparison with a
reference group (the largest group, ties by code-unit order), predictive
parity (PPV between groups), the four-fifths rule, and the Wilson intervals
(the formula of statsmodels' proportion_confint(method="wilson")).
"""

import json
import math
import os

import numpy as np

SEED = 20240617
Z_95 = 1.959963984540054
SEPARATOR = " × "
MISSING = "(missing)"
METRICS = [
    "base_rate", "selection_rate", "accuracy", "balanced_accuracy", "tpr", "fpr", "tnr", "fnr",
    "ppv", "npv", "fdr", "for", "f1",
]


def nan_to_none(x):
    if isinstance(x, float) and math.isnan(x):
        return None
    return x


def div(a, b):
    return float(a) / float(b) if b != 0 else float("nan")


def wilson(successes, trials):
    # statsmodels.stats.proportion.proportion_confint(method="wilson"), pinned at 0 and 1 exactly.
    if trials == 0:
        return None
    n = float(trials)
    p = successes / n
    z2 = Z_95 * Z_95
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = (Z_95 / denominator) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    lower = 0.0 if successes == 0 else max(0.0, centre - half)
    upper = 1.0 if successes == trials else min(1.0, centre + half)
    return [lower, upper]


def metrics_from_rows(y_true, y_pred, total):
    """Every metric from rows, as scikit-learn/fairlearn define them (0/0 -> NaN, see above)."""
    y_true = np.asarray(y_true, dtype=bool)
    y_pred = np.asarray(y_pred, dtype=bool)
    n = len(y_true)
    pos = int(np.sum(y_true))
    neg = n - pos
    ppos = int(np.sum(y_pred))
    pneg = n - ppos
    tp = int(np.sum(y_true & y_pred))
    tn = int(np.sum(~y_true & ~y_pred))
    fp = ppos - tp
    fn = pos - tp
    tpr = div(tp, pos)
    tnr = div(tn, neg)
    values = {
        "count": n,
        "share": div(n, total),
        # selection_rate: mean of y_pred == pos_label; accuracy_score: mean of y_true == y_pred.
        "selection_rate": float(np.mean(y_pred)) if n else float("nan"),
        "base_rate": float(np.mean(y_true)) if n else float("nan"),
        "accuracy": float(np.mean(y_true == y_pred)) if n else float("nan"),
        # balanced_accuracy_score: the mean of the recalls of both classes.
        "balanced_accuracy": (tpr + tnr) / 2,
        "tpr": tpr,
        "fpr": div(fp, neg),
        "tnr": tnr,
        "fnr": div(fn, pos),
        "ppv": div(tp, ppos),
        "npv": div(tn, pneg),
        "fdr": div(fp, ppos),
        "for": div(fn, pneg),
        # f1_score as scikit-learn computes it: 2TP / (2TP + FP + FN).
        "f1": div(2 * tp, 2 * tp + fp + fn),
    }
    intervals = {
        "share": wilson(n, total),
        "selection_rate": wilson(ppos, n),
        "base_rate": wilson(pos, n),
        "accuracy": wilson(tp + tn, n),
        "tpr": wilson(tp, pos),
        "fpr": wilson(fp, neg),
        "tnr": wilson(tn, neg),
        "fnr": wilson(fn, pos),
        "ppv": wilson(tp, ppos),
        "npv": wilson(tn, pneg),
        "fdr": wilson(fp, ppos),
        "for": wilson(fn, pneg),
    }
    counts = {"tp": tp, "fp": fp, "tn": tn, "fn": fn}
    return counts, values, intervals


def between_groups(by_group):
    labels = list(by_group)
    v = np.array([by_group[g] for g in labels], dtype=float)
    defined = ~np.isnan(v)
    excluded = [g for g, d in zip(labels, defined) if not d]
    if not defined.any():
        return {"difference": None, "ratio": None, "min_group": None, "max_group": None, "excluded": excluded}
    lo = np.nanmin(v)
    hi = np.nanmax(v)
    # MetricFrame: (by_group - group_min()).abs().max(); group_min() / group_max().
    difference = float(np.nanmax(np.abs(v - lo)))
    ratio = float(lo / hi) if hi != 0 else None
    # Ties: the first label in code-unit order (sorted() on str is code-point order,
    # which equals UTF-16 code-unit order for the BMP labels used here).
    min_group = sorted(g for g, x in zip(labels, v) if x == lo)[0]
    max_group = sorted(g for g, x in zip(labels, v) if x == hi)[0]
    return {"difference": difference, "ratio": ratio, "min_group": min_group, "max_group": max_group, "excluded": excluded}


def to_overall(by_group, overall):
    v = np.array(list(by_group.values()), dtype=float)
    v = v[~np.isnan(v)]
    if math.isnan(overall) or len(v) == 0:
        return {"overall": nan_to_none(overall), "difference": None, "ratio": None}
    difference = float(np.max(np.abs(v - overall)))
    if overall == 0:
        return {"overall": overall, "difference": difference, "ratio": None}
    ratios = [1 / x if x > 1 else x for x in (v / overall)]
    return {"overall": overall, "difference": difference, "ratio": float(min(ratios))}


def vs_reference(by_group, reference):
    ref = by_group[reference]
    out = {}
    for g, x in by_group.items():
        difference = x - ref if not (math.isnan(x) or math.isnan(ref)) else None
        ratio = x / ref if not (math.isnan(x) or math.isnan(ref) or ref == 0) else None
        out[g] = {"difference": difference, "ratio": ratio}
    return out


def largest_group(sizes):
    def has_missing(label):
        return MISSING in label.split(SEPARATOR)

    candidates = [g for g in sizes if not has_missing(g)] or list(sizes)
    return sorted(candidates, key=lambda g: (-sizes[g], g))[0] if candidates else None


def summarise(keys, y_true, y_pred, all_keys):
    """keys: the group of each row. all_keys: every group to report (may include empty ones)."""
    total = len(y_true)
    groups = {}
    for g in all_keys:
        mask = keys == g
        counts, values, intervals = metrics_from_rows(y_true[mask], y_pred[mask], total)
        groups[g] = {"counts": counts, "values": values, "intervals": intervals}
    _, overall, _ = metrics_from_rows(y_true, y_pred, total)
    sizes = {g: groups[g]["values"]["count"] for g in all_keys}
    reference = largest_group(sizes)
    per_metric = {}
    for m in METRICS:
        by_group = {g: groups[g]["values"][m] for g in all_keys}
        per_metric[m] = {
            "between_groups": between_groups(by_group),
            "to_overall": to_overall(by_group, overall[m]),
            "vs_reference": vs_reference(by_group, reference),
        }
    tpr = per_metric["tpr"]["between_groups"]
    fpr = per_metric["fpr"]["between_groups"]
    sel = per_metric["selection_rate"]["between_groups"]
    ppv = per_metric["ppv"]["between_groups"]

    def worst(f, a, b):
        return None if a is None or b is None else f(a, b)

    rates = {g: groups[g]["values"]["selection_rate"] for g in all_keys}
    highest = sel["max_group"]
    four_fifths = {}
    for g, r in rates.items():
        top = rates[highest] if highest is not None else float("nan")
        ratio = r / top if not (math.isnan(r) or math.isnan(top) or top == 0) else None
        four_fifths[g] = ratio
    failing = sorted((g for g, r in four_fifths.items() if r is not None and r < 0.8), key=lambda g: (four_fifths[g], g))
    named = {
        "demographic_parity_difference": sel["difference"],
        "demographic_parity_ratio": sel["ratio"],
        "equalized_odds_difference": worst(max, tpr["difference"], fpr["difference"]),
        "equalized_odds_ratio": worst(min, tpr["ratio"], fpr["ratio"]),
        "equal_opportunity_difference": tpr["difference"],
        "equal_opportunity_ratio": tpr["ratio"],
        "predictive_parity_difference": ppv["difference"],
        "predictive_parity_ratio": ppv["ratio"],
        "four_fifths": {"highest_group": highest, "ratios": four_fifths, "failing_groups": failing,
                        "passed": None if all(r is None for r in four_fifths.values()) else not failing},
    }
    for g in groups.values():
        g["values"] = {k: nan_to_none(v) for k, v in g["values"].items()}
    return {
        "total": total,
        "reference_group": reference,
        "groups": groups,
        "overall": {k: nan_to_none(v) for k, v in overall.items()},
        "metrics": per_metric,
        "named": named,
    }


def simulate(rng, n, base_rate, tpr, fpr):
    y_true = rng.random(n) < base_rate
    u = rng.random(n)
    y_pred = np.where(y_true, u < tpr, u < fpr)
    return y_true, y_pred


def from_spec(rng, spec, name):
    keys, ys, ps = [], [], []
    for g, n, br, tpr, fpr in spec:
        y, p = simulate(rng, n, br, tpr, fpr)
        keys += [g] * n
        ys.append(y)
        ps.append(p)
    keys = np.array(keys, dtype=object)
    out = summarise(keys, np.concatenate(ys), np.concatenate(ps), sorted(set(keys)))
    out["name"] = name
    return out


def well_posed(rng):
    # Every group has both classes and both predictions, so no metric is undefined and
    # every figure is exactly what fairlearn itself returns.
    spec = [
        ("Group 1", 600, 0.40, 0.70, 0.25),
        ("Group 2", 400, 0.35, 0.62, 0.20),
        ("Group 3", 300, 0.50, 0.78, 0.33),
        ("Group 4", 150, 0.30, 0.55, 0.15),
    ]
    return from_spec(rng, spec, "single attribute, 4 groups, every metric defined")


def single_attribute(rng):
    # (group, n, base rate, TPR, FPR). "E" has no actual positives and "F" selects nobody,
    # so the undefined-metric paths run; "C" and "D" tie in size to exercise the tie-break.
    spec = [
        ("A", 1200, 0.45, 0.72, 0.30),
        ("B", 800, 0.30, 0.60, 0.18),
        ("C", 250, 0.55, 0.80, 0.42),
        ("D", 250, 0.20, 0.50, 0.12),
        ("E", 40, 0.00, 0.50, 0.25),
        ("F", 60, 0.40, 0.00, 0.00),
        ("G", 9, 0.50, 0.70, 0.30),
    ]
    return from_spec(rng, spec, "single attribute, 7 groups, some metrics undefined")


def intersectional(rng):
    n = 3000
    sex = rng.choice(np.array(["Female", "Male", None], dtype=object), size=n, p=[0.45, 0.5, 0.05])
    band = rng.choice(np.array(["18-24", "25-44", "45+", ""], dtype=object), size=n, p=[0.2, 0.5, 0.28, 0.02])
    # No woman aged 18-24: one combination of observed values is empty, so the exclusion path runs.
    band = np.where((sex == "Female") & (band == "18-24"), "25-44", band)
    base = 0.25 + 0.15 * (sex == "Male") + 0.1 * (band == "18-24")
    y_true = rng.random(n) < base
    u = rng.random(n)
    y_pred = np.where(y_true, u < 0.55 + 0.1 * (sex == "Male"), u < 0.15 + 0.1 * (band == "18-24"))

    def label(v):
        return MISSING if v is None or str(v).strip() == "" else str(v)

    sex_l = np.array([label(v) for v in sex], dtype=object)
    band_l = np.array([label(v) for v in band], dtype=object)
    keys = np.array([s + SEPARATOR + b for s, b in zip(sex_l, band_l)], dtype=object)
    # Every combination of observed values, as MetricFrame reindexes over the product.
    product = sorted(s + SEPARATOR + b for s in sorted(set(sex_l)) for b in sorted(set(band_l)))
    out = summarise(keys, y_true, y_pred, product)
    out["name"] = "sex × age band, with missing values and an empty combination"
    out["components"] = ["sex", "band"]
    # Marginals straight from the rows, not by splitting keys, so the TypeScript aggregation is checked independently.
    out["marginals"] = {}
    for attr, labels in (("sex", sex_l), ("band", band_l)):
        out["marginals"][attr] = {}
        for g in sorted(set(labels)):
            counts, _, _ = metrics_from_rows(y_true[labels == g], y_pred[labels == g], n)
            out["marginals"][attr][g] = counts
    # The raw rows are small enough to ship, so countIntersections runs on exactly these rows.
    out["rows"] = [[None if s is None else s, b, int(t), int(p)] for s, b, t, p in zip(sex, band, y_true, y_pred)]
    return out


def main():
    rng = np.random.default_rng(SEED)
    doc = {
        "generator": "packages/core/test-fixtures/fairness/gen_fairlearn_reference.py",
        "seed": SEED,
        "numpy": np.__version__,
        "note": "fairlearn's definitions written out with numpy; undefined (0/0) values are null. See the generator's docstring.",
        "scenarios": [well_posed(rng), single_attribute(rng), intersectional(rng)],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fairlearn_reference.json")
    # One row per line keeps the file reviewable; everything else is indented as usual.
    rows = doc["scenarios"][2].pop("rows")
    doc["scenarios"][2]["rows"] = "@ROWS@"
    text = json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=1)
    compact = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False, allow_nan=False) for r in rows) + "\n]"
    text = text.replace('"@ROWS@"', compact)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
