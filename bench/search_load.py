"""The benchmark's clients, in their own process: N threads, one keep-alive connection each, cycling over the
query list (JSON on stdin) for a fixed time. Prints one JSON line: latency percentiles, req/s, errors."""
from __future__ import annotations

import http.client
import json
import sys
import threading
import time
import urllib.parse


def main(port: int, endpoint: str, clients: int, seconds: float) -> None:
    queries = json.loads(sys.stdin.read())
    paths = [(q, endpoint + "?" + urllib.parse.urlencode({"q": q, **extra})) for q, extra in queries]
    # warm up: every query once (plans cached, pages in memory)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _, path in paths:
        conn.request("GET", path)
        conn.getresponse().read()
    conn.close()
    samples: list[list] = [[] for _ in range(clients)]
    errors = [0] * clients
    stop_at = time.perf_counter() + seconds

    def run(i: int) -> None:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        k = i * 7
        while time.perf_counter() < stop_at:
            q, path = paths[k % len(paths)]
            k += 1
            t = time.perf_counter()
            try:
                c.request("GET", path)
                r = c.getresponse()
                r.read()
                ok = r.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                c.close()
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            samples[i].append((q, (time.perf_counter() - t) * 1000))
            errors[i] += 0 if ok else 1

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    all_ms = sorted(ms for s in samples for _, ms in s)
    n = len(all_ms)

    def pct(p: float) -> float:
        return all_ms[min(n - 1, int(p * n))] if n else 0.0

    worst: dict[str, float] = {}
    for s in samples:
        for q, ms in s:
            worst[q] = max(worst.get(q, 0.0), ms)
    slowest = sorted(worst.items(), key=lambda kv: -kv[1])[:5]
    print(json.dumps({"n": n, "errors": sum(errors), "p50": pct(0.5), "p95": pct(0.95), "p99": pct(0.99),
                      "rps": n / elapsed, "slowest": slowest}))


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
