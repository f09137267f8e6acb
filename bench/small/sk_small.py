"""The scikit-learn peer of bench/small.sh: what bench/small/NAME.mlx does, with the same settings
where mlx has a default of its own (forest: 100 trees of depth at most 12, half the features per
split; mlp: one hidden layer of 32, batches of 32, learning rate 0.01, L2 1e-4, early stopping on 10%
of the rows after 10 epochs without gain, at most 200 epochs; tf-idf: the 1,000 most frequent terms),
scikit-learn's defaults elsewhere: an 80/20 split (stratified for classification), 5-fold
cross-validation of every model on the training rows (the features fitted inside each fold), then
every model fitted on all training rows and scored on the holdout. Prints one JSON line.

usage: /usr/bin/python3 bench/small/sk_small.py wine|diabetes|sotu|forest DATA_DIR
"""
import json
import os
import sys
import time
import warnings

import pandas as pd
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score, train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

warnings.filterwarnings("ignore", category=ConvergenceWarning)
name, data = sys.argv[1], sys.argv[2]
seed = 42
t0 = time.perf_counter()
mlp = dict(hidden_layer_sizes=(32,), batch_size=32, learning_rate_init=0.01, alpha=1e-4, early_stopping=True,
           validation_fraction=0.1, n_iter_no_change=10, max_iter=200, random_state=seed)
forest = dict(n_estimators=100, max_depth=12, max_features=0.5, random_state=seed)

if name in ("wine", "diabetes"):
    df = pd.read_csv(os.path.join(data, f"{name}.csv"))
    target = "cultivar" if name == "wine" else "progression"
    x, y = df.drop(columns=[target]), df[target]
    prepare = StandardScaler
else:
    df = pd.read_csv(os.path.join(data, "sotu.csv"))
    x, y = df["text"], df["party"]
    prepare = lambda: TfidfVectorizer(max_features=1000)  # noqa: E731

classification = name != "diabetes"
if name == "wine" or name == "sotu":
    models = {"baseline": DummyClassifier(), "logistic": LogisticRegression(),
              "cart": DecisionTreeClassifier(random_state=seed), "forest": RandomForestClassifier(**forest),
              "mlp": MLPClassifier(**mlp)}
elif name == "diabetes":
    models = {"baseline": DummyRegressor(), "linear": LinearRegression(),
              "cart": DecisionTreeRegressor(random_state=seed), "forest": RandomForestRegressor(**forest),
              "mlp": MLPRegressor(**mlp)}
else:
    models = {"forest": RandomForestClassifier(**forest)}

x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=seed,
                                                    stratify=y if classification else None)
folds = StratifiedKFold(5, shuffle=True, random_state=seed) if classification else KFold(5, shuffle=True,
                                                                                         random_state=seed)
scoring = "accuracy" if classification else "neg_root_mean_squared_error"
result = {"contender": f"sklearn-{name}", "models": {}}
for model_name, model in models.items():
    pipeline = make_pipeline(prepare(), model)
    cv = cross_val_score(pipeline, x_train, y_train, cv=folds, scoring=scoring)
    pipeline.fit(x_train, y_train)
    holdout = pipeline.score(x_test, y_test)  # accuracy, or R² for regression
    result["models"][model_name] = {"cv": abs(float(cv.mean())), "holdout": float(holdout)}
result["seconds"] = round(time.perf_counter() - t0, 3)
print(json.dumps(result))
