"""The corpus tables that come from scikit-learn's bundled data (Debian's python3-sklearn) and from the
npm package vega-datasets, written as CSV (bench/corpus/tables.tsv says which). Values are copied as
the source writes them, never reparsed through floats, so the output is byte-for-byte the same for
the same packages. Run with Debian's interpreter: /usr/bin/python3 (it sees python3-sklearn).

usage: /usr/bin/python3 bench/corpus/convert.py OUT_DIR VEGA_DATA_DIR [NAME...]
       VEGA_DATA_DIR is the package's data/ folder (npm pack vega-datasets, then untar)
"""
import csv
import gzip
import json
import os
import sys

import sklearn.datasets

SKLEARN_DATA = os.path.join(os.path.dirname(sklearn.datasets.__file__), "data")


def write(out_dir, name, header, rows):
    path = os.path.join(out_dir, name + ".csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        n = 0
        for row in rows:
            if len(row) != len(header):
                raise SystemExit(f"{name}: a row of {len(row)} cells under {len(header)} columns")
            w.writerow(row)
            n += 1
    print(f"{name:<14} {n:7d} rows {len(header):5d} columns  {path}")


def sklearn_classes(file, feature_names, target):
    """iris.csv and wine_data.csv: a first line 'n_samples,n_features,class names...', then the
    numbers with the class index last; the index becomes the class name, as load_iris/load_wine do."""
    with open(os.path.join(SKLEARN_DATA, file), newline="", encoding="utf-8") as f:
        lines = list(csv.reader(f))
    n_samples, n_features, *classes = lines[0]
    data = lines[1:]
    assert len(data) == int(n_samples) and int(n_features) == len(feature_names), file
    return feature_names + [target], [r[:-1] + [classes[int(r[-1])]] for r in data]


def iris():
    names = sklearn.datasets.load_iris().feature_names  # 'sepal length (cm)', ...
    return sklearn_classes("iris.csv", list(names), "species")


def wine():
    names = sklearn.datasets.load_wine().feature_names
    return sklearn_classes("wine_data.csv", list(names), "cultivar")


def diabetes():
    """diabetes_data_raw.csv.gz: the ten measurements, space-separated, as recorded (not scaled);
    diabetes_target.csv.gz: the disease progression a year later, one '%.18e' number per line, every
    one a whole number, written here as an integer."""
    names = list(sklearn.datasets.load_diabetes(scaled=False).feature_names)
    with gzip.open(os.path.join(SKLEARN_DATA, "diabetes_data_raw.csv.gz"), "rt", encoding="utf-8") as f:
        data = [line.split() for line in f if line.strip()]
    with gzip.open(os.path.join(SKLEARN_DATA, "diabetes_target.csv.gz"), "rt", encoding="utf-8") as f:
        target = [line.strip() for line in f if line.strip()]
    assert len(data) == len(target) == 442
    progression = []
    for t in target:
        v = float(t)
        assert v == int(v), t
        progression.append(str(int(v)))
    return names + ["progression"], [r + [p] for r, p in zip(data, progression)]


def digits():
    """digits.csv.gz: 64 pixel counts (0..16) of an 8 x 8 image, then the digit."""
    names = list(sklearn.datasets.load_digits().feature_names)  # pixel_0_0 ... pixel_7_7
    with gzip.open(os.path.join(SKLEARN_DATA, "digits.csv.gz"), "rt", encoding="utf-8") as f:
        data = [r for r in csv.reader(f) if r]
    assert len(data) == 1797 and all(len(r) == 65 for r in data)
    return names + ["digit"], data


def json_records(vega, file):
    """An array of flat objects: the columns of the first object, in its order; null becomes an empty
    cell; numbers keep the text JSON gave them (json reads them back as the same int or float)."""
    with open(os.path.join(vega, file), encoding="utf-8") as f:
        records = json.load(f)
    header = list(records[0].keys())
    rows = []
    for r in records:
        if list(r.keys()) != header:
            raise SystemExit(f"{file}: a record with other fields: {list(r.keys())}")
        rows.append(["" if v is None else json.dumps(v) if isinstance(v, (int, float)) and not isinstance(v, bool)
                     else str(v) for v in r.values()])
    return header, rows


def movies(vega):
    return json_records(vega, "movies.json")


def flights(vega):
    return json_records(vega, "flights-200k.json")


def weather(vega):
    with open(os.path.join(vega, "weather.csv"), newline="", encoding="utf-8") as f:
        lines = list(csv.reader(f))
    return lines[0], lines[1:]


SKLEARN = {"iris": iris, "wine": wine, "diabetes": diabetes, "digits": digits}
VEGA = {"movies": movies, "flights": flights, "weather": weather}


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    out_dir, vega = sys.argv[1], sys.argv[2]
    wanted = sys.argv[3:] or list(SKLEARN) + list(VEGA)
    os.makedirs(out_dir, exist_ok=True)
    for name in wanted:
        if name in SKLEARN:
            header, rows = SKLEARN[name]()
        elif name in VEGA:
            header, rows = VEGA[name](vega)
        else:
            raise SystemExit(f"no python table named {name}")
        write(out_dir, name, header, rows)


if __name__ == "__main__":
    main()
