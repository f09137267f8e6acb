#!/usr/bin/env bash
# The Spark benchmark (issue 17): the same experiment (bench/spark/bench.mlx: load, checks, impute, one-hot,
# standardize, logistic regression, holdout) on generated tables (bench/spark/GenTable.java), side by side:
#   local   the compiled jar on the local engine: java -Xmx$HEAP -jar X.jar run
#   spark   mlx run --engine spark --master local[2] --conf spark.driver.memory=$HEAP (Spark in a child JVM)
# for each size in SIZES (default "1000000 10000000"); then the case Spark exists for: a table larger than
# the local engine's memory limit (BIG rows, default 10000000, both capped at LIMIT, default 2g): the local
# engine stops with its memory advice, Spark completes.
# Every run is a cold process; wall clock, CPU time and peak RSS (of the largest process) come from
# /usr/bin/time when the machine has it, else wall and CPU from bash and no RSS.
# usage: bench/spark/run.sh        (env: SIZES, HEAP (default 6g), BIG (0: skip the memory case), LIMIT)
# needs: JDK 17 and Maven (the first run resolves Spark through Maven unless SPARK_HOME is set)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
cd "$root"
sizes="${SIZES:-1000000 10000000}"
heap="${HEAP:-6g}"
big="${BIG:-10000000}"
limit="${LIMIT:-2g}"
work="$root/target/bench/spark"
mkdir -p "$work"

./mlx --version >/dev/null # builds mlx-cli/target/mlx.jar when the sources are newer
mlx=(java -jar "$root/mlx-cli/target/mlx.jar")

# prints "wall_s cpu_s peak_rss_mib exit" for the command
measure() {
    local log="$1"; shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%e %U %S %M" -o "$log.time" "$@" >"$log" 2>&1 && echo 0 >"$log.code" || echo $? >"$log.code"
        awk -v code="$(cat "$log.code")" 'END {printf "%s %.2f %d %s\n", $1, $2 + $3, $4 / 1024, code}' "$log.time"
    else
        local TIMEFORMAT="%R %U %S"
        { time { "$@" >"$log" 2>&1 && echo 0 >"$log.code" || echo $? >"$log.code"; }; } 2>"$log.time"
        awk -v code="$(cat "$log.code")" 'END {printf "%s %.2f n/a %s\n", $1, $2 + $3, code}' "$log.time"
    fi
}

table() {
    local rows="$1" dir="$work/$1"
    mkdir -p "$dir"
    if [ ! -f "$dir/table.csv" ]; then
        echo "== generating $rows rows" >&2
        java "$root/bench/spark/GenTable.java" "$dir/table.csv" "$rows"
    fi
    cp "$root/bench/spark/bench.mlx" "$dir/bench.mlx"
    if [ ! -f "$dir/bench.jar" ] || [ "$root/bench/spark/bench.mlx" -nt "$dir/bench.jar" ]; then
        "${mlx[@]}" compile "$dir/bench.mlx" -o "$dir/bench.jar" >/dev/null
    fi
    echo "$dir"
}

# the load when each run starts (1-minute average): other work on the machine shows in every number
load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo n/a; }
echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-10s %-7s %9s %9s %10s %5s %6s %s\n' rows engine wall_s cpu_s rss_mib exit load auc
for rows in $sizes; do
    dir=$(table "$rows")
    l=$(load)
    read -r wall cpu rss code < <(measure "$dir/local.log" java "-Xmx$heap" -jar "$dir/bench.jar" run --out "$dir/local")
    auc=$(grep -o '"auc": [0-9.]*' "$dir/local/run.json" 2>/dev/null | head -1 | awk '{print $2}')
    printf '%-10s %-7s %9s %9s %10s %5s %6s %s\n' "$rows" local "$wall" "$cpu" "$rss" "$code" "$l" "${auc:-}"
    l=$(load)
    read -r wall cpu rss code < <(measure "$dir/spark.log" "${mlx[@]}" run "$dir/bench.mlx" --engine spark \
        --master 'local[2]' --conf "spark.driver.memory=$heap" --conf spark.ui.enabled=false --out "$dir/spark")
    auc=$(grep -o '"auc": [0-9.]*' "$dir/spark/run.json" 2>/dev/null | head -1 | awk '{print $2}')
    printf '%-10s %-7s %9s %9s %10s %5s %6s %s\n' "$rows" spark "$wall" "$cpu" "$rss" "$code" "$l" "${auc:-}"
done

if [ "$big" = 0 ]; then
    exit 0 # BIG=0: the sizes only
fi
echo
echo "== over the local engine's memory: $big rows, both capped at $limit"
dir=$(table "$big")
l=$(load)
read -r wall cpu rss code < <(measure "$dir/local-limit.log" java "-Xmx$limit" -jar "$dir/bench.jar" run --out "$dir/local-limit")
printf '%-10s %-7s %9s %9s %10s %5s %6s %s\n' "$big" "local" "$wall" "$cpu" "$rss" "$code" "$l" "$(grep -m1 -o 'error: .*' "$dir/local-limit.log" || true)"
l=$(load)
read -r wall cpu rss code < <(measure "$dir/spark-limit.log" "${mlx[@]}" run "$dir/bench.mlx" --engine spark \
    --master 'local[2]' --conf "spark.driver.memory=$limit" --conf spark.ui.enabled=false --out "$dir/spark-limit")
printf '%-10s %-7s %9s %9s %10s %5s %6s %s\n' "$big" "spark" "$wall" "$cpu" "$rss" "$code" "$l" "$(grep -m1 -o 'done: .*' "$dir/spark-limit.log" || true)"
