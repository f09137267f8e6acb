"""Summarises a bench/pipeline.sh run: median wall time and peak RSS per contender (from /usr/bin/time -v),
their metrics, the ratios the issue sets targets for, and the median seconds per stage.

usage: /usr/bin/python3 bench/pipeline/report.py RESULTS_DIR RUNS
"""
import json
import re
import statistics
import sys

results, runs = sys.argv[1], int(sys.argv[2])
contenders = ["mlx", "mlx-1g", "mlx-tribuo-sgd", "handwritten", "handwritten-javac", "sklearn-sgd", "sklearn-lbfgs"]


def time_report(path):
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): (\S+)", text).group(1)) for kind in ("User", "System"))
    return seconds, rss_kb / 1024 / 1024, cpu


def outcome(name, r):
    if name.startswith("mlx"):
        run = json.load(open(f"{results}/{name}-{r}.run.json"))
        holdout = run["evaluation"]["models"][0]["holdout"]
        stages = {k: v / 1000 for k, v in run["timings"].items()}
        stages["(train_ms)"] = run["evaluation"]["models"][0]["train_ms"] / 1000
        return holdout, stages
    line = open(f"{results}/{name}-{r}.out").read().strip().splitlines()[-1]
    o = json.loads(line)
    return {k: o[k] for k in ("accuracy", "f1", "auc")}, o["timings"]


rows = {}
for name in contenders:
    walls, rss, cpus, metrics, stages = [], [], [], None, {}
    for r in range(1, runs + 1):
        w, m, c = time_report(f"{results}/{name}-{r}.time")
        walls.append(w)
        rss.append(m)
        cpus.append(c)
        metrics, st = outcome(name, r)
        for k, v in st.items():
            stages.setdefault(k, []).append(v)
    rows[name] = {"wall": statistics.median(walls), "wmin": min(walls), "wmax": max(walls),
                  "rss": statistics.median(rss), "cpu": statistics.median(cpus), "metrics": metrics,
                  "stages": {k: statistics.median(v) for k, v in stages.items()}}

print()
print(f"| contender | wall s, median of {runs} (min–max) | CPU s (user+sys), median | peak RSS GiB, median "
      "| accuracy | F1 | AUC |")
print("|---|---|---|---|---|---|---|")
for name, x in rows.items():
    m = x["metrics"]
    print(f"| {name} | {x['wall']:.1f} ({x['wmin']:.1f}–{x['wmax']:.1f}) | {x['cpu']:.1f} | {x['rss']:.2f} "
          f"| {m['accuracy']:.4f} | {m['f1']:.4f} | {m['auc']:.4f} |")

print()
print("| ratio | wall time (median) | wall time (best run) | CPU time | peak memory | target |")
print("|---|---|---|---|---|---|")
for mine, other, target in [("mlx", "handwritten", "wall ≤ 1.05"),
                            ("mlx", "handwritten-javac", "(stricter: no launcher compile)"),
                            ("mlx-tribuo-sgd", "handwritten", "(like for like: the same Tribuo trainer)"),
                            ("mlx", "sklearn-sgd", "wall ≤ 1.5, memory ≤ 1.0"),
                            ("mlx-1g", "sklearn-sgd", "(the same, heap capped at 1 GiB)"),
                            ("mlx", "sklearn-lbfgs", "(second sklearn row)")]:
    x, o = rows[mine], rows[other]
    print(f"| {mine} / {other} | {x['wall'] / o['wall']:.2f}× | {x['wmin'] / o['wmin']:.2f}× "
          f"| {x['cpu'] / o['cpu']:.2f}× | {x['rss'] / o['rss']:.2f}× | {target} |")

print()
print("median seconds per stage (each contender's own stages; mlx's from run.json \"timings\"):")
for name, x in rows.items():
    print(f"  {name:18s} " + ", ".join(f"{k} {v:.2f}" for k, v in x["stages"].items()))

print()
ref = rows["mlx"]["metrics"]
for name, x in rows.items():
    if name == "mlx":
        continue
    d_acc = abs(x["metrics"]["accuracy"] - ref["accuracy"])
    d_auc = abs(x["metrics"]["auc"] - ref["auc"])
    verdict = "agree" if d_acc <= 0.01 and d_auc <= 0.01 else "DISAGREE"
    print(f"  mlx vs {name:18s} |Δaccuracy| {d_acc:.4f}, |ΔAUC| {d_auc:.4f}: {verdict}")
