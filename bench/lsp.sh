#!/usr/bin/env bash
# Times the language server: didChange -> publishDiagnostics on a generated 1,000-line file, after
# warm-up, with the server as a child process spoken to over stdio. Target: <= 20 ms.
# usage: bench/lsp.sh [WARMUP] [RUNS]      (needs python3)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

./mlx --version >/dev/null # builds mlx-cli/target/mlx.jar when stale
mkdir -p target/bench
python3 bench/gen5000.py target/bench/penguins1000.mlx 1000
java -cp mlx-cli/target/mlx.jar bench/LspBench.java target/bench/penguins1000.mlx "${1:-300}" "${2:-200}"
