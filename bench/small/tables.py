"""Writes the small tables of bench/small.sh as CSV, deterministically: wine (178 rows, 13 numbers,
3 cultivars) and diabetes (442 rows, 10 numbers, a progression score) from the copies Debian's
python3-sklearn ships (no download), and the text table, examples/text's State of the Union passages
(3,232 passages and the speaker's party), copied as it is.

usage: /usr/bin/python3 bench/small/tables.py OUT_DIR
"""
import os
import shutil
import sys

from sklearn.datasets import load_diabetes, load_wine

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

wine = load_wine(as_frame=True).frame
wine.columns = [c.replace("/", "_") for c in wine.columns[:-1]] + ["cultivar"]
wine["cultivar"] = "c" + wine["cultivar"].astype(str)
wine.to_csv(os.path.join(out, "wine.csv"), index=False, float_format="%.6g")

diabetes = load_diabetes(as_frame=True, scaled=False).frame
diabetes = diabetes.rename(columns={"target": "progression"})
diabetes.to_csv(os.path.join(out, "diabetes.csv"), index=False, float_format="%.6g")

here = os.path.dirname(os.path.abspath(__file__))
shutil.copyfile(os.path.join(here, "..", "..", "examples", "text", "data", "sotu_passages.csv"),
                os.path.join(out, "sotu.csv"))
