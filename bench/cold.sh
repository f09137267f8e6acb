#!/usr/bin/env bash
# The cold paths, each timed from a fresh process (bench/cold/cold.py):
#   lsp      `mlx lsp` answering `initialize` (target <= 500 ms), plain and with the launchers' class archive
#   predict  a compiled jar's first POST /predict after GET /health says ready (target <= 100 ms),
#            on bench/serve/bench.mlx (penguins, logistic), trained once first
# usage: bash bench/cold.sh [RUNS]     (default 5; env: MLX_BUILD_DIR or MLX_JAR, PORT (default 18310))
# needs: JDK 17 and Maven (offline); Debian's /usr/bin/python3
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
runs="${1:-5}"
port="${PORT:-18310}"
work=target/bench
results="$work/cold"
source bench/lib.sh

mkdir -p "$results"
mlx=$(mlx_jar)
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg)"
# the archive ./mlx and install.sh write for the server (mlx-cli/src/main/sh/lsp-archive.sh)
bash mlx-cli/src/main/sh/lsp-archive.sh "$mlx" "$results/lsp.jsa" || echo "(no class archive: this JDK wrote none)"
"$py" bench/cold/cold.py lsp "$mlx" "$runs" $([[ -f "$results/lsp.jsa" ]] && echo "$results/lsp.jsa")
java -jar "$mlx" compile bench/serve/bench.mlx -o "$work/cold-serve.jar" >"$results/compile.log" 2>&1 \
    || { cat "$results/compile.log" >&2; exit 1; }
rm -rf "$results/out"
java -jar "$work/cold-serve.jar" --out "$results/out" >"$results/train.log" 2>&1 || { cat "$results/train.log" >&2; exit 1; }
"$py" bench/cold/cold.py predict "$work/cold-serve.jar" "$results/out" "$port" "$runs"
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg)"
