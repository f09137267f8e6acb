"""The scikit-learn side of the tree benchmark (bench/trees.sh): each model with scikit-learn's
defaults (one thread, as n_jobs=None is), fitted twice on the training rows of a table written by
tables.py (the second fit timed) and scored on its test rows (r % 5 == 0). Prints one line per fit: table model wall-seconds cpu-seconds accuracy.

usage: /usr/bin/python3 bench/trees/sk.py TABLES_DIR
"""
import os
import sys
import time

import numpy as np
from sklearn.datasets import load_svmlight_file
from sklearn.ensemble import AdaBoostClassifier, ExtraTreesClassifier, RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier

folder = sys.argv[1]
for table in ["digits", "wine", "breast-cancer", "sotu-tfidf"]:
    x, y = load_svmlight_file(os.path.join(folder, table + ".svm"), zero_based=True)
    if table != "sotu-tfidf":
        x = x.toarray()  # dense tables as a user would hold them
    test = np.arange(len(y)) % 5 == 0
    for name, model in [("cart", DecisionTreeClassifier(random_state=0)),
                        ("forest", RandomForestClassifier(n_estimators=100, random_state=0)),
                        ("extra_trees", ExtraTreesClassifier(n_estimators=100, random_state=0)),
                        ("adaboost", AdaBoostClassifier(random_state=0))]:
        model.fit(x[~test], y[~test])  # a first fit, untimed, as the Java side warms its compiler
        start, cpu_start = time.perf_counter(), time.process_time()
        model.fit(x[~test], y[~test])
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        accuracy = float(np.mean(model.predict(x[test]) == y[test]))
        print(f"{table} sklearn-{name} {seconds:.3f} {cpu:.3f} {accuracy:.4f}", flush=True)
