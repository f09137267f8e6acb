"""Times the cold paths of bench/cold.sh, each from a fresh process, RUNS times (medians printed):

lsp      `java -jar mlx.jar lsp` started, an `initialize` request written at once: milliseconds until
         its answer arrives (target <= 500 ms).
predict  `java -jar servebench.jar serve --port PORT` started on a trained output folder: GET /health
         polled every 10 ms until it answers 200 (ready), then the first POST /predict timed from
         that moment to its answer (target <= 100 ms); the time to ready is printed too.

usage: /usr/bin/python3 bench/cold/cold.py lsp MLX_JAR RUNS [LSP_ARCHIVE]
       /usr/bin/python3 bench/cold/cold.py predict EXPERIMENT_JAR OUT_DIR PORT RUNS
"""
import json
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROW = ('{"penguin_id":1,"island":"Torgersen","beak_length_mm":39.1,"beak_depth_mm":18.7,'
       '"flipper_length_mm":181,"body_mass_g":3750,"sex":"MALE"}')


def lsp_once(jar, archive=None):
    start = time.perf_counter()
    flags = [f"-XX:SharedArchiveFile={archive}", "-Xlog:cds=off,cds+dynamic=off"] if archive else []
    p = subprocess.Popen(["java", *flags, "-jar", jar, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"processId": None, "rootUri": None, "capabilities": {}}}).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    p.stdin.flush()
    headers = b""
    while not headers.endswith(b"\r\n\r\n"):
        headers += p.stdout.read(1)
    length = [h for h in headers.decode().split("\r\n") if h.lower().startswith("content-length")][0]
    p.stdout.read(int(length.split(":")[1]))
    elapsed = time.perf_counter() - start
    p.kill()
    p.wait()
    return elapsed * 1000


def predict_once(jar, out, port):
    start = time.perf_counter()
    p = subprocess.Popen(["java", "-jar", jar, "serve", "--port", str(port), "--out", out],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError):
                pass
            if p.poll() is not None:
                sys.exit("the server exited before it was ready")
            time.sleep(0.01)
        ready = time.perf_counter()
        request = urllib.request.Request(f"http://127.0.0.1:{port}/predict", data=ROW.encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as r:
            r.read()
        answered = time.perf_counter()
        return (ready - start) * 1000, (answered - ready) * 1000
    finally:
        p.terminate()
        p.wait()


if sys.argv[1] == "lsp":
    jar, runs = sys.argv[2], int(sys.argv[3])
    archive = sys.argv[4] if len(sys.argv) > 4 else None
    # plain `java -jar`, and as ./mlx and the installed launcher start it (with the class archive),
    # taking turns so that both see the same load
    plain, archived = [], []
    for _ in range(runs):
        plain.append(lsp_once(jar))
        if archive:
            archived.append(lsp_once(jar, archive))
    for name, times in (("plain java -jar", plain), ("with the class archive (launchers)", archived)):
        if times:
            print(f"lsp initialize, {name}: median {statistics.median(times):.0f} ms of {runs} "
                  f"({', '.join(f'{t:.0f}' for t in times)}); target <= 500 ms")
else:
    jar, out, port, runs = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    results = [predict_once(jar, out, port) for _ in range(runs)]
    ready = [r[0] for r in results]
    first = [r[1] for r in results]
    print(f"serve: ready after median {statistics.median(ready):.0f} ms; first /predict after ready: median "
          f"{statistics.median(first):.0f} ms of {runs} ({', '.join(f'{t:.0f}' for t in first)}); target <= 100 ms")
