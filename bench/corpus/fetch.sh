#!/usr/bin/env bash
# Fetches the corpus of real public tables (bench/corpus/tables.tsv) into target/corpus/data/*.csv:
# installs the Debian packages that carry them when missing (apt-get, as root or through sudo), packs
# the npm package vega-datasets into target/corpus/cache/, then converts every table to CSV,
# deterministically (bench/corpus/convert.py for scikit-learn's and vega-datasets' tables,
# bench/corpus/convert.R for the R packages'). Finally checks each CSV against the SHA-256 recorded in
# bench/corpus/sha256.txt: a mismatch means the packages changed (new version) or the conversion did.
#
# usage: bash bench/corpus/fetch.sh [NAME...]       (no names: every table; env CORPUS_DATA, CORPUS_CACHE
#                                                   put the CSV files and the npm package elsewhere)
#        UPDATE_SHA256=1 bash bench/corpus/fetch.sh  rewrites sha256.txt after a deliberate change
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${CORPUS_DATA:-$root/target/corpus/data}"    # where the CSV files go
cache="${CORPUS_CACHE:-$root/target/corpus/cache}" # the unpacked npm package
vega_version=3.2.1
py=/usr/bin/python3 # Debian's interpreter: the one that sees python3-sklearn and python3-pandas

# Debian packages: the data (python3-sklearn, r-cran-*), R itself, and pandas for the harness.
debs=(python3-sklearn python3-pandas r-base-core r-cran-modeldata r-cran-dslabs r-cran-mlbench r-cran-cardata
    r-cran-survival)
missing=()
for p in "${debs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "== installing ${missing[*]}"
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# vega-datasets: the package tarball from the npm registry (no install, no node_modules).
vega="$cache/vega-datasets-$vega_version"
if [ ! -f "$vega/package/data/movies.json" ]; then
    echo "== packing vega-datasets@$vega_version"
    mkdir -p "$vega"
    command -v npm >/dev/null || { echo "needs npm (apt-get install -y npm)" >&2; exit 2; }
    (cd "$vega" && npm pack --silent "vega-datasets@$vega_version" >/dev/null && tar xzf "vega-datasets-$vega_version.tgz")
fi

# Which converter makes which table: the manifest's `source` column.
declare -a want_py=() want_r=()
# Tabs are white space to `read`, so an empty cell (olive has no target) would shift the columns:
# the cells are split on a character that is not.
while IFS= read -r row; do
    IFS=$'\x1f' read -r name _file _target _task source _rest <<<"${row//$'\t'/$'\x1f'}"
    [[ "$name" == name || -z "$name" ]] && continue
    if (($#)); then
        keep=0
        for n in "$@"; do [[ "$n" == "$name" ]] && keep=1; done
        ((keep)) || continue
    fi
    case "$source" in
        python3-sklearn* | npm:vega-datasets*) want_py+=("$name") ;;
        r-cran-* | r-base-core*) want_r+=("$name") ;;
        *) echo "tables.tsv: no converter for source '$source' of $name" >&2; exit 2 ;;
    esac
done <"$here/tables.tsv"

mkdir -p "$out"
if ((${#want_py[@]})); then
    "$py" "$here/convert.py" "$out" "$vega/package/data" "${want_py[@]}"
fi
if ((${#want_r[@]})); then
    # A fixed locale and time zone: neither may leak into the bytes.
    LC_ALL=C.UTF-8 TZ=UTC Rscript --vanilla "$here/convert.R" "$out" "${want_r[@]}"
fi

# The same packages must give the same bytes.
sums="$here/sha256.txt"
bad=0
names=("${want_py[@]}" "${want_r[@]}")
if [ "${UPDATE_SHA256:-}" = 1 ]; then
    tmp="$(mktemp)"
    [ -f "$sums" ] && cat "$sums" >"$tmp"
    for n in "${names[@]}"; do
        grep -v "  $n.csv\$" "$tmp" >"$tmp.2" || true
        mv "$tmp.2" "$tmp"
        (cd "$out" && sha256sum "$n.csv") >>"$tmp"
    done
    sort -k2 "$tmp" >"$sums"
    rm -f "$tmp"
    echo "== wrote $sums"
else
    for n in "${names[@]}"; do
        want="$(awk -v f="$n.csv" '$2 == f {print $1}' "$sums" 2>/dev/null || true)"
        got="$(cd "$out" && sha256sum "$n.csv" | cut -d' ' -f1)"
        if [ -z "$want" ]; then
            echo "  $n.csv: no recorded SHA-256 (UPDATE_SHA256=1 records it)" >&2
        elif [ "$want" != "$got" ]; then
            echo "  $n.csv: SHA-256 differs from bench/corpus/sha256.txt (other package versions?)" >&2
            bad=1
        fi
    done
    ((bad == 0)) || echo "== some tables differ from the recorded ones: results are not comparable with earlier runs" >&2
fi
echo "== corpus in ${out#"$root"/}: ${#names[@]} tables"
((bad == 0))
