#!/usr/bin/env bash
# Times `mlx check`: (a) the flagship example as a cold process, the way a user runs it, and (b) a
# generated 5,000-line file checked warm, in one JVM. Targets: (a) <= 0.5 s, (b) <= 100 ms median.
# usage: bench/check.sh [COLD_RUNS]      (needs python3; uses hyperfine when installed)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
runs="${1:-20}"
flagship=examples/penguins/penguins.mlx

./mlx --version >/dev/null # builds mlx-cli/target/mlx.jar and its class-data archive when stale

echo "== (a) cold: ./mlx check $flagship ($runs runs, 2 warm-up)"
if command -v hyperfine >/dev/null 2>&1; then
    json="$(mktemp)"
    hyperfine -N --warmup 2 --runs "$runs" --export-json "$json" "./mlx check $flagship"
    python3 - "$json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"cold: mean {r['mean'] * 1000:.0f} ms, min {r['min'] * 1000:.0f} ms, max {r['max'] * 1000:.0f} ms")
EOF
    rm -f "$json"
else
    for _ in 1 2; do ./mlx check "$flagship" >/dev/null 2>&1 || true; done
    times=()
    for ((i = 0; i < runs; i++)); do
        t0=$(date +%s%N)
        ./mlx check "$flagship" >/dev/null 2>&1 || true
        t1=$(date +%s%N)
        times+=($(((t1 - t0) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | python3 -c '
import sys
t = [int(x) for x in sys.stdin]
print(f"cold: mean {sum(t) / len(t):.0f} ms, min {min(t)} ms, max {max(t)} ms")'
fi

echo "== (b) warm: Checker.check on a generated 5,000-line file"
mkdir -p target/bench
python3 bench/gen5000.py target/bench/penguins5000.mlx
java -cp mlx-cli/target/mlx.jar bench/CheckBench.java target/bench/penguins5000.mlx
java -cp mlx-cli/target/mlx.jar bench/CheckBench.java target/bench/penguins5000.mlx --no-data
