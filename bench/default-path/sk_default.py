"""The pandas + scikit-learn peer of the default-path benchmark (bench/default-path.sh): the steps of
bench/default-path/default.mlx with the libraries' defaults, as a new user would write them:
read_csv without dtypes, median imputation and scaling of the numbers, one-hot categories,
LogisticRegression() as it comes. Prints one JSON line: metrics and per-stage seconds.

usage: /usr/bin/python3 bench/default-path/sk_default.py DATA.csv
"""
import json
import sys
import time
import warnings

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)

path = sys.argv[1]
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


df = pd.read_csv(path)
lap("load")

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

model = LogisticRegression()
model.fit(m_train, y_train)
lap("train")

p = model.predict_proba(m_test)[:, 1]
predicted = model.predict(m_test)
result = {
    "contender": "sklearn-default",
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
