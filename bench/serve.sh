#!/usr/bin/env bash
# The serving benchmark: wrk on loopback, single-row POST /predict with every prediction logged to
# SQLite, against
#   mlx        bench/serve/bench.mlx compiled with `./mlx compile`, trained, `java -jar X.jar serve`
#              (Javalin/Jetty; the prediction log in SQLite, the default store, given a path by --store)
#   flask      bench/serve/app.py: Flask + scikit-learn, Flask's own server (Werkzeug, threaded)
#   gunicorn   the same app under gunicorn, one sync worker process per core (only when Debian's
#              gunicorn is installed: apt-get install -y gunicorn)
# The same logistic model family on the same features and data, the same eight rows in the same order
# (bench/serve/predict.lua). One server at a time: start, wait for /health, a warm-up run, the timed run,
# then SIGTERM (mlx commits its log on the way out) and a count of the rows logged.
# usage: bench/serve.sh      env: DURATION (s, default 60), WARMUP (s, default 15), CONNECTIONS (default 8),
#                                 THREADS (wrk threads, default 1), CONTENDERS (default "mlx flask gunicorn"),
#                                 MLX_JAR (a servebench jar built elsewhere; default: ./mlx compile),
#                                 MLX_JAVA_OPTS (JVM flags for the mlx server; default none, as a user runs it)
# needs: JDK 17, Maven (offline) for ./mlx, wrk (apt-get install -y wrk), curl, Debian's /usr/bin/python3
#        with python3-flask, python3-sklearn and python3-pandas
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
duration="${DURATION:-60}"
warmup="${WARMUP:-15}"
connections="${CONNECTIONS:-8}"
threads="${THREADS:-1}"
contenders="${CONTENDERS:-mlx flask gunicorn}"
py=/usr/bin/python3
work=target/bench/serve
data=examples/penguins/data/penguins.csv
port=18300

command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }
command -v curl >/dev/null || { echo "needs curl (apt-get install -y curl)" >&2; exit 2; }
"$py" -c 'import flask, sklearn, pandas' 2>/dev/null \
    || { echo "needs $py with flask, scikit-learn and pandas (apt-get install -y python3-flask python3-sklearn python3-pandas)" >&2; exit 2; }

mkdir -p "$work"
rm -rf "$work/mlx-out" "$work"/*.db* "$work"/*.txt "$work"/*.log
if [ -n "${MLX_JAR:-}" ]; then
    jar="$MLX_JAR"
else
    echo "== compiling bench/serve/bench.mlx"
    # its one warning is MLX0602, no baseline: on purpose (one model, the one served)
    ./mlx compile bench/serve/bench.mlx -o "$work/servebench.jar" >"$work/compile.log" 2>&1 \
        || { cat "$work/compile.log" >&2; exit 1; }
    jar="$work/servebench.jar"
fi
echo "== training (java -jar servebench.jar --out $work/mlx-out)"
java -jar "$jar" --out "$work/mlx-out" >"$work/train.log" 2>&1 || { cat "$work/train.log" >&2; exit 1; }

server=""
stop_server() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
        kill -TERM "$server"
        local i
        for ((i = 0; i < 100; i++)); do kill -0 "$server" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$server" 2>/dev/null && kill -KILL "$server"
        wait "$server" 2>/dev/null || true
    fi
    server=""
}
trap stop_server EXIT

wait_health() { # NAME: up to 120 s for GET /health to answer 200
    local i
    for ((i = 0; i < 600; i++)); do
        if curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; then return 0; fi
        kill -0 "$server" 2>/dev/null || { echo "$1 exited, see $work/$1.log" >&2; exit 1; }
        sleep 0.2
    done
    echo "$1 did not answer /health within 120 s, see $work/$1.log" >&2
    exit 1
}

logged_rows() { # DB: rows in mlx_predictions
    "$py" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from mlx_predictions").fetchone()[0])' "$1"
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

cpu_ticks() { # PID: user + system clock ticks of the process and its children (gunicorn's workers)
    local total=0 p f
    for p in "$1" $(pgrep -P "$1" || true); do
        # fields after the command name, which is in parentheses and may hold spaces
        f=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null) || continue
        set -- $f
        total=$((total + ${12} + ${13}))
    done
    echo "$total"
}

bench() { # NAME: warm-up, timed run, stop, count the log
    local name=$1
    wait_health "$name"
    # the eight rows of the Lua script once each: the classes each server answers, compared in the table
    grep -o "'{.*}'" bench/serve/predict.lua | tr -d "'" | while read -r row; do
        curl -s "http://127.0.0.1:$port/predict" -H 'Content-Type: application/json' -d "$row" \
            | "$py" -c 'import json, sys; print(json.load(sys.stdin)["prediction"])'
    done | paste -sd' ' >"$work/$name-classes.txt"
    echo "   warm-up ${warmup} s"
    wrk -t"$threads" -c"$connections" -d"${warmup}s" --latency -s bench/serve/predict.lua \
        "http://127.0.0.1:$port/predict" >"$work/$name-warmup.txt"
    [ "$name" = mlx ] && curl -s "http://127.0.0.1:$port/metrics" >"$work/mlx-metrics-warmup.txt"
    echo "   timed ${duration} s (load average before: $(loadavg))"
    local before after
    before=$(cpu_ticks "$server")
    /usr/bin/time -f 'wrk_cpu=%U+%S' -o "$work/$name-wrk-cpu.txt" \
        wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s bench/serve/predict.lua \
        "http://127.0.0.1:$port/predict" >"$work/$name.txt"
    after=$(cpu_ticks "$server")
    echo "server_cpu=$(((after - before) * 1000 / $(getconf CLK_TCK)))" >"$work/$name-cpu.txt"
    echo "   load average after: $(loadavg)" | tee "$work/$name-load.txt"
    [ "$name" = mlx ] && curl -s "http://127.0.0.1:$port/metrics" >"$work/mlx-metrics.txt"
    stop_server
    echo "logged=$(logged_rows "$work/$name.db")" >"$work/$name-logged.txt"
    grep '^BENCH' "$work/$name.txt" | sed 's/^BENCH /   /'
}

ran=()
for name in $contenders; do
    case "$name" in
        mlx)
            echo "== mlx: java ${MLX_JAVA_OPTS:+$MLX_JAVA_OPTS }-jar servebench.jar serve (logging to $work/mlx.db)"
            # -Xlog:gc only writes the collector's pauses to a file, for the table
            # shellcheck disable=SC2086 # MLX_JAVA_OPTS is a list of flags
            java ${MLX_JAVA_OPTS:-} -Xlog:gc:file="$work/mlx-gc.log" -jar "$jar" serve --out "$work/mlx-out" --port "$port" --store "$work/mlx.db" >"$work/mlx.log" 2>&1 &
            ;;
        flask)
            echo "== flask: $py bench/serve/app.py (Werkzeug, threaded; logging to $work/flask.db)"
            "$py" bench/serve/app.py "$data" "$work/flask.db" "$port" >"$work/flask.log" 2>&1 &
            ;;
        gunicorn)
            if ! [ -x /usr/bin/gunicorn ]; then
                echo "== gunicorn: not installed (apt-get install -y gunicorn), skipped"
                continue
            fi
            workers=$(nproc)
            echo "== gunicorn: $workers sync workers of bench/serve/app.py (logging to $work/gunicorn.db)"
            /usr/bin/gunicorn -w "$workers" -b "127.0.0.1:$port" --chdir bench/serve \
                "app:create_app(\"$root/$data\", \"$root/$work/gunicorn.db\")" >"$work/gunicorn.log" 2>&1 &
            ;;
        *) echo "unknown contender $name (mlx, flask, gunicorn)" >&2; exit 2 ;;
    esac
    server=$!
    bench "$name"
    ran+=("$name")
done

"$py" - "$work" "$duration" "$connections" "$threads" "${ran[@]}" <<'EOF'
import re, sys
work, duration, connections, threads, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]

def read(name):
    line = next(l for l in open(f"{work}/{name}.txt") if l.startswith("BENCH "))
    r = {k: float(v) for k, v in (kv.split("=") for kv in line.split()[1:])}
    warm = next(l for l in open(f"{work}/{name}-warmup.txt") if l.startswith("BENCH "))
    r["warm_requests"] = float(re.search(r"requests=(\d+)", warm).group(1))
    r["logged"] = float(open(f"{work}/{name}-logged.txt").read().split("=")[1])
    r["errors"] = r["connect"] + r["read"] + r["write"] + r["timeout"] + r["status"]
    # CPU per answered request: the server's process (and workers), and wrk's, over the timed run
    r["server_us"] = float(open(f"{work}/{name}-cpu.txt").read().split("=")[1]) * 1000 / r["requests"]
    u, s = open(f"{work}/{name}-wrk-cpu.txt").read().strip().split("=")[1].split("+")
    r["wrk_us"] = (float(u) + float(s)) * 1e6 / r["requests"]
    r["load"] = open(f"{work}/{name}-load.txt").read().split(":")[1].split()[0]
    r["classes"] = open(f"{work}/{name}-classes.txt").read().split()
    return r

rows = {n: read(n) for n in names}
print(f"\n{duration} s per server, wrk {threads} thread(s), {connections} connections, after a warm-up run")
print(f"{'server':<10} {'req/s':>9} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>7} {'logged rows':>12}"
      f" {'server CPU/req':>15} {'wrk CPU/req':>12} {'load after':>11}")
for n, r in rows.items():
    # every answered request is logged: warm-up plus timed requests (wrk's count includes requests cut off at the end)
    print(f"{n:<10} {r['rps']:>9.0f} {r['p50_ms']:>8.2f} {r['p90_ms']:>8.2f} {r['p99_ms']:>8.2f} {r['max_ms']:>8.1f} "
          f"{int(r['errors']):>7} {int(r['logged']):>12} {r['server_us']:>12.0f} us {r['wrk_us']:>9.0f} us {r['load']:>11}")
for n, r in rows.items():
    print(f"{n:<10} answers the eight rows with: {' '.join(r['classes'])}")
if "mlx" in rows:
    # the server's own view of the timed run: /metrics after it minus /metrics after the warm-up
    def buckets(path, metric, label):
        out = {}
        for line in open(path):
            m = re.match(metric + r'_bucket\{' + label + r',le="([^"]+)"\} (\d+)', line)
            if m:
                out[m.group(1)] = int(m.group(2))
        return out
    for metric, label, what in (("mlx_request_duration_seconds", 'endpoint="/predict"', "handler, parse to answer"),
                                ("mlx_prediction_duration_seconds", 'variant="logistic"', "pipeline + model")):
        a = buckets(f"{work}/mlx-metrics-warmup.txt", metric, label)
        b = buckets(f"{work}/mlx-metrics.txt", metric, label)
        d = {k: b[k] - a.get(k, 0) for k in b}
        total = d["+Inf"]
        shares = ", ".join(f"<= {float(k) * 1000:g} ms {d[k] / total:.3%}" for k in ("0.0005", "0.001", "0.005") if k in d)
        print(f"mlx server side ({what}), timed run: {shares}")
    pauses = [float(x) for x in re.findall(r"Pause Young.* (\d+\.\d+)ms", open(f"{work}/mlx-gc.log").read())]
    if pauses:
        pauses.sort()
        print(f"mlx GC (warm-up and timed run): {len(pauses)} young pauses, median {pauses[len(pauses) // 2]:.1f} ms, "
              f"p90 {pauses[int(len(pauses) * 0.9)]:.1f} ms, max {pauses[-1]:.1f} ms, total {sum(pauses) / 1000:.2f} s")
    m = rows["mlx"]
    for n, r in rows.items():
        if n != "mlx":
            print(f"mlx / {n}: throughput {m['rps'] / r['rps']:.1f}x (target >= 10x), p99 {m['p99_ms']:.2f} ms vs {r['p99_ms']:.2f} ms")
    print(f"mlx p99 {m['p99_ms']:.2f} ms (target <= 5 ms); errors {int(m['errors'])} (target 0)")
EOF
