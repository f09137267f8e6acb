"""The peer of the serving benchmark (bench/serve.sh): Flask + scikit-learn, as a Python user would
write it, with Debian's packages (/usr/bin/python3, python3-flask, python3-sklearn, python3-pandas).

At start it fits the same model family as bench/serve/bench.mlx on the same data: median imputation
and standardisation of the four measurements, the constant "UNKNOWN" for a missing `sex`, one-hot
`island` and `sex`, logistic regression; a stratified 80/20 split with seed 42, fitted on the 80%.

POST /predict takes one JSON object with the raw columns and answers like mlx does: prediction id,
class, class probabilities, model and variant. It checks the input the way a careful hand-written
service does (every column present, numbers are numbers or null, categories were seen in training;
422 with the fields otherwise) -- less than mlx checks, which also reports types of every field,
ranges and warnings. GET /health answers {"status": "ok"}.

Every answered prediction is logged to SQLite the way mlx logs it: the same table and indexes
(`mlx_predictions`: id, request id, time, variant, shadow, inputs as JSON, prediction,
probabilities as JSON), WAL journal, synchronous=FULL, written by one writer thread that drains a
bounded queue (65,536) and commits batches of up to 1,000 rows, so a request never waits for the disk.

usage: app.py DATA.csv DB.sqlite PORT      Flask's own server (Werkzeug, one thread per connection)
       gunicorn -w 2 -b 127.0.0.1:PORT --chdir bench/serve 'app:create_app("DATA.csv", "DB.sqlite")'
(under gunicorn every worker process fits the same model and has its own writer thread.)
"""
import json
import logging
import math
import queue
import sqlite3
import sys
import threading
import time
import uuid

import numpy as np
import pandas as pd
from flask import Flask, jsonify, request
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMBERS = ["beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g"]
CATEGORIES = ["island", "sex"]
COLUMNS = NUMBERS + CATEGORIES
QUEUE = 65_536
BATCH = 1_000


def fit(path):
    data = pd.read_csv(path, na_values=["", "NA", "."], keep_default_na=False)
    x = data[COLUMNS]
    y = data["species"]
    x_train, _, y_train, _ = train_test_split(x, y, test_size=0.2, stratify=y, random_state=42)
    features = ColumnTransformer([
        ("numbers", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), NUMBERS),
        ("categories", Pipeline([("impute", SimpleImputer(strategy="constant", fill_value="UNKNOWN")),
                                 ("onehot", OneHotEncoder(handle_unknown="ignore"))]), CATEGORIES),
    ])
    model = Pipeline([("features", features), ("logistic", LogisticRegression(max_iter=1000))])
    model.fit(x_train, y_train)
    known = {c: set(x_train[c].dropna()) for c in CATEGORIES}
    return model, known


class Store:
    """The prediction log: one writer thread, batched commits, like mlx's Store."""

    def __init__(self, path):
        self.queue = queue.Queue(maxsize=QUEUE)
        db = sqlite3.connect(path)
        db.execute("PRAGMA busy_timeout=10000")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("CREATE TABLE IF NOT EXISTS mlx_predictions (id VARCHAR(80) PRIMARY KEY, request_id VARCHAR(80) NOT NULL, "
                   "ts BIGINT NOT NULL, variant VARCHAR(200) NOT NULL, shadow INTEGER NOT NULL, inputs TEXT NOT NULL, "
                   "prediction TEXT, value DOUBLE PRECISION, probabilities TEXT)")
        db.execute("CREATE INDEX IF NOT EXISTS mlx_predictions_ts ON mlx_predictions (ts)")
        db.execute("CREATE INDEX IF NOT EXISTS mlx_predictions_request ON mlx_predictions (request_id)")
        db.commit()
        db.close()
        threading.Thread(target=self.loop, args=(path,), name="store-writer", daemon=True).start()

    def log(self, row):
        self.queue.put(row)

    def loop(self, path):
        db = sqlite3.connect(path, check_same_thread=False)
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA busy_timeout=10000")
        while True:
            batch = [self.queue.get()]
            while len(batch) < BATCH:
                try:
                    batch.append(self.queue.get_nowait())
                except queue.Empty:
                    break
            db.executemany("INSERT INTO mlx_predictions (id, request_id, ts, variant, shadow, inputs, prediction, value, "
                           "probabilities) VALUES (?, ?, ?, ?, 0, ?, ?, NULL, ?)", batch)
            db.commit()


def create_app(data_path, db_path):
    model, known = fit(data_path)
    classes = [str(c) for c in model.classes_]
    store = Store(db_path)
    app = Flask(__name__)

    def problems(row):
        found = []
        for c in COLUMNS:
            if c not in row:
                found.append({"field": c, "problem": "missing required field"})
                continue
            v = row[c]
            if v is None:
                continue
            if c in NUMBERS:
                if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                    found.append({"field": c, "problem": "expected a number"})
            elif not isinstance(v, str) or v not in known[c]:
                found.append({"field": c, "problem": "category never seen in training"})
        return found

    @app.post("/predict")
    def predict():
        row = request.get_json(silent=True)
        if not isinstance(row, dict):
            return jsonify(error={"status": 400, "code": "bad_json", "message": "expected one JSON object"}), 400
        bad = problems(row)
        if bad:
            return jsonify(error={"status": 422, "code": "invalid_input", "fields": bad}), 422
        frame = pd.DataFrame([{c: row[c] for c in COLUMNS}], columns=COLUMNS)
        frame[NUMBERS] = frame[NUMBERS].astype("float64")
        p = model.predict_proba(frame)[0]
        best = int(np.argmax(p))
        probabilities = {c: float(q) for c, q in zip(classes, p)}
        pid = str(uuid.uuid4())
        store.log((pid, pid, int(time.time() * 1000), "logistic", json.dumps(row), classes[best], json.dumps(probabilities)))
        return jsonify(prediction_id=pid, prediction=classes[best], probabilities=probabilities, model="logistic",
                       variant="selected")

    @app.get("/health")
    def health():
        return jsonify(status="ok")

    return app


if __name__ == "__main__":
    data, db, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    # Werkzeug writes an access line per request to stderr; mlx writes none, so neither does the peer.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    create_app(data, db).run(host="127.0.0.1", port=port, threaded=True)
