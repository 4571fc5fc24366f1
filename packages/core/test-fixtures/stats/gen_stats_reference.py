#!/usr/bin/env python3
"""Reference values for packages/core/src/stats/{special,proportion-tests,multiple-testing}.

Writes stats_reference.json next to this file. Run from anywhere:

    python3 packages/core/test-fixtures/stats/gen_stats_reference.py

Needs numpy and scipy (written against scipy 1.17). statsmodels is not
installable on this project's machines, so its two functions the TypeScript
mirrors are transcribed below from statsmodels 0.14's source and, where
scipy has an equivalent, checked against it:

- statsmodels.stats.proportion.proportions_ztest(count, nobs) with the
  defaults value=None, alternative="two-sided", prop_var=False: the pooled
  standard error sqrt(p(1-p)(1/n1 + 1/n2)) and p = 2 * norm.sf(|z|).
- statsmodels.stats.multitest.multipletests(p, method="holm" | "fdr_bh").
  "fdr_bh" is asserted equal to scipy.stats.false_discovery_control(p).

Fisher's test and every special function come from scipy itself.
"""

import json
import math
import os

import numpy as np
import scipy
from scipy import special, stats

SEED = 20250611
rng = np.random.default_rng(SEED)


def finite_or_none(x):
    x = float(x)
    return x if math.isfinite(x) else None


# --- special functions -------------------------------------------------------

normal_xs = sorted(set(
    [0.0, 1e-10, 0.1, 0.3, 0.46875 * math.sqrt(2), 0.5, 0.6629, 1.0, 1.5, 1.959963984540054, 2.0, 2.5, 3.0, 4.0,
     4 * math.sqrt(2), 5.0, 6.0, 7.5, 8.0, 10.0, 12.5, 15.0, 20.0, 25.0, 30.0, 35.0, 37.5]
    + [round(float(x), 6) for x in rng.uniform(0, 9, 40)]
))
normal_xs = sorted(set(normal_xs + [-x for x in normal_xs]))
normal = [{"x": x, "cdf": float(special.ndtr(x)), "sf": float(stats.norm.sf(x))} for x in normal_xs]

erf_xs = sorted(set([0.0, 1e-12, 0.2, 0.46875, 0.47, 1.0, 2.0, 3.9, 4.0, 4.1, 5.0, 10.0, 20.0, 26.0]
                    + [round(float(x), 6) for x in rng.uniform(0, 6, 30)]))
erf_xs = sorted(set(erf_xs + [-x for x in erf_xs]))
erf = [{"x": x, "erf": float(special.erf(x)), "erfc": float(special.erfc(x))} for x in erf_xs]

gamma_xs = sorted(set([1e-8, 0.01, 0.1, 0.5, 0.9, 1.0, 1.5, 2.0, 2.5, 3.0, 7.25, 9.999, 10.0, 10.5, 33.3, 100.0, 170.5,
                       171.0, 172.0, 1e3 + 0.5, 1e5, 1e7 + 0.25, 1e12]
                      + [round(float(x), 6) for x in rng.uniform(0, 50, 30)]))
log_gamma = [{"x": x, "value": float(special.gammaln(x))} for x in gamma_xs]
factorial_ns = [0, 1, 2, 3, 10, 20, 50, 100, 169, 170, 171, 172, 200, 1000, 12345, 10**6, 10**9]
log_factorial = [{"n": n, "value": float(special.gammaln(n + 1))} for n in factorial_ns]

# --- Fisher's exact test -------------------------------------------------------

fisher_tables = [
    [[8, 2], [1, 5]],  # scipy's docstring example: 0.034965034965034975
    [[1, 9], [11, 3]],  # Wikipedia's worked example
    [[3, 7], [7, 3]],  # mirror-image tables tie exactly
    [[5, 5], [5, 5]],  # the observed table is the mode
    [[4, 6], [5, 5]],
    [[0, 5], [5, 0]],
    [[0, 10], [3, 7]],
    [[1, 0], [0, 1]],
    [[0, 0], [3, 4]],  # empty row
    [[0, 3], [0, 4]],  # empty column
    [[2, 21], [641, 873]],  # COMPAS 2-year, FP/TN: Asian vs African-American
    [[641, 873], [282, 999]],  # COMPAS FPR: African-American vs Caucasian
    [[1188, 473], [414, 408]],  # COMPAS TP/FN: African-American vs Caucasian
    [[62, 258], [282, 999]],  # COMPAS FPR: Hispanic vs Caucasian
    [[12000, 8000], [11500, 8600]],
    [[100000, 900000], [101000, 899000]],
    [[500, 10], [10, 500]],  # p around 1e-250: log-space summation
    [[7, 0], [0, 3000]],
    [[0, 2000], [30, 1970]],
]
for _ in range(40):
    scale = int(rng.choice([5, 20, 100, 1000, 20000]))
    fisher_tables.append([[int(v) for v in rng.integers(0, scale, 2)], [int(v) for v in rng.integers(0, scale, 2)]])
fisher = []
for t in fisher_tables:
    res = stats.fisher_exact(t, alternative="two-sided")
    fisher.append({"table": t, "pValue": float(res.pvalue), "oddsRatio": finite_or_none(res.statistic)})

# --- two-proportion z-test (statsmodels' proportions_ztest, transcribed) ----------


def proportions_ztest(x1, n1, x2, n2):
    count = np.array([x1, x2], dtype=float)
    nobs = np.array([n1, n2], dtype=float)
    prop = count / nobs
    diff = prop[0] - prop[1]
    p_pooled = np.sum(count) / np.sum(nobs)
    nobs_fact = np.sum(1.0 / nobs)
    std_diff = np.sqrt(p_pooled * (1 - p_pooled) * nobs_fact)
    z = diff / std_diff
    return float(z), float(stats.norm.sf(np.abs(z)) * 2)


z_cases = [
    (641, 1514, 282, 1281),
    (1188, 1661, 414, 822),
    (5, 31, 641, 1514),
    (50, 100, 50, 100),
    (30, 100, 45, 100),
    (1, 2, 1, 3),
    (900, 1000, 100, 1000),  # z ≈ 35.8, p ≈ 1e-280: the normal tail
    (5000, 10000, 5200, 10000),
]
for _ in range(40):
    n1, n2 = (int(v) for v in rng.integers(1, 5000, 2))
    z_cases.append((int(rng.integers(0, n1 + 1)), n1, int(rng.integers(0, n2 + 1)), n2))
z_test = []
for x1, n1, x2, n2 in z_cases:
    if (x1 + x2) in (0, n1 + n2):
        continue  # degenerate: statsmodels divides by zero; the TypeScript's convention is tested by hand
    z, p = proportions_ztest(x1, n1, x2, n2)
    z_test.append({"a": [x1, n1], "b": [x2, n2], "statistic": z, "pValue": p})

# --- compareProportions: Fisher when an expected count is below 5, else z --------

compare_cases = [(2, 23, 641, 1514), (3, 40, 10, 45), (641, 1514, 282, 1281), (4, 10, 6, 10), (5, 10, 5, 10),
                 (0, 0, 3, 9), (20, 25, 30, 35), (1, 1000, 9, 1000), (0, 50, 0, 60)]
compare = []
for x1, n1, x2, n2 in compare_cases:
    n = n1 + n2
    successes = x1 + x2
    expected = [] if n == 0 else [r * c / n for r in (n1, n2) for c in (successes, n - successes)]
    if n == 0 or min(expected) < 5:
        res = stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]])
        compare.append({"a": [x1, n1], "b": [x2, n2], "test": "fisher", "statistic": finite_or_none(res.statistic),
                        "pValue": float(res.pvalue)})
    else:
        z, p = proportions_ztest(x1, n1, x2, n2)
        compare.append({"a": [x1, n1], "b": [x2, n2], "test": "z", "statistic": z, "pValue": p})

# --- Holm and Benjamini-Hochberg (statsmodels' multipletests, transcribed) --------


def holm(p):
    p = np.asarray(p, dtype=float)
    order = np.argsort(p)
    s = p[order]
    m = len(p)
    corrected = np.maximum.accumulate(s * np.arange(m, 0, -1))
    corrected[corrected > 1] = 1
    out = np.empty(m)
    out[order] = corrected
    return out


def fdr_bh(p):
    p = np.asarray(p, dtype=float)
    order = np.argsort(p)
    s = p[order]
    m = len(p)
    ecdffactor = np.arange(1, m + 1) / float(m)
    corrected = np.minimum.accumulate((s / ecdffactor)[::-1])[::-1]
    corrected[corrected > 1] = 1
    out = np.empty(m)
    out[order] = corrected
    return out


p_vectors = [
    [0.01],
    [0.04, 0.03],
    [0.01, 0.02, 0.03, 0.04, 0.05],
    [0.05, 0.04, 0.03, 0.02, 0.01],
    [0.01, 0.01, 0.04, 0.04, 0.2],  # ties
    [0.0, 1.0, 0.5, 0.0, 0.999],
    [1e-300, 1e-12, 3e-5, 0.7, 0.7, 0.9],
    [0.6, 0.7, 0.8, 0.9],  # capping at 1
    [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216],
]
for size in (3, 10, 30, 100):
    p_vectors.append([float(v) for v in rng.uniform(0, 1, size) ** 3])
multiple_testing = []
for p in p_vectors:
    h, b = holm(p), fdr_bh(p)
    assert np.allclose(b, stats.false_discovery_control(p), rtol=1e-14, atol=0)
    multiple_testing.append({"p": p, "holm": h.tolist(), "bh": b.tolist()})

out = {
    "generator": "gen_stats_reference.py",
    "scipy": scipy.__version__,
    "numpy": np.__version__,
    "seed": SEED,
    "normal": normal,
    "erf": erf,
    "logGamma": log_gamma,
    "logFactorial": log_factorial,
    "fisher": fisher,
    "zTest": z_test,
    "compare": compare,
    "multipleTesting": multiple_testing,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stats_reference.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"wrote {path}: " + ", ".join(f"{k} {len(v)}" for k, v in out.items() if isinstance(v, list)))
