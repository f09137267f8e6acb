#!/usr/bin/env python3
"""GET /health latency while N clients hold connections with half a request (issue 15, failure 2).

Each stalled client sends a POST /predict's headers (Content-Length: 500) and the first bytes of the
body, then nothing. With the stalled sockets open, /health is asked REQUESTS times on fresh
connections, one after another, and its latency reported (median, p90, max, in ms).
usage: slow_clients.py PORT [COUNTS...]   (default counts: 2 8 32; env REQUESTS, default 20)
"""
import os
import socket
import statistics
import sys
import time

REQUESTS = int(os.environ.get("REQUESTS", "20"))


def stall(port):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              b"Content-Length: 500\r\n\r\n{\"island\":")
    return s


def health(port):
    t0 = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    status = data.split(b" ", 2)[1].decode() if data else "none"
    return (time.perf_counter() - t0) * 1000, status


def main():
    port = int(sys.argv[1])
    counts = [int(c) for c in sys.argv[2:]] or [2, 8, 32]
    print("| stalled sockets | /health median ms | p90 ms | max ms | statuses |")
    print("|---:|---:|---:|---:|---|")
    for n in counts:
        held = [stall(port) for _ in range(n)]
        time.sleep(0.5)
        times, statuses = [], set()
        for _ in range(REQUESTS):
            ms, status = health(port)
            times.append(ms)
            statuses.add(status)
        for s in held:
            s.close()
        times.sort()
        p90 = times[int(0.9 * (len(times) - 1))]
        print(f"| {n} | {statistics.median(times):.1f} | {p90:.1f} | {times[-1]:.1f} | {', '.join(sorted(statuses))} |")
        time.sleep(0.5)


if __name__ == "__main__":
    main()
