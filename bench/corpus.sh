#!/usr/bin/env bash
# The corpus harness: mlx and scikit-learn side by side on real public tables nobody here tuned for
# (bench/corpus/tables.tsv; bench/corpus/README.md explains the columns of the output).
#
# For each table, as a user would: `mlx init DATA.csv --target COL -o NAME.mlx` (through ./mlx, which
# builds mlx-cli/target/mlx.jar when stale), `mlx check NAME.mlx`, `mlx run NAME.mlx` (cold processes;
# wall time and peak RSS from /usr/bin/time -v). Then bench/corpus/sk.py: the same model families in
# scikit-learn with their defaults, on the same training and holdout rows (the rows the run's
# predictions.csv names), selected the same way. A table mlx fails on is recorded (with its first
# error line) and the harness goes on.
#
# usage: bash bench/corpus.sh [--quick] [--timeout SECONDS] [NAME...]
#   --quick      iris, wine, diabetes and olive only (small multiclass, regression and clustering
#                tables; bench/corpus/README.md has their times): for CI
#   --timeout S  per side (mlx run; scikit-learn), default 1200; a timed-out step is a failure
#   NAME...      only these tables (names from bench/corpus/tables.tsv)
# Output: the table and a summary line on stdout; target/corpus/results.tsv and results.json (and a
# dated copy of each under target/corpus/history/); every step's files under target/corpus/runs/NAME/.
# Needs: JDK 17 and Maven (for ./mlx), /usr/bin/time, Debian's /usr/bin/python3 with python3-pandas and
# python3-sklearn (installed with apt-get when missing), and the tables (bench/corpus/fetch.sh, run
# when one is missing).
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
py=/usr/bin/python3
manifest=bench/corpus/tables.tsv
work=target/corpus
quick=(iris wine diabetes olive)
timeout_s=1200
names=()
while (($#)); do
    case "$1" in
        --quick) names+=("${quick[@]}") ;;
        --timeout) timeout_s="$2"; shift ;;
        -h | --help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
        *) names+=("$1") ;;
    esac
    shift
done
if ((${#names[@]} == 0)); then
    mapfile -t names < <(awk -F'\t' 'NR > 1 && $1 != "" {print $1}' "$manifest")
fi
for n in "${names[@]}"; do
    awk -F'\t' -v n="$n" 'NR > 1 && $1 == n {found = 1} END {exit !found}' "$manifest" \
        || { echo "no table named $n in $manifest" >&2; exit 2; }
done

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
need=()
[ -x /usr/bin/time ] || need+=(time)
"$py" -c 'import pandas, sklearn' 2>/dev/null || need+=(python3-pandas python3-sklearn)
if ((${#need[@]})); then
    echo "== installing ${need[*]}"
    as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "${need[@]}" >/dev/null \
        || { echo "could not install ${need[*]}" >&2; exit 2; }
fi

missing=()
for n in "${names[@]}"; do
    [ -s "$work/data/$n.csv" ] || missing+=("$n")
done
if ((${#missing[@]})); then
    bash bench/corpus/fetch.sh "${missing[@]}" || { echo "fetching the tables failed" >&2; exit 2; }
fi

echo "== building mlx if stale"
./mlx --version >/dev/null || { echo "./mlx could not build or start" >&2; exit 2; }

field() { # NAME COLUMN: a manifest cell
    awk -F'\t' -v n="$1" -v c="$2" 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i} NR > 1 && $1 == n {print $col[c]}' "$manifest"
}

started="$(date -u +%Y%m%dT%H%M%SZ)"
for n in "${names[@]}"; do
    dir="$work/runs/$n"
    rm -rf "$dir"
    mkdir -p "$dir"
    target="$(field "$n" target)"
    task="$(field "$n" task)"
    status="$dir/status.tsv"
    printf 'load\t%s\n' "$(cut -d' ' -f1 /proc/loadavg)" >"$status"
    printf '== %-14s ' "$n"

    if [ -n "$target" ]; then
        init_args=(--target "$target")
    else
        init_args=(--task "$task")
    fi
    ./mlx init "$work/data/$n.csv" "${init_args[@]}" -o "$dir/$n.mlx" >"$dir/init.out" 2>"$dir/init.err"
    printf 'init\t%s\n' "$?" >>"$status"

    if [ -f "$dir/$n.mlx" ]; then
        ./mlx check "$dir/$n.mlx" >"$dir/check.out" 2>"$dir/check.err"
        check=$?
        printf 'check\t%s\n' "$check" >>"$status"
        if [ "$check" -eq 0 ]; then
            /usr/bin/time -v -o "$dir/mlx.time" timeout --kill-after=10 "$timeout_s" \
                ./mlx run "$dir/$n.mlx" --out "$dir/out" >"$dir/run.out" 2>"$dir/run.err"
            printf 'run\t%s\n' "$?" >>"$status"
        fi
    fi
    printf 'init %s, check %s, run %s; ' "$(awk '$1 == "init" {print $2}' "$status")" \
        "$(awk '$1 == "check" {print $2}' "$status")" "$(awk '$1 == "run" {print $2}' "$status")"

    sk_args=(--csv "$work/data/$n.csv" --json "$dir/sk.json" --out "$dir/out" --task "$task")
    [ -n "$target" ] && sk_args+=(--target "$target")
    [ -f "$dir/$n.mlx" ] && sk_args+=(--mlx "$dir/$n.mlx")
    # One thread for OpenMP and BLAS: on a shared 2-core machine their spinning threads made scikit-learn's
    # HistGradientBoosting take 30 s instead of 0.8 s on iris (n_jobs is left at its default, one core).
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/time -v -o "$dir/sk.time" timeout --kill-after=10 "$timeout_s" \
        "$py" bench/corpus/sk.py "${sk_args[@]}" >"$dir/sk.out" 2>"$dir/sk.err"
    printf 'sklearn\t%s\n' "$?" >>"$status"
    echo "sklearn $(awk '$1 == "sklearn" {print $2}' "$status")"
done

"$py" bench/corpus/report.py --manifest "$manifest" --runs "$work/runs" --out "$work" --started "$started" \
    --timeout "$timeout_s" "${names[@]}"
