#!/usr/bin/env bash
# The logistic benchmark: the pipeline of bench/pipeline (1,000,000 generated rows: load, review,
# impute, one-hot, standardise, 80/20 stratified holdout) with `logistic` written with no settings
# (bench/logistic/bench.mlx), against pandas + scikit-learn's LogisticRegression() on the same steps
# (bench/pipeline/sk.py lbfgs), side by side. With BEFORE_JAR (an mlx.jar built from an earlier
# commit) the same file also runs as that mlx compiles it, for a before -> after. Each contender runs
# RUNS times as a cold process under /usr/bin/time -v; prints wall, CPU, peak RSS, AUC, and ratios.
# usage: bench/logistic.sh [RUNS]     (default 1; env: BEFORE_JAR, MLX_JAR, JAVA_HEAP default 6g)
# needs: JDK 17, Maven (offline), /usr/bin/time, Debian's /usr/bin/python3 with python3-pandas and
#        python3-sklearn (installed when missing)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
runs="${1:-1}"
heap="${JAVA_HEAP:-6g}"
py=/usr/bin/python3
work=target/bench
results="$work/logistic"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }
if ! "$py" -c 'import pandas, sklearn' 2>/dev/null; then
    apt-get install -y python3-pandas python3-sklearn >&2 \
        || { echo "needs $py with pandas and scikit-learn (apt-get install -y python3-pandas python3-sklearn)" >&2; exit 2; }
fi
mkdir -p "$work"
[ -f "$work/bench1m.csv" ] || "$py" bench/pipeline/gen.py "$work/bench1m.csv"
if [ -n "${MLX_JAR:-}" ]; then
    mlx="$MLX_JAR"
else
    mvn -q -o package -Dmaven.test.skip=true
    mlx=mlx-cli/target/mlx.jar
fi
rm -rf "$results"
mkdir -p "$results"
java -jar "$mlx" compile bench/logistic/bench.mlx -o "$work/logistic-after.jar" >"$results/compile.log" 2>&1 \
    || { cat "$results/compile.log" >&2; exit 1; }
contenders=(mlx sklearn)
if [ -n "${BEFORE_JAR:-}" ]; then
    java -jar "$BEFORE_JAR" compile bench/logistic/bench.mlx -o "$work/logistic-before.jar" >"$results/compile-before.log" 2>&1 \
        || { cat "$results/compile-before.log" >&2; exit 1; }
    contenders=(mlx-before mlx sklearn)
fi
echo "== commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= runs; r++)); do
    for c in "${contenders[@]}"; do
        case $c in
            mlx) cmd=(java -Xmx"$heap" -jar "$work/logistic-after.jar" --out "$results/out-$c") ;;
            mlx-before) cmd=(java -Xmx"$heap" -jar "$work/logistic-before.jar" --out "$results/out-$c") ;;
            sklearn) cmd=("$py" bench/pipeline/sk.py "$work/bench1m.csv" lbfgs) ;;
        esac
        /usr/bin/time -v -o "$results/$c-$r.time" "${cmd[@]}" >"$results/$c-$r.out" 2>"$results/$c-$r.err" \
            || { echo "$c failed, see $results/$c-$r.err" >&2; exit 1; }
        [ "$c" = sklearn ] || cp "$results/out-$c/run.json" "$results/$c-$r.run.json"
    done
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$py" - "$results" "$runs" "${contenders[@]}" <<'PY'
import json, re, statistics, sys
results, runs, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def timed(path):
    text = open(path).read()
    wall = 0.0
    for part in re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1).split(":"):
        wall = wall * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024 / 1024
    cpu = sum(float(re.search(rf"{k} time \(seconds\): (\S+)", text).group(1)) for k in ("User", "System"))
    return wall, rss, cpu
def metrics(name, r):
    if name == "sklearn":
        o = json.loads(open(f"{results}/{name}-{r}.out").read().strip().splitlines()[-1])
        return o["auc"], o["timings"].get("train", float("nan"))
    run = json.load(open(f"{results}/{name}-{r}.run.json"))
    model = run["evaluation"]["models"][0]
    return model["holdout"]["auc"], model["train_ms"] / 1000
rows = {}
for n in names:
    t = [timed(f"{results}/{n}-{r}.time") for r in range(1, runs + 1)]
    m = [metrics(n, r) for r in range(1, runs + 1)]
    rows[n] = dict(wall=statistics.median(x[0] for x in t), rss=statistics.median(x[1] for x in t),
                   cpu=statistics.median(x[2] for x in t), auc=m[-1][0], train=statistics.median(x[1] for x in m))
sk = rows["sklearn"]
print(f"| contender | wall s | CPU s | peak RSS GiB | train s | AUC | wall / sklearn | RSS / sklearn | AUC - sklearn |")
print("|---|---|---|---|---|---|---|---|---|")
for n, x in rows.items():
    print(f"| {n} | {x['wall']:.1f} | {x['cpu']:.1f} | {x['rss']:.2f} | {x['train']:.1f} | {x['auc']:.4f} "
          f"| {x['wall'] / sk['wall']:.2f} | {x['rss'] / sk['rss']:.2f} | {x['auc'] - sk['auc']:+.4f} |")
PY
