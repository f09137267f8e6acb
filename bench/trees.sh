#!/usr/bin/env bash
# The tree benchmark: decision tree, random forest, extra trees and AdaBoost on four tables (digits
# 1,797 x 64, wine, breast cancer, and 3,232 State of the Union passages as 1,000 sparse tf-idf
# columns), mlx's catalog models with no settings against scikit-learn's defaults, side by side:
#   bench/trees/tables.py    writes the tables (LIBSVM text; test rows r % 5 == 0)
#   bench/trees/sk.py        scikit-learn, defaults (one thread, as n_jobs=None is)
#   bench/trees/TreesBench.java  mlx's trees, Tribuo's RandomForestTrainer as mlx ran it before, and
#                            XGBoost's random-forest mode, in one JVM (each fitted twice, the second timed)
# Prints per table and model the fit's wall and CPU seconds and test accuracy, and mlx's as ratios
# of scikit-learn's (CPU time says more than wall time on a shared machine). Reports the load average, since the machine is shared.
# usage: bench/trees.sh      (env: MLX_JAR to use a jar built elsewhere)
# needs: JDK 17, Maven (offline), Debian's /usr/bin/python3 with python3-sklearn (installed when missing)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
py=/usr/bin/python3
work=target/bench/trees
if ! "$py" -c 'import sklearn' 2>/dev/null; then
    echo "== installing python3-sklearn" >&2
    apt-get install -y python3-sklearn >&2 || { echo "needs $py with scikit-learn (apt-get install -y python3-sklearn)" >&2; exit 2; }
fi
mkdir -p "$work"
if [ -n "${MLX_JAR:-}" ]; then
    mlx="$MLX_JAR"
else
    echo "== building mlx" >&2
    mvn -q -o package -Dmaven.test.skip=true
    mlx=mlx-cli/target/mlx.jar
fi
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
"$py" bench/trees/tables.py "$work"
"$py" bench/trees/sk.py "$work" | tee "$work/sk.txt"
java -cp "$mlx" bench/trees/TreesBench.java "$work" 2>"$work/java.err" | tee "$work/mlx.txt"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"$py" - "$work/sk.txt" "$work/mlx.txt" <<'PY'
import sys
rows = {}
for path in sys.argv[1:]:
    for line in open(path):
        table, model, seconds, cpu, accuracy = line.split()
        rows[(table, model)] = (float(seconds), float(cpu), float(accuracy))
print("| table | model | wall s | CPU s | accuracy | wall / sklearn | CPU / sklearn | accuracy - sklearn |")
print("|---|---|---|---|---|---|---|---|")
for (table, model), (seconds, cpu, accuracy) in rows.items():
    kind = model.split("-", 1)[1].replace("-before", "")
    kind = {"rf": "forest"}.get(kind, kind)
    peer = rows.get((table, "sklearn-" + kind))
    own = model.startswith("sklearn") or not peer
    ratio = "" if own else f"{seconds / peer[0]:.2f}"
    cpu_ratio = "" if own else f"{cpu / peer[1]:.2f}"
    diff = "" if own else f"{accuracy - peer[2]:+.4f}"
    print(f"| {table} | {model} | {seconds:.3f} | {cpu:.3f} | {accuracy:.4f} | {ratio} | {cpu_ratio} | {diff} |")
PY
