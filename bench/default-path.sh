#!/usr/bin/env bash
# The default-path benchmark: the 1,000,000-row table of bench/pipeline written as a new user would,
# with the defaults, side by side with pandas + scikit-learn with theirs:
#   mlx              bench/default-path/default.mlx (no declared types, plain `logistic`, no explain
#                    block), compiled with `mlx compile` and run with plain `java -jar` (no -Xmx: the
#                    jar sizes its own heap from the data)
#   sklearn-default  bench/default-path/sk_default.py: read_csv without dtypes, LogisticRegression()
# Every run is a cold process timed by /usr/bin/time -v; contenders take turns, RUNS rounds, each
# starting when the CPUs are idle. Prints medians and the ratios the issue sets targets for
# (wall <= 0.5x, peak RSS <= 1.0x, AUC within 0.002).
# usage: bash bench/default-path.sh [RUNS]     (default 1; env: MLX_BUILD_DIR or MLX_JAR)
# needs: JDK 17 and Maven (offline); installs Debian's python3-pandas, python3-sklearn and time when missing
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
runs="${1:-1}"
work=target/bench
data="$work/bench1m.csv"
results="$work/default-path"
source bench/lib.sh

need_debian_packages
mkdir -p "$work"
[ -f "$data" ] || { echo "== generating $data"; "$py" bench/pipeline/gen.py "$data"; }
mlx=$(mlx_jar)
echo "== compiling bench/default-path/default.mlx"
java -jar "$mlx" compile bench/default-path/default.mlx -o "$work/default1m.jar" >"$work/default-compile.log" 2>&1 \
    || { cat "$work/default-compile.log" >&2; exit 1; }

rm -rf "$results"
mkdir -p "$results"
for ((r = 1; r <= runs; r++)); do
    echo "== round $r of $runs (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    rm -rf "$work/out-default"
    timed mlx "$r" java -jar "$work/default1m.jar" --out "$work/out-default"
    cp "$work/out-default/run.json" "$results/mlx-$r.run.json"
    timed sklearn-default "$r" "$py" bench/default-path/sk_default.py "$data"
done
"$py" bench/default-path/report.py "$results" "$runs"
