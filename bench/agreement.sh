#!/usr/bin/env bash
# The agreement property in its long mode: N random tables (default 5000), each with init's starter and
# random edits, checked and run in process. Most tables are small (78 %: up to 300 rows of 12 columns)
# or medium (20 %: up to 2,000 rows or 50 columns, 30,000 cells); 2 % up to 10,000 rows or 300 columns
# (100,000 cells), 0.2 % up to 100,000 rows or 6,000 columns (a million cells): AgreementTest.bounds. Prints the number of cases and every disagreement with its seed and the
# command that replays it; mlx-cli/target/agreement/progress.log has the count every 25 cases and
# each disagreement as it is found.
#   bash bench/agreement.sh [N] [FIRST_SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-5000}"
BASE="${2:-13000}"
rm -f mlx-cli/target/agreement/progress.log
mvn -B -o verify -pl mlx-cli -am -DskipITs -Dsurefire.failIfNoSpecifiedTests=false -Dtest=AgreementTest \
    -Dmlx.agreement.cases="$N" -Dmlx.agreement.base="$BASE" -Dmlx.agreement.long=true \
    -DargLine="-Xmx6g" | grep --line-buffered -E "^agreement:|^seed [0-9]+:|^  |Tests run:|BUILD"
