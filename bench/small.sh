#!/usr/bin/env bash
# The small-table benchmark: the five-model ladder (baseline, logistic or linear, cart, forest, mlp) with
# 5-fold cross-validation and a holdout, every setting at mlx's defaults, on three small public tables,
# side by side with the same in scikit-learn (bench/small/sk_small.py, mlx's settings where mlx has a
# default of its own):
#   wine       178 rows, 13 numbers, 3 classes (Debian's python3-sklearn copy)
#   diabetes   442 rows, 10 numbers, regression (the same)
#   sotu       3,232 State of the Union passages, tf-idf, 2 classes (examples/text)
#   forest     a random forest alone on sotu, same settings on both sides
# Each mlx experiment (bench/small/NAME.mlx) is compiled with `mlx compile` and run with plain
# `java -jar`; every run is a cold process timed by /usr/bin/time -v, RUNS rounds, each starting
# when the CPUs are idle. Prints the ratios against the targets (wall <= 1.0x, peak RSS <= 3x).
# usage: bash bench/small.sh [RUNS]     (default 1; env: MLX_BUILD_DIR or MLX_JAR, TABLES="wine diabetes", QUIET_WAIT=90)
# needs: JDK 17 and Maven (offline); installs Debian's python3-pandas, python3-sklearn and time when missing
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
runs="${1:-1}"
work=target/bench
data="$work/small"
results="$work/small-results"
tables=(${TABLES:-wine diabetes sotu forest})
source bench/lib.sh

need_debian_packages
"$py" bench/small/tables.py "$data"
mlx=$(mlx_jar)
for t in "${tables[@]}"; do
    java -jar "$mlx" compile "bench/small/$t.mlx" -o "$work/small-$t.jar" >"$work/small-$t-compile.log" 2>&1 \
        || { cat "$work/small-$t-compile.log" >&2; exit 1; }
done

rm -rf "$results"
mkdir -p "$results"
for ((r = 1; r <= runs; r++)); do
    echo "== round $r of $runs (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    for t in "${tables[@]}"; do
        rm -rf "$work/out-small-$t"
        timed "mlx-$t" "$r" java -jar "$work/small-$t.jar" --out "$work/out-small-$t"
        cp "$work/out-small-$t/run.json" "$results/mlx-$t-$r.run.json"
        timed "sklearn-$t" "$r" "$py" bench/small/sk_small.py "$t" "$data"
    done
done
"$py" bench/small/report.py "$results" "$runs" "${tables[@]}"
