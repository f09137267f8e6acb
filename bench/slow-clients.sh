#!/usr/bin/env bash
# /health latency with 2, 8 and 32 clients stalled mid-request (issue 15): compiles and trains
# bench/serve/bench.mlx, serves it, runs bench/slow_clients.py against it, stops the server.
# usage: bench/slow-clients.sh [COUNTS...]   env: MLX_JAR (a servebench jar built elsewhere)
# needs: JDK 17, Maven (offline) for ./mlx, python3
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
work=target/bench/slow-clients
port=18310
mkdir -p "$work"
rm -rf "$work/out"
if [ -n "${MLX_JAR:-}" ]; then
    jar="$MLX_JAR"
else
    ./mlx compile bench/serve/bench.mlx -o "$work/servebench.jar" >"$work/compile.log" 2>&1 \
        || { cat "$work/compile.log" >&2; exit 1; }
    jar="$work/servebench.jar"
fi
java -jar "$jar" --out "$work/out" >"$work/train.log" 2>&1 || { cat "$work/train.log" >&2; exit 1; }
java -jar "$jar" serve --out "$work/out" --port "$port" --no-store >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.5
done
python3 bench/slow_clients.py "$port" "$@"
