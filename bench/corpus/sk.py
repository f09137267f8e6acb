"""The scikit-learn side of the corpus harness (bench/corpus.sh): the model families of an mlx
experiment, each with scikit-learn's defaults, on the same rows and the same feature roles.

What is the same as mlx:
  - the columns: the .mlx file's id, drop, types and missing markers (and the target and task);
  - the feature roles its features block gives them: median/mode imputation, standardised numbers,
    one-hot categories (`top N` as OneHotEncoder(max_categories=N + 1): N kept, the rest as one),
    tf-idf text (max_features), date parts (year, month, weekday);
  - the rows: the holdout is the set of data rows named by the run's predictions.csv (`row`), the
    training rows are every other row with a target; without a finished mlx run, scikit-learn's
    own split with the file's share and seed (reported as "split": "own");
  - the ladder (one scikit-learn estimator per mlx kind, defaults only, random_state = the seed),
    the cross-validation folds on the training rows, selection by the deciding metric's CV mean,
    and the deciding metric on the holdout.
What is scikit-learn's own: every hyperparameter (defaults: 100 trees, unlimited depth, ...), and
one core (n_jobs left at its default).

usage: /usr/bin/python3 bench/corpus/sk.py --csv DATA.csv --json OUT.json [--mlx FILE.mlx]
           [--out MLX_OUT_DIR] [--target COL] [--task TASK]
Prints nothing on success but a one-line summary; writes the JSON described in bench/corpus/README.md.
"""
import argparse
import json
import math
import os
import sys
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.compose import ColumnTransformer
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.ensemble import (AdaBoostClassifier, AdaBoostRegressor, ExtraTreesClassifier, ExtraTreesRegressor,
                              HistGradientBoostingClassifier, HistGradientBoostingRegressor, RandomForestClassifier,
                              RandomForestRegressor)
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression
from sklearn.metrics import (accuracy_score, f1_score, mean_absolute_error, mean_squared_error, r2_score,
                             silhouette_score)
from sklearn.model_selection import KFold, StratifiedKFold, train_test_split
from sklearn.naive_bayes import MultinomialNB
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler
from sklearn.svm import SVC, SVR, LinearSVC, LinearSVR
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mlxfile  # noqa: E402

warnings.filterwarnings("ignore")  # convergence and small-class warnings: the defaults are the point

BOOLEAN_WORDS = {"true": 1.0, "false": 0.0, "yes": 1.0, "no": 0.0}  # as mlx reads booleans (any case)
DATE_PARTS = {"year": lambda d: d.dt.year, "month": lambda d: d.dt.month, "day": lambda d: d.dt.day,
              "weekday": lambda d: d.dt.weekday + 1, "hour": lambda d: d.dt.hour,
              "dayofyear": lambda d: d.dt.dayofyear, "quarter": lambda d: d.dt.quarter}
LOWER_IS_BETTER = {"rmse", "mae", "mse", "log_loss", "wcss"}


def estimator(kind, task, seed):
    """scikit-learn's counterpart of an mlx model kind, with its defaults; None when there is none."""
    c = task == "classification"
    table = {
        "baseline": lambda: DummyClassifier() if c else DummyRegressor(),
        "logistic": lambda: LogisticRegression(random_state=seed),
        "linear": lambda: LinearRegression(),
        "lasso": lambda: Lasso(random_state=seed),
        "elastic_net": lambda: ElasticNet(random_state=seed),
        "linear_svm": lambda: LinearSVC(random_state=seed) if c else LinearSVR(random_state=seed),
        "naive_bayes": lambda: MultinomialNB(),
        "knn": lambda: KNeighborsClassifier() if c else KNeighborsRegressor(),
        "cart": lambda: DecisionTreeClassifier(random_state=seed) if c else DecisionTreeRegressor(random_state=seed),
        "forest": lambda: RandomForestClassifier(random_state=seed) if c else RandomForestRegressor(random_state=seed),
        "extra_trees": lambda: ExtraTreesClassifier(random_state=seed) if c else ExtraTreesRegressor(random_state=seed),
        "adaboost": lambda: AdaBoostClassifier(random_state=seed) if c else AdaBoostRegressor(random_state=seed),
        # scikit-learn has no XGBoost: its own histogram gradient boosting is the nearest family.
        "xgboost": lambda: HistGradientBoostingClassifier(random_state=seed) if c
        else HistGradientBoostingRegressor(random_state=seed),
        "svm": lambda: SVC(random_state=seed) if c else SVR(),
        "mlp": lambda: MLPClassifier(random_state=seed) if c else MLPRegressor(random_state=seed),
    }
    make = table.get(kind)
    return make() if make else None


def metric_value(name, y_true, y_pred, positive=None, x=None, labels=None, seed=42):
    if name == "accuracy":
        return accuracy_score(y_true, y_pred)
    if name == "f1":
        return f1_score(y_true, y_pred, pos_label=positive, zero_division=0)
    if name == "macro_f1":
        return f1_score(y_true, y_pred, average="macro", zero_division=0)
    if name == "weighted_f1":
        return f1_score(y_true, y_pred, average="weighted", zero_division=0)
    if name == "rmse":
        return math.sqrt(mean_squared_error(y_true, y_pred))
    if name == "mae":
        return mean_absolute_error(y_true, y_pred)
    if name == "r2":
        return r2_score(y_true, y_pred)
    if name == "silhouette":
        if len(set(labels)) < 2:
            return None
        return silhouette_score(x, labels, sample_size=min(2000, len(labels)), random_state=seed)
    raise ValueError(f"no scikit-learn counterpart for metric {name}")


def read_table(path, markers):
    # Every cell as text first, so that typing follows the .mlx file, not pandas' guesses.
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=markers, encoding="utf-8")


def infer_type(values):
    """number / boolean / category for a column the .mlx file does not type (as mlx's reader would)."""
    present = values.dropna()
    if present.empty:
        return "number"
    if pd.to_numeric(present, errors="coerce").notna().all():
        return "number"
    if present.str.lower().isin(BOOLEAN_WORDS.keys()).all():
        return "boolean"
    return "category"


def date_frame(parts):
    def transform(frame):
        out = {}
        for col in frame.columns:
            d = pd.to_datetime(frame[col], errors="coerce")
            for p in parts:
                out[f"{col}_{p}"] = DATE_PARTS[p](d).astype("float64")
        return pd.DataFrame(out, index=frame.index)
    return transform


def preprocessor(exp, columns, types):
    """A ColumnTransformer giving each feature column the role the features block gives it."""
    steps = []
    for col in columns:
        t = types[col]
        impute = exp.impute.get(col) if exp else None
        if exp and impute is None:
            impute = (mlxfile.selected(exp, "impute", col, t) or {}).get("with")
        if t in ("number", "integer", "boolean"):
            strategy = "mean" if impute == "mean" else "median"
            pipe = [SimpleImputer(strategy=strategy)]
            if exp is None or col in exp.standardize or mlxfile.selected(exp, "standardize", col, t) is not None:
                pipe.append(StandardScaler())
            steps.append((col, make_pipeline(*pipe), [col]))
        elif t == "date":
            parts = exp.dateparts.get(col, ["year", "month", "weekday"]) if exp else ["year", "month", "weekday"]
            parts = [p for p in parts if p in DATE_PARTS]
            scaled = exp is None or any(f"{col}_{p}" in exp.standardize
                                        or mlxfile.selected(exp, "standardize", f"{col}_{p}", "integer") is not None
                                        for p in parts)
            pipe = [FunctionTransformer(date_frame(parts)), SimpleImputer(strategy="median")]
            if scaled:
                pipe.append(StandardScaler())
            steps.append((col, make_pipeline(*pipe), [col]))
        elif t == "text":
            kind, top = exp.text.get(col, ("tfidf", 1000)) if exp else ("tfidf", 1000)
            for vectorizer_kind in ("tfidf", "bagofwords"):
                options = mlxfile.selected(exp, vectorizer_kind, col, t) if exp and col not in exp.text else None
                if options is not None:
                    kind, top = vectorizer_kind, int(options.get("max", 1000))
            vectorizer = (TfidfVectorizer if kind == "tfidf" else CountVectorizer)(max_features=top)
            steps.append((col, make_pipeline(FunctionTransformer(lambda f: f.iloc[:, 0].fillna("").astype(str)),
                                             vectorizer), [col]))
        else:  # category
            top = exp.onehot.get(col) if exp else None
            options = mlxfile.selected(exp, "onehot", col, t) if exp and col not in exp.onehot else None
            if options is not None and "top" in options:
                top = int(options["top"])
            encoder = (OneHotEncoder(handle_unknown="infrequent_if_exist", max_categories=top + 1) if top
                       else OneHotEncoder(handle_unknown="ignore"))
            steps.append((col, make_pipeline(SimpleImputer(strategy="most_frequent"), encoder), [col]))
    return ColumnTransformer(steps, sparse_threshold=0.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--mlx")
    ap.add_argument("--out")
    ap.add_argument("--target")
    ap.add_argument("--task")
    a = ap.parse_args()
    t_start = time.perf_counter()
    result = {"notes": []}
    notes = result["notes"]

    exp = mlxfile.read(a.mlx) if a.mlx and os.path.exists(a.mlx) else None
    if exp is None:
        notes.append("no .mlx file: columns typed by their values, every feature imputed and standardised")
    elif exp.unknown:
        notes.append("statements not mirrored: " + "; ".join(exp.unknown))
    task = (exp.task if exp and exp.task else None) or a.task
    target = (exp.target if exp and exp.target else None) or a.target or None
    metric = (exp.select or exp.metric) if exp else None
    if not metric:
        metric = {"regression": "rmse", "clustering": "silhouette"}.get(task, "macro_f1")
    seed = exp.seed if exp else 42
    markers = exp.missing if exp else ["", "NA"]
    result.update(task=task, target=target, metric=metric, seed=seed)

    df = read_table(a.csv, markers)
    t_loaded = time.perf_counter()
    data_rows = np.arange(1, len(df) + 1)  # the data row of each row, counted from 1, as predictions.csv
    keep = np.ones(len(df), dtype=bool)
    if task != "clustering":
        keep = df[target].notna().to_numpy()
    types = {}
    for col in df.columns:
        declared = exp.types.get(col) if exp else None
        types[col] = declared or infer_type(df[col])
    excluded = {target} if target else set()
    if exp:
        excluded |= set(exp.drop) | ({exp.id} if exp.id else set())
    columns = [c for c in df.columns if c not in excluded]
    for col in columns:
        t = types[col]
        if t in ("number", "integer"):
            df[col] = pd.to_numeric(df[col], errors="coerce")
        elif t == "boolean":
            df[col] = df[col].str.lower().map(BOOLEAN_WORDS)
    x_all = df[columns]
    y_all = None
    if task == "classification":
        y_all = df[target].astype(str)
    elif task == "regression":
        y_all = pd.to_numeric(df[target], errors="coerce")
        keep &= y_all.notna().to_numpy()

    # The holdout: the rows mlx held out, when its run got that far.
    holdout_rows = None
    predictions = os.path.join(a.out, "predictions.csv") if a.out else None
    if predictions and os.path.exists(predictions):
        holdout_rows = pd.read_csv(predictions, usecols=["row"])["row"].to_numpy()
        result["split"] = "mlx"
    idx = np.flatnonzero(keep)
    if exp is not None and exp.split_none:
        # `split none`: no holdout on either side; every row with a target is cross-validated (mlx's
        # predictions.csv then holds every row, out of fold, which is no holdout to copy).
        train_idx, test_idx = idx, np.array([], dtype=int)
        result["split"] = "none"
    elif holdout_rows is not None:
        is_test = np.isin(data_rows, holdout_rows)
        train_idx = idx[~is_test[idx]]
        test_idx = np.flatnonzero(is_test)
    else:
        share = exp.holdout if exp else 0.2
        stratify = y_all.iloc[idx] if (task == "classification" and (exp is None or exp.stratified)) else None
        try:
            train_idx, test_idx = train_test_split(idx, test_size=share, random_state=seed, stratify=stratify)
        except ValueError:
            train_idx, test_idx = train_test_split(idx, test_size=share, random_state=seed)
        train_idx, test_idx = np.sort(train_idx), np.sort(test_idx)
        result["split"] = "own"
    result.update(rows=int(len(df)), columns=int(df.shape[1]), train_rows=int(len(train_idx)),
                  holdout_rows=int(len(test_idx)), features_in=len(columns))
    x_train, x_test = x_all.iloc[train_idx], x_all.iloc[test_idx]
    y_train = y_all.iloc[train_idx].to_numpy() if y_all is not None else None
    y_test = y_all.iloc[test_idx].to_numpy() if y_all is not None else None
    positive = exp.positive if exp else None
    if task == "classification" and metric == "f1" and positive is None:
        classes = pd.Series(y_train).value_counts()
        positive = classes.index[-1]
    if positive is not None and y_all is not None and positive not in set(y_all.iloc[idx]):
        # mlx names a boolean class by its meaning (`true`), the file may spell it `TRUE` or `Yes`
        match = [v for v in set(y_all.iloc[idx]) if v.lower() == positive.lower()]
        positive = match[0] if match else positive
    result["positive"] = positive
    t_split = time.perf_counter()

    models = exp.models if exp and exp.models else (
        [("kmeans", "km", {"k": "2..8"})] if task == "clustering" else
        [(k, k, {}) for k in ("baseline", "logistic" if task == "classification" else "linear", "cart", "forest",
                              "xgboost", "mlp")])
    folds = exp.folds if exp else (None if task == "clustering" else 5)
    lower = metric in LOWER_IS_BETTER
    out_models = []

    if task == "clustering":
        for kind, name, params in models:
            entry = {"name": name, "kind": kind}
            t0 = time.perf_counter()
            if kind != "kmeans":
                entry["error"] = "no scikit-learn counterpart wired for " + kind
                out_models.append(entry)
                continue
            lo, hi = (int(v) for v in params.get("k", "2..8").replace(" ", "").split(".."))
            prep = preprocessor(exp, columns, types)
            m_train = prep.fit_transform(x_train)
            m_test = prep.transform(x_test)
            scores = {}
            fitted = {}
            for k in range(lo, hi + 1):
                km = KMeans(n_clusters=k, random_state=seed, n_init=10).fit(m_train)
                fitted[k] = km
                scores[k] = metric_value("silhouette", None, None, x=m_train, labels=km.labels_, seed=seed)
            best_k = max(scores, key=lambda k: (scores[k] if scores[k] is not None else -2, -k))
            labels = fitted[best_k].predict(m_test)
            entry.update(k=best_k, k_scores={str(k): v for k, v in scores.items()},
                         holdout=metric_value(metric, None, None, x=m_test, labels=labels, seed=seed),
                         fit_s=round(time.perf_counter() - t0, 3))
            out_models.append(entry)
        selected = out_models[0] if out_models else None
    else:
        if folds and folds >= 2:
            if task == "classification" and (exp is None or exp.cv_stratified):
                splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
            else:
                splitter = KFold(n_splits=folds, shuffle=True, random_state=seed)
            fold_list = list(splitter.split(x_train, y_train))
        else:
            fold_list = []
        for kind, name, params in models:
            entry = {"name": name, "kind": kind}
            base = estimator(kind, task, seed)
            if base is None:
                entry["error"] = "no scikit-learn counterpart for " + kind
                out_models.append(entry)
                continue
            t0 = time.perf_counter()
            try:
                cv = []
                for tr, va in fold_list:
                    model = Pipeline([("features", preprocessor(exp, columns, types)), ("model", estimator(kind, task, seed))])
                    model.fit(x_train.iloc[tr], y_train[tr])
                    cv.append(metric_value(metric, y_train[va], model.predict(x_train.iloc[va]), positive))
                entry["cv_mean"] = float(np.mean(cv)) if cv else None
                if len(test_idx):
                    model = Pipeline([("features", preprocessor(exp, columns, types)), ("model", base)])
                    model.fit(x_train, y_train)
                    predicted = model.predict(x_test)
                    entry["holdout"] = metric_value(metric, y_test, predicted, positive)
                    if task == "classification":
                        entry["holdout_accuracy"] = accuracy_score(y_test, predicted)
                    else:
                        entry["holdout_r2"] = r2_score(y_test, predicted)
            except Exception as ex:  # a model that cannot train here is recorded, like mlx's failed models
                entry["error"] = f"{type(ex).__name__}: {str(ex).splitlines()[0] if str(ex) else ''}"
            entry["fit_s"] = round(time.perf_counter() - t0, 3)
            out_models.append(entry)
        key = "cv_mean" if fold_list else "holdout"
        ranked = [m for m in out_models if m.get("holdout" if len(test_idx) else "cv_mean") is not None]
        ranked = [m for m in ranked if m.get(key) is not None]
        selected = (min if lower else max)(ranked, key=lambda m: m[key]) if ranked else None

    result["models"] = out_models
    result["selected"] = selected["name"] if selected else None
    # without a holdout (split none) the CV mean is the score, as it is mlx's
    result["metric_value"] = selected.get("holdout" if len(test_idx) else "cv_mean") if selected else None
    result["higher_is_better"] = not lower
    result["timings"] = {"load": round(t_loaded - t_start, 3), "split": round(t_split - t_loaded, 3),
                         "models": round(time.perf_counter() - t_split, 3)}
    with open(a.json, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, default=lambda o: o.item() if hasattr(o, "item") else str(o))
    value = result["metric_value"]
    print(f"sklearn: {result['selected']} {metric} {value if value is None else round(value, 4)}"
          f" ({result['split']} split, {result['train_rows']}+{result['holdout_rows']} rows)")


if __name__ == "__main__":
    main()
