"""Summarises a bench/small.sh run: per table, median wall time and peak RSS of mlx and of
scikit-learn (from /usr/bin/time -v), each model's cross-validated score on both sides, and the
ratios against the targets (wall <= 1.0x and RSS <= 3x for the ladders; wall <= 1.0x for the forest).

usage: /usr/bin/python3 bench/small/report.py RESULTS_DIR RUNS TABLE...
"""
import json
import re
import statistics
import sys

results, runs, tables = sys.argv[1], int(sys.argv[2]), sys.argv[3:]


def time_report(path):
    text = open(path).read()
    seconds = 0.0
    for part in re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1).split(":"):
        seconds = seconds * 60 + float(part)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return seconds, rss_kb / 1024 / 1024


def median_of(name):
    walls, rss = [], []
    for r in range(1, runs + 1):
        w, m = time_report(f"{results}/{name}-{r}.time")
        walls.append(w)
        rss.append(m)
    return statistics.median(walls), statistics.median(rss)


print()
print(f"| table | mlx wall s | scikit-learn wall s | wall ratio | mlx RSS GiB | scikit-learn RSS GiB | RSS ratio | target |")
print("|---|---|---|---|---|---|---|---|")
scores = []
for table in tables:
    mw, mr = median_of(f"mlx-{table}")
    sw, sr = median_of(f"sklearn-{table}")
    target = "wall ≤ 1.0×" if table == "forest" else "wall ≤ 1.0×, RSS ≤ 3×"
    print(f"| {table} | {mw:.1f} | {sw:.1f} | {mw / sw:.2f}× | {mr:.2f} | {sr:.2f} | {mr / sr:.2f}× | {target} |")
    run = json.load(open(f"{results}/mlx-{table}-{runs}.run.json"))
    metric = run["evaluation"]["metric"]
    sk = json.loads(open(f"{results}/sklearn-{table}-{runs}.out").read().strip().splitlines()[-1])["models"]
    for m in run["evaluation"]["models"]:
        cv = (m.get("cv") or {}).get(metric)
        mine = f"{cv['mean']:.4f}" if cv else "failed: " + str(m.get("error"))
        theirs = sk.get(m["name"])
        scores.append(f"  {table:9s} {m['name']:9s} mlx {metric} (cv) {mine}   scikit-learn "
                      + (f"{theirs['cv']:.4f}" if theirs else "-"))
print()
print("cross-validated scores (accuracy, or rmse for diabetes), last round:")
print("\n".join(scores))
