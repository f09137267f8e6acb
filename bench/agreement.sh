#!/usr/bin/env bash
# The agreement property in its long mode: N random tables (default 5000), scaled up to 100k rows and
# 6,000 columns, each with init's starter and random edits, checked and run in process. Prints the
# number of cases and every disagreement with its seed and the command that replays it.
#   bash bench/agreement.sh [N] [FIRST_SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-5000}"
BASE="${2:-13000}"
mvn -B -o verify -pl mlx-cli -am -DskipITs -Dsurefire.failIfNoSpecifiedTests=false -Dtest=AgreementTest \
    -Dmlx.agreement.cases="$N" -Dmlx.agreement.base="$BASE" -Dmlx.agreement.long=true \
    -DargLine="-Xmx6g" | grep -E "^agreement:|^seed [0-9]+:|^  |Tests run:|BUILD"
