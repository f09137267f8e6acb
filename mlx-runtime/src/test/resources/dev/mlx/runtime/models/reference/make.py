#!/usr/bin/python3
"""Reference coefficients for the solver tests (LinearSolversTest), made by scikit-learn.

Run from this folder with /usr/bin/python3 and Debian's python3-sklearn (made with scikit-learn 1.2.1,
NumPy 1.24.2, SciPy 1.10.1). For each table it writes the standardised features rounded to 8
significant digits and the target (TABLE.csv: target first), and the fitted coefficients
(TABLE-MODEL.csv: one row per class or output, the intercept first, then one weight per feature).
The models are fitted on the rounded values, so Java reads exactly the rows scikit-learn saw.

Every fit is scikit-learn's defaults (LogisticRegression(): C 1.0, lbfgs, tol 1e-4, max_iter 100;
LinearRegression(); and Ridge(alpha=0.5) for the l2 setting). On these standardised tables lbfgs stops
by SciPy's relative-decrease rule well before max_iter; asking for tol 1e-10 and max_iter 100000 gives
the same coefficients to the last digit, so they are the optimum, not an early stop.

trees.csv holds the cross-validated score (accuracy, R² for diabetes) of scikit-learn's default
DecisionTree, RandomForest and ExtraTrees (and AdaBoost by SAMME) on the same tables (TreesTest): the mean over random_state
0..4 of the mean over five folds, row r in fold r % 5.
"""
import sys

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.preprocessing import StandardScaler


def rounded(x):
    return np.array([[float(f"{v:.8g}") for v in row] for row in x])


def write_table(name, x, y, target_format):
    with open(f"{name}.csv", "w") as out:
        out.write("target," + ",".join(f"x{i}" for i in range(x.shape[1])) + "\n")
        for row, t in zip(x, y):
            out.write(target_format(t) + "," + ",".join(repr(float(v)) for v in row) + "\n")


def write_coefficients(name, intercepts, coefficients):
    with open(f"{name}.csv", "w") as out:
        for b, w in zip(np.atleast_1d(intercepts), np.atleast_2d(coefficients)):
            out.write(",".join(repr(float(v)) for v in [b, *w]) + "\n")


def classification(name, data):
    x = rounded(StandardScaler().fit_transform(data.data))
    y = data.target
    write_table(name, x, y, lambda t: str(int(t)))
    model = LogisticRegression().fit(x, y)
    write_coefficients(f"{name}-logistic", model.intercept_, model.coef_)


def regression(name, data):
    x = rounded(StandardScaler().fit_transform(data.data))
    y = data.target
    write_table(name, x, y, lambda t: repr(float(t)))
    model = LinearRegression().fit(x, y)
    write_coefficients(f"{name}-linear", [model.intercept_], [model.coef_])
    model = Ridge(alpha=0.5).fit(x, y)
    write_coefficients(f"{name}-ridge-0.5", [model.intercept_], [model.coef_])


print("scikit-learn", sklearn.__version__, "numpy", np.__version__, "python", sys.version.split()[0])
classification("wine", load_wine())
classification("breast-cancer", load_breast_cancer())
regression("diabetes", load_diabetes())


def cross_validated(model, x, y, score):
    """Mean over seeds 0..4 of the mean score over five folds (fold of row r: r % 5)."""
    from sklearn.base import clone
    folds = np.arange(len(y)) % 5
    results = []
    for seed in range(5):
        for k in range(5):
            m = clone(model).set_params(random_state=seed).fit(x[folds != k], y[folds != k])
            results.append(score(y[folds == k], m.predict(x[folds == k])))
    return float(np.mean(results))


def trees():
    """trees.csv: table, model, score of scikit-learn's default trees under the folds above."""
    from sklearn.ensemble import (ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier,
                                  RandomForestRegressor)
    from sklearn.metrics import accuracy_score, r2_score
    from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
    rows = []
    for name in ["wine", "breast-cancer"]:
        table = np.loadtxt(f"{name}.csv", delimiter=",", skiprows=1)
        x, y = table[:, 1:], table[:, 0].astype(int)
        for kind, model in [("cart", DecisionTreeClassifier()), ("forest", RandomForestClassifier()),
                            ("extra_trees", ExtraTreesClassifier())]:
            rows.append((name, kind, cross_validated(model, x, y, accuracy_score)))
    table = np.loadtxt("diabetes.csv", delimiter=",", skiprows=1)
    x, y = table[:, 1:], table[:, 0]
    for kind, model in [("cart", DecisionTreeRegressor()), ("forest", RandomForestRegressor()),
                        ("extra_trees", ExtraTreesRegressor())]:
        rows.append(("diabetes", kind, cross_validated(model, x, y, r2_score)))
    # AdaBoost by SAMME (scikit-learn's only algorithm from 1.6; 1.2's default SAMME.R boosts probabilities):
    # 50 stumps, learning rate 1, as mlx's adaboost defaults
    from sklearn.ensemble import AdaBoostClassifier
    for name in ["wine", "breast-cancer"]:
        table = np.loadtxt(f"{name}.csv", delimiter=",", skiprows=1)
        x, y = table[:, 1:], table[:, 0].astype(int)
        rows.append((name, "adaboost", cross_validated(AdaBoostClassifier(algorithm="SAMME"), x, y, accuracy_score)))
    with open("trees.csv", "w") as out:
        out.write("table,model,score\n")
        for row in rows:
            out.write(f"{row[0]},{row[1]},{row[2]!r}\n")


trees()
