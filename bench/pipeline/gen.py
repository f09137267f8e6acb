"""Writes the 1,000,000-row table of the pipeline benchmark (bench/pipeline.sh).

16 numeric columns x00..x15 (normal, log-normal and uniform, on different scales; about 5 % of each
missing, as an empty field), 3 categorical columns c5, c20, c100 (5, 20 and 100 levels, the last
with Zipf-like frequencies; never missing) and a binary label `y` (0/1) drawn from a logistic model
of six numeric columns and two categorical ones, before the gaps are punched, so a well-fitted
logistic regression reaches an AUC of about 0.77. Deterministic: the same seed (and NumPy/pandas
versions) writes the same bytes.

usage: /usr/bin/python3 bench/pipeline/gen.py OUT.csv [ROWS] [SEED]
"""
import sys

import numpy as np
import pandas as pd

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20261128
rng = np.random.default_rng(seed)

cols = {}
for j in range(16):
    kind = j % 4
    if kind == 0:
        v = rng.normal(0.0, 1.0, n)
    elif kind == 1:
        v = rng.normal(50.0 * (j + 1), 10.0 * (j + 1), n)
    elif kind == 2:
        v = rng.lognormal(1.0, 0.6, n)
    else:
        v = rng.uniform(-100.0, 100.0, n)
    cols[f"x{j:02d}"] = v

c5 = rng.integers(0, 5, n)
c20 = rng.integers(0, 20, n)
p100 = 1.0 / np.arange(1, 101)
c100 = rng.choice(100, size=n, p=p100 / p100.sum())


def z(name):
    v = cols[name]
    return (v - v.mean()) / v.std()


eff5 = np.array([-0.6, -0.2, 0.0, 0.3, 0.5])
eff20 = rng.normal(0.0, 0.4, 20)
logit = (-0.3 + 0.7 * z("x00") - 0.5 * z("x01") + 0.4 * z("x02") + 0.4 * z("x03")
         - 0.3 * z("x05") + 0.25 * z("x08") + eff5[c5] + eff20[c20])
y = (rng.random(n) < 1.0 / (1.0 + np.exp(-logit))).astype(np.int8)

frame = pd.DataFrame(cols)
for name in frame.columns:
    frame.loc[rng.random(n) < 0.05, name] = np.nan
frame["c5"] = np.array([f"k{i}" for i in range(5)])[c5]
frame["c20"] = np.array([f"r{i:02d}" for i in range(20)])[c20]
frame["c100"] = np.array([f"s{i:03d}" for i in range(100)])[c100]
frame["y"] = y
frame.to_csv(out, index=False, float_format="%.6g", na_rep="", lineterminator="\n")
print(f"wrote {out}: {n} rows, {int(y.sum())} positive")
