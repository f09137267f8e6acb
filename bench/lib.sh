# Shared by bench/default-path.sh and bench/small.sh (sourced, not run): Debian's Python with pandas and
# scikit-learn (installed when missing), the mlx jar, and timed cold runs that wait for idle CPUs.
# The caller sets $results (where each run's output and /usr/bin/time report go) and $work.
py=/usr/bin/python3 # Debian's interpreter: the one that sees python3-sklearn and python3-pandas

need_debian_packages() { # installs python3-pandas, python3-sklearn and time when missing (as root or through sudo)
    local missing=() p sudo=()
    for p in python3-pandas python3-sklearn time; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if ((${#missing[@]})); then
        echo "== installing ${missing[*]}"
        [ "$(id -u)" -eq 0 ] || sudo=(sudo)
        "${sudo[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

mlx_jar() { # MLX_JAR when set, else the tool built from this checkout (offline), copied aside
    if [ -n "${MLX_JAR:-}" ]; then
        echo "$MLX_JAR"
        return
    fi
    local build="${MLX_BUILD_DIR:-$PWD/$work/build}"
    echo "== building mlx, copied to $build" >&2
    mvn -q -o package -Dmaven.test.skip=true >&2
    mkdir -p "$build"
    cp mlx-cli/target/mlx.jar "$build/mlx.jar"
    echo "$build/mlx.jar"
}

idle() { # percentage of CPU time idle over one second, from /proc/stat
    local a b busy=0 total i
    read -r -a a </proc/stat
    sleep 1
    read -r -a b </proc/stat
    for i in 1 2 3 6 7 8; do busy=$((busy + b[i] - a[i])); done
    total=$((busy + b[4] - a[4] + b[5] - a[5]))
    echo $((total > 0 ? 100 - 100 * busy / total : 100))
}

wait_quiet() { # the machine is shared: wait (up to QUIET_WAIT s, default 90) until no one else keeps the CPUs busy
    local waited=0 free
    while free=$(idle); [ "$free" -lt 90 ] && [ "$waited" -lt "${QUIET_WAIT:-90}" ]; do
        waited=$((waited + 1))
    done
    [ "$free" -ge 90 ] || echo "  (the machine is still busy, $free % idle, load $(cut -d' ' -f1 /proc/loadavg): this run is noisy)" >&2
}

timed() { # NAME ROUND COMMAND...: one cold run, its stdout, stderr and /usr/bin/time report kept in $results
    local name=$1 round=$2
    shift 2
    wait_quiet
    /usr/bin/time -v -o "$results/$name-$round.time" "$@" >"$results/$name-$round.out" 2>"$results/$name-$round.err" \
        || { echo "$name failed, see $results/$name-$round.err" >&2; exit 1; }
    printf '  %-22s %s\n' "$name" "$(grep 'Elapsed' "$results/$name-$round.time" | sed 's/.*: //')"
}
