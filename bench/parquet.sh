#!/usr/bin/env bash
# The Parquet reader against the CSV reader (and the JSON Lines one) on the same 1,000,000 x 20 table, in one
# warm JVM: bench/ParquetBench.java. The Parquet and JSON Lines files are written by DuckDB from the CSV.
# usage: bash bench/parquet.sh [RUNS]     (default 5; env: MLX_JAR for another mlx.jar)
# needs: JDK 17, Maven (offline) for the build; about 4 GB of heap
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
jar="${MLX_JAR:-mlx-cli/target/mlx.jar}"
[ -f "$jar" ] || mvn -q -o package -Dmaven.test.skip=true
# the DuckDB driver mlx compile appends to a Parquet experiment's jar (the compiler carries it as a resource)
duckdb=mlx-compiler/target/classes/dev/mlx/codegen/duckdb-driver.jar
[ -f "$duckdb" ] || { echo "no $duckdb: build mlx-compiler first" >&2; exit 1; }
mkdir -p target/bench
exec java -Xmx4g -cp "$jar:$duckdb" bench/ParquetBench.java "${1:-5}"
