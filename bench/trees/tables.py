"""Tables of the tree benchmark (bench/trees.sh), written as LIBSVM text (sparse: only non-zero values),
one file per table, so the Java side reads exactly the values scikit-learn fits on. Rows r with
r % 5 == 0 are the test rows; the rest train.

usage: /usr/bin/python3 bench/trees/tables.py OUT_DIR

digits         1,797 x 64 dense (sklearn.datasets), 10 classes
wine           178 x 13 dense, 3 classes
breast-cancer  569 x 30 dense, 2 classes
sotu-tfidf     3,232 State of the Union passages (examples/text), party from
               TfidfVectorizer(max_features=1000) of the text: sparse, 2 classes
"""
import csv
import os
import sys

from sklearn.datasets import dump_svmlight_file, load_breast_cancer, load_digits, load_wine
from sklearn.feature_extraction.text import TfidfVectorizer

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for name, data in [("digits", load_digits()), ("wine", load_wine()), ("breast-cancer", load_breast_cancer())]:
    dump_svmlight_file(data.data, data.target, os.path.join(out, name + ".svm"), zero_based=True)
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
with open(os.path.join(root, "examples/text/data/sotu_passages.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
texts = [r["text"] for r in rows]
target = [1 if r["party"] == "republican" else 0 for r in rows]
x = TfidfVectorizer(max_features=1000).fit_transform(texts)
dump_svmlight_file(x, target, os.path.join(out, "sotu-tfidf.svm"), zero_based=True)
