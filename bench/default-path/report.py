"""Summarises a bench/default-path.sh run: median wall time and peak RSS of mlx and of the
scikit-learn peer (from /usr/bin/time -v), their holdout metrics, and the ratios against the targets.

usage: /usr/bin/python3 bench/default-path/report.py RESULTS_DIR RUNS
"""
import json
import re
import statistics
import sys

results, runs = sys.argv[1], int(sys.argv[2])


def time_report(path):
    text = open(path).read()
    seconds = 0.0
    for part in re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1).split(":"):
        seconds = seconds * 60 + float(part)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return seconds, rss_kb / 1024 / 1024


rows = {}
for name in ("mlx", "sklearn-default"):
    walls, rss, metrics = [], [], None
    for r in range(1, runs + 1):
        w, m = time_report(f"{results}/{name}-{r}.time")
        walls.append(w)
        rss.append(m)
        if name == "mlx":
            metrics = json.load(open(f"{results}/mlx-{r}.run.json"))["evaluation"]["models"][0]["holdout"]
        else:
            metrics = json.loads(open(f"{results}/{name}-{r}.out").read().strip().splitlines()[-1])
    rows[name] = {"wall": statistics.median(walls), "rss": statistics.median(rss), "metrics": metrics}

print()
print(f"| contender | wall s (median of {runs}) | peak RSS GiB | accuracy | F1 | AUC |")
print("|---|---|---|---|---|---|")
for name, x in rows.items():
    m = x["metrics"]
    print(f"| {name} | {x['wall']:.1f} | {x['rss']:.2f} | {m['accuracy']:.4f} | {m['f1']:.4f} | {m['auc']:.4f} |")
mlx, sk = rows["mlx"], rows["sklearn-default"]
auc = mlx["metrics"]["auc"] - sk["metrics"]["auc"]
print()
print("| ratio mlx / scikit-learn | value | target |")
print("|---|---|---|")
print(f"| wall time | {mlx['wall'] / sk['wall']:.2f}× | ≤ 0.5× |")
print(f"| peak RSS | {mlx['rss'] / sk['rss']:.2f}× | ≤ 1.0× |")
print(f"| AUC difference | {auc:+.4f} | within ±0.002 |")
