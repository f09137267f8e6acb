"""The pandas + scikit-learn contender of the pipeline benchmark (bench/pipeline.sh): the same steps
as bench/pipeline/bench.mlx. Run with Debian's interpreter and packages (/usr/bin/python3,
python3-pandas, python3-sklearn). Prints one JSON line: metrics and per-stage seconds.

usage: /usr/bin/python3 bench/pipeline/sk.py DATA.csv sgd|lbfgs [EPOCHS]

sgd:   SGDClassifier(loss="log_loss"), EPOCHS passes (tol=None, so exactly EPOCHS), the closest to
       Tribuo's LinearSGDTrainer (sklearn has no mini-batches; its default L2 alpha 1e-4 is kept,
       the "optimal" step schedule needs it).
lbfgs: LogisticRegression(solver="lbfgs"), sklearn's default logistic regression, to convergence.
"""
import json
import sys
import time
import warnings

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)

path, solver = sys.argv[1], sys.argv[2]
epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
seed = 42
numeric = [f"x{j:02d}" for j in range(16)]
categories = ["c5", "c20", "c100"]
timings = {}
t = time.perf_counter()


def lap(stage):
    global t
    now = time.perf_counter()
    timings[stage] = round(now - t, 3)
    t = now


dtypes = {c: "float64" for c in numeric}
dtypes.update({c: "category" for c in categories})
dtypes["y"] = "int8"
df = pd.read_csv(path, dtype=dtypes, na_values=[""], keep_default_na=False)
lap("load")

summary = df.describe(include="all")
missing = df.isna().sum()
lap("review")

x = df[numeric + categories]
y = df["y"].to_numpy()
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, stratify=y, random_state=seed)
lap("split")

features = ColumnTransformer([
    ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numeric),
    ("cat", OneHotEncoder(handle_unknown="ignore"), categories),
])
m_train = features.fit_transform(x_train)
m_test = features.transform(x_test)
lap("features")

if solver == "sgd":
    model = SGDClassifier(loss="log_loss", max_iter=epochs, tol=None, random_state=seed)
else:
    model = LogisticRegression(solver="lbfgs", random_state=seed)
model.fit(m_train, y_train)
lap("train")

p = model.predict_proba(m_test)[:, 1]
predicted = model.predict(m_test)
result = {
    "contender": f"sklearn-{solver}",
    "accuracy": accuracy_score(y_test, predicted),
    "f1": f1_score(y_test, predicted, pos_label=1),
    "auc": roc_auc_score(y_test, p),
    "features": m_train.shape[1],
    "train_rows": m_train.shape[0],
    "test_rows": m_test.shape[0],
}
lap("evaluate")
result["timings"] = timings
print(json.dumps(result))
