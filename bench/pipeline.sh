#!/usr/bin/env bash
# The pipeline benchmark: load, review, impute, one-hot, standardise, logistic regression and holdout
# evaluation on a generated 1,000,000-row table, side by side:
#   mlx            bench/pipeline/bench.mlx, compiled with `mlx compile`, run with `java -jar`; "mlx-1g" is the
#                  same with the heap capped at 1 GiB, "mlx-tribuo-sgd" trains with Tribuo's LinearSGDTrainer
#                  (-Dmlx.sgd=tribuo), the trainer the hand-written program uses
#   handwritten    bench/handwritten/HandWritten.java (Tablesaw + Tribuo, nothing from dev.mlx), run
#                  through the source launcher; "handwritten-javac" is the same program compiled first
#   sklearn-sgd    bench/pipeline/sk.py: pandas + scikit-learn, SGDClassifier(log_loss), same epochs
#   sklearn-lbfgs  the same with LogisticRegression(lbfgs)
# Every run is a cold process timed by /usr/bin/time -v (wall clock, CPU time and peak RSS); contenders
# take turns, RUNS rounds, each run starting when the CPUs are idle (other work shares the machine).
# Both JVMs get the same fixed heap (JAVA_HEAP, default 6g). Prints medians and ratios.
# usage: bench/pipeline.sh [RUNS]      (default 3; env: JAVA_HEAP, MLX_BUILD_DIR or MLX_JAR, EPOCHS)
# needs: JDK 17, Maven (offline), /usr/bin/time, Debian's /usr/bin/python3 with python3-pandas and
#        python3-sklearn (not the python3 on PATH: the numbers are for the distribution's packages)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
runs="${1:-3}"
heap="${JAVA_HEAP:-6g}"
epochs="${EPOCHS:-5}"
py=/usr/bin/python3
work=target/bench
build="${MLX_BUILD_DIR:-$root/$work/build}"
data="$work/bench1m.csv"
results="$work/pipeline"

[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }
"$py" -c 'import pandas, sklearn' 2>/dev/null \
    || { echo "needs $py with pandas and scikit-learn (apt-get install -y python3-pandas python3-sklearn)" >&2; exit 2; }
if [ "$epochs" != 5 ] && ! grep -q "epochs $epochs," bench/pipeline/bench.mlx; then
    echo "EPOCHS=$epochs but bench/pipeline/bench.mlx says otherwise: edit it too" >&2
    exit 2
fi

mkdir -p "$work"
if [ ! -f "$data" ]; then
    echo "== generating $data"
    "$py" bench/pipeline/gen.py "$data"
fi

if [ -n "${MLX_JAR:-}" ]; then # a jar built elsewhere, e.g. from a clean export of one commit
    mlx="$MLX_JAR"
    echo "== using $mlx"
else
    echo "== building mlx, copied to $build"
    mvn -q -o package -Dmaven.test.skip=true
    mkdir -p "$build"
    cp mlx-cli/target/mlx.jar "$build/mlx.jar"
    mlx="$build/mlx.jar"
fi

echo "== compiling bench/pipeline/bench.mlx"
t0=$(date +%s%N)
java -jar "$mlx" compile bench/pipeline/bench.mlx -o "$work/bench1m.jar" >"$work/compile.log" 2>&1 \
    || { cat "$work/compile.log" >&2; exit 1; } # its one warning is MLX0602, no baseline: on purpose
t1=$(date +%s%N)
echo "mlx compile: $(((t1 - t0) / 1000000)) ms (not part of the timings below)"
rm -rf "$work/handwritten-classes"
javac -cp "$mlx" -d "$work/handwritten-classes" bench/handwritten/HandWritten.java

rm -rf "$results"
mkdir -p "$results"
idle() { # percentage of CPU time idle over one second, from /proc/stat
    local a b
    read -r -a a < /proc/stat
    sleep 1
    read -r -a b < /proc/stat
    local busy=0 total=0 i
    for i in 1 2 3 6 7 8; do busy=$((busy + b[i] - a[i])); done
    total=$((busy + b[4] - a[4] + b[5] - a[5]))
    echo $((total > 0 ? 100 - 100 * busy / total : 100))
}
wait_quiet() { # the checkout is shared: wait (up to 90 s) until no one else keeps the CPUs busy
    local waited=0 free
    while free=$(idle); [ "$free" -lt 90 ] && [ "$waited" -lt 90 ]; do
        waited=$((waited + 1))
    done
    [ "$free" -ge 90 ] || echo "  (the machine is still busy, $free % idle: this run is noisy)" >&2
}
run() { # NAME ROUND COMMAND...: one cold run, its stdout, stderr and /usr/bin/time report kept
    local name=$1 round=$2
    shift 2
    wait_quiet
    /usr/bin/time -v -o "$results/$name-$round.time" "$@" >"$results/$name-$round.out" 2>"$results/$name-$round.err" \
        || { echo "$name failed, see $results/$name-$round.err" >&2; exit 1; }
    printf '  %-18s %s\n' "$name" "$(grep 'Elapsed' "$results/$name-$round.time" | sed 's/.*: //')"
}
for ((r = 1; r <= runs; r++)); do
    echo "== round $r of $runs"
    for variant in mlx mlx-1g mlx-tribuo-sgd; do
        rm -rf "$work/out-$variant"
        case $variant in
            mlx) flags=(-Xmx"$heap") ;;
            mlx-1g) flags=(-Xmx1g) ;;                             # the same jar in a capped heap
            mlx-tribuo-sgd) flags=(-Xmx"$heap" -Dmlx.sgd=tribuo) ;; # Tribuo's own trainer, like the hand-written one
        esac
        run "$variant" "$r" java "${flags[@]}" -jar "$work/bench1m.jar" --out "$work/out-$variant"
        cp "$work/out-$variant/run.json" "$results/$variant-$r.run.json"
    done
    run handwritten "$r" java -Xmx"$heap" -cp "$mlx" bench/handwritten/HandWritten.java "$data" "$epochs"
    run handwritten-javac "$r" java -Xmx"$heap" -cp "$mlx:$work/handwritten-classes" HandWritten "$data" "$epochs"
    run sklearn-sgd "$r" "$py" bench/pipeline/sk.py "$data" sgd "$epochs"
    run sklearn-lbfgs "$r" "$py" bench/pipeline/sk.py "$data" lbfgs "$epochs"
done

"$py" bench/pipeline/report.py "$results" "$runs"
