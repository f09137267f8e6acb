"""The corpus harness's table (bench/corpus.sh): reads each table's step files under RUNS/NAME/
(status.tsv, the logs, /usr/bin/time -v reports, the run's run.json, sk.json), prints one row per
table and a summary line, and writes OUT/results.tsv and OUT/results.json, plus dated copies in
OUT/history/ for comparing runs later.

usage: /usr/bin/python3 bench/corpus/report.py --manifest TABLES.tsv --runs DIR --out DIR
           [--started STAMP] [--timeout S] NAME...
"""
import argparse
import csv
import json
import os
import re
import statistics

TOLERANCE = 0.01  # "within": |mlx - sklearn| <= 0.01, or <= 1% of scikit-learn's value for error metrics
RELATIVE = {"rmse", "mae", "mse"}
LOWER_IS_BETTER = {"rmse", "mae", "mse", "log_loss", "wcss"}
# What mlx and Python print first when a step fails: a diagnostic, a failed check or review, a stop,
# an internal error or a traceback's last line.
ERROR_LINE = re.compile(r"^\s*(error\b|error\[|failed:|stopped:|internal error)|^\w*(Error|Exception)\b", re.IGNORECASE)


def read_status(path):
    status = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                k, _, v = line.rstrip("\n").partition("\t")
                status[k] = v
    return status


def read_time(path):
    """wall seconds and peak RSS in MiB from a /usr/bin/time -v report."""
    if not os.path.exists(path):
        return None, None
    wall = rss = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("Elapsed (wall clock) time"):
                parts = line.rsplit(" ", 1)[1].split(":")
                wall = sum(float(p) * 60 ** i for i, p in enumerate(reversed(parts)))
            elif line.startswith("Maximum resident set size"):
                rss = int(line.rsplit(" ", 1)[1]) / 1024
    return wall, rss


def first_error(*paths):
    """The first line of the logs that reads like an error; else the last line of the first non-empty log."""
    fallback = None
    for p in paths:
        if not os.path.exists(p):
            continue
        with open(p, encoding="utf-8", errors="replace") as f:
            lines = [l.rstrip() for l in f if l.strip()]
        for l in lines:
            if ERROR_LINE.search(l):
                return l.strip()[:200]
        if lines and fallback is None:
            fallback = lines[-1].strip()[:200]
    return fallback


def load_json(path):
    if not os.path.exists(path):
        return None
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except ValueError:
        return None


def step(status, key):
    v = status.get(key)
    return None if v is None else int(v)


def table_row(name, meta, runs, timeout):
    d = os.path.join(runs, name)
    status = read_status(os.path.join(d, "status.tsv"))
    row = {"table": name, "task": meta["task"], "target": meta["target"], "shape": meta["shape"],
           "covers": meta["covers"], "load": float(status["load"]) if status.get("load") else None}
    init, check, run, sk = (step(status, k) for k in ("init", "check", "run", "sklearn"))
    row["ran"] = init is not None  # False: the harness never reached this table (stopped, or another subset)
    run_json = load_json(os.path.join(d, "out", "run.json"))
    run_status = run_json.get("status") if run_json else None
    row["init_ok"] = init == 0
    row["check_ok"] = check == 0 if init == 0 else None
    row["run_ok"] = (run == 0 and run_status == "passed") if check == 0 else None
    row["run_status"] = run_status
    row["mlx_wall_s"], row["mlx_rss_mib"] = read_time(os.path.join(d, "mlx.time")) if check == 0 else (None, None)
    row["sk_wall_s"], row["sk_rss_mib"] = read_time(os.path.join(d, "sk.time"))
    failure = None
    if init is None:
        failure = None
    elif init != 0:
        failure = "init: " + (first_error(os.path.join(d, "init.err"), os.path.join(d, "init.out")) or f"exit {init}")
    elif check != 0:
        failure = "check: " + (first_error(os.path.join(d, "check.out"), os.path.join(d, "check.err"))
                               or f"exit {check}")
    elif not row["run_ok"]:
        why = "timed out after %ss" % timeout if run in (124, 137) else None
        failure = "run: " + (why or first_error(os.path.join(d, "run.err"), os.path.join(d, "run.out"))
                             or f"exit {run}, status {run_status}")
    row["mlx_failure"] = failure

    metric = None
    row["mlx_metric"] = row["mlx_model"] = None
    if run_json and run_json.get("evaluation"):
        ev = run_json["evaluation"]
        metric = ev.get("metric")
        selected = (ev.get("selection") or {}).get("selected")
        row["mlx_model"] = selected
        no_holdout = (run_json.get("split") or {}).get("how") == "none"
        for m in ev.get("models", []):
            if m.get("name") == selected and m.get("holdout"):
                row["mlx_metric"] = m["holdout"].get(metric)
                row["family"] = m.get("kind")
            elif m.get("name") == selected and no_holdout and (m.get("cv") or {}).get(metric):
                row["mlx_metric"] = m["cv"][metric].get("mean")  # split none: the CV mean is the score
                row["family"] = m.get("kind")
    sk_json = load_json(os.path.join(d, "sk.json"))
    row["sk_metric"] = row["sk_model"] = row["sk_split"] = None
    row["sk_failure"] = None
    if sk_json:
        metric = metric or sk_json.get("metric")
        # The comparison is model family against model family on the same rows: scikit-learn's model
        # of the kind mlx selected. Its own selection (which may be another family) is kept beside it.
        row["sk_selected"] = sk_json.get("selected")
        row["sk_selected_metric"] = sk_json.get("metric_value")
        score = "cv_mean" if sk_json.get("split") == "none" else "holdout"
        same = [m for m in sk_json.get("models", []) if row.get("family") and m.get("kind") == row["family"]
                and m.get(score) is not None]
        if same:
            row["sk_metric"] = same[0][score]
            row["sk_model"] = same[0]["name"]
        else:
            row["sk_metric"] = sk_json.get("metric_value")
            row["sk_model"] = sk_json.get("selected")
            row["sk_other_family"] = bool(row.get("family"))
        row["sk_split"] = sk_json.get("split")
        failed = [f"{m['name']}: {m['error']}" for m in sk_json.get("models", []) if m.get("error")]
        if failed:
            row["sk_failure"] = "; ".join(failed)[:200]
    elif sk is not None:
        why = "timed out after %ss" % timeout if sk in (124, 137) else None
        row["sk_failure"] = why or first_error(os.path.join(d, "sk.err")) or f"exit {sk}"
    row["metric"] = metric
    row["delta"] = None
    row["within"] = None
    if row["mlx_metric"] is not None and row["sk_metric"] is not None:
        row["delta"] = row["mlx_metric"] - row["sk_metric"]
        allowed = TOLERANCE * abs(row["sk_metric"]) if metric in RELATIVE else TOLERANCE
        row["within"] = abs(row["delta"]) <= allowed + 1e-12
        lower = metric in LOWER_IS_BETTER
        row["mlx_better"] = row["delta"] < 0 if lower else row["delta"] > 0
    row["ratio"] = (row["mlx_wall_s"] / row["sk_wall_s"] if row["mlx_wall_s"] and row["sk_wall_s"]
                    and row["run_ok"] and sk_json else None)
    return row


def fmt(v, digits=3):
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "NO"
    if isinstance(v, float):
        if abs(v) >= 1000:
            return f"{v:.0f}"
        return f"{v:.{digits}f}"
    return str(v)


def secs(v):
    return "-" if v is None else f"{v:.1f}s"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--runs", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--started", default="")
    ap.add_argument("--timeout", default="")
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    with open(a.manifest, encoding="utf-8", newline="") as f:
        manifest = {r["name"]: r for r in csv.DictReader(f, delimiter="\t")}
    names = a.names or list(manifest)
    rows = [table_row(n, manifest[n], a.runs, a.timeout) for n in names]
    skipped = [r["table"] for r in rows if not r["ran"]]
    rows = [r for r in rows if r["ran"]]

    head = ["table", "task", "shape", "init", "check", "run", "mlx wall", "sk wall", "ratio", "metric", "family",
            "mlx", "sklearn", "delta", "sk best", "mlx RSS", "sk RSS"]
    lines = []
    for r in rows:
        lines.append([r["table"], r["task"], r["shape"].replace(" ", ""), fmt(r["init_ok"]), fmt(r["check_ok"]),
                      fmt(r["run_ok"]), secs(r["mlx_wall_s"]), secs(r["sk_wall_s"]),
                      "-" if r["ratio"] is None else f"{r['ratio']:.1f}x", r["metric"] or "-", r.get("family") or "-",
                      fmt(r["mlx_metric"]) + ("cv" if r["sk_split"] == "none" else ""),
                      fmt(r["sk_metric"]) + ("cv" if r["sk_split"] == "none" else "") + ("*" if r["sk_split"] == "own" else "") + ("~" if r.get("sk_other_family") else ""),
                      "-" if r["delta"] is None else (f"{r['delta']:+.3f}" if abs(r["delta"]) < 1000 else f"{r['delta']:+.2e}"),
                      "-" if r.get("sk_selected") is None else f"{r['sk_selected']} {fmt(r.get('sk_selected_metric'))}",
                      "-" if r["mlx_rss_mib"] is None else f"{r['mlx_rss_mib']:.0f}M",
                      "-" if r["sk_rss_mib"] is None else f"{r['sk_rss_mib']:.0f}M"])
    widths = [max(len(h), *(len(l[i]) for l in lines)) for i, h in enumerate(head)]
    print()
    print("  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip())
    for l in lines:
        print("  ".join(c.ljust(w) for c, w in zip(l, widths)).rstrip())
    failures = [r for r in rows if r["mlx_failure"] or r["sk_failure"]]
    if failures:
        print("\nfailures (first error line):")
        for r in failures:
            if r["mlx_failure"]:
                print(f"  {r['table']}: mlx {r['mlx_failure']}")
            if r["sk_failure"]:
                print(f"  {r['table']}: sklearn {r['sk_failure']}")
    if any(r["sk_split"] == "none" for r in rows):
        print("\ncv: `split none` (init's choice below 1,000 rows): no holdout on either side; each side's mean over its own"
              " folds of all rows (the same count, stratified alike; not the same fold assignment)")
    if any(r["sk_split"] == "own" for r in rows):
        print("\n* scikit-learn on its own split (same share and seed, other rows): mlx did not finish the run")
    if any(r.get("sk_other_family") for r in rows):
        print("~ scikit-learn's selected model: it has no model of the family mlx selected")

    ran = [r for r in rows if r["run_ok"]]
    compared = [r for r in ran if r["within"] is not None]
    within = [r for r in compared if r["within"]]
    worse = [r for r in compared if not r["within"] and not r["mlx_better"]]
    ratios = [r["ratio"] for r in rows if r["ratio"] is not None]
    summary = (f"corpus: {len(ran)}/{len(rows)} ran from init without edits; metric within {TOLERANCE} on "
               f"{len(within)}/{len(compared)} (mlx worse beyond it on {len(worse)}); median wall ratio "
               + (f"{statistics.median(ratios):.1f}x" if ratios else "-"))
    if skipped:
        summary += f" ({len(skipped)} not reached: {', '.join(skipped)})"
    print()
    print(summary)

    os.makedirs(os.path.join(a.out, "history"), exist_ok=True)
    fields = ["table", "task", "target", "shape", "init_ok", "check_ok", "run_ok", "run_status", "mlx_wall_s",
              "sk_wall_s", "ratio", "mlx_rss_mib", "sk_rss_mib", "metric", "family", "mlx_model", "mlx_metric", "sk_model",
              "sk_metric", "sk_selected", "sk_selected_metric", "sk_split", "delta", "within", "load", "mlx_failure", "sk_failure", "covers"]
    stamp = a.started or "latest"
    for path in (os.path.join(a.out, "results.tsv"), os.path.join(a.out, "history", stamp + ".tsv")):
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter="\t", lineterminator="\n")
            w.writerow(fields)
            for r in rows:
                w.writerow(["" if r.get(k) is None else r.get(k) for k in fields])
    doc = {"started": a.started, "timeout_s": a.timeout, "summary": summary, "tables": rows}
    for path in (os.path.join(a.out, "results.json"), os.path.join(a.out, "history", stamp + ".json")):
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1)
    print(f"results: {os.path.join(a.out, 'results.tsv')}, {os.path.join(a.out, 'results.json')}")


if __name__ == "__main__":
    main()
