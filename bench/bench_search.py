#!/usr/bin/env python
"""Search at 100,000 documents, as production serves it. Prints figures; never fails on time.

    .venv/bin/python bench/bench_search.py [--docs 100000] [--seconds 20] [--refill]

1. A separate database (``casetracker_bench_search`` on the server named by DATABASE_URL, or on an embedded
   PostgreSQL in .data/bench-search when it is unset; never the dev database) is filled once with --docs
   documents recombined by sentence from samples/ and the dev set, their facts bulk-written
   (bench/search_fill.py). Later runs reuse it (--refill starts again).
2. gunicorn serves the app with DEBUG off (4 sync workers) on 127.0.0.1:$BENCH_PORT (8004).
3. A separate client process drives GET /api/v1/search/ and GET /search/ over bench/search_queries.txt with
   1, 4 and 16 concurrent clients (keep-alive connections), each level for --seconds, and prints p50, p95,
   p99 latency, requests per second and errors. Then EXPLAIN ANALYZE of the main queries.
Everything stops by itself; traffic goes to 127.0.0.1 only.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DB_NAME = "casetracker_bench_search"
LEVELS = (1, 4, 16)


def base_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    sys.path.insert(0, str(ROOT))
    from casetracker.embedded_db import database_url

    return database_url((ROOT / ".data" / "bench-search").resolve())


def with_db(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def env_for(db_url: str) -> dict:
    env = dict(os.environ)
    env.update({"DATABASE_URL": db_url, "DEBUG": "false", "SECRET_KEY": "bench-search-not-secret-" + "x" * 40,
                "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false", "SECURE_HSTS_SECONDS": "0",
                "DB_CONN_MAX_AGE": "600", "LOG_LEVEL": "WARNING", "DJANGO_SETTINGS_MODULE": "casetracker.settings",
                "DATA_DIR": str((ROOT / ".data" / "bench-search").resolve()),
                "API_THROTTLE_ANON": "", "API_THROTTLE_USER": ""})  # measure search, not the 60/min API throttle
    return env


def prepare(docs: int, refill: bool) -> str:
    import psycopg

    base = base_url()
    db_url = with_db(base, DB_NAME)
    with psycopg.connect(base, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if exists and refill:
            conn.execute(f'DROP DATABASE "{DB_NAME}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    env = env_for(db_url)
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    with psycopg.connect(db_url) as conn:
        have = conn.execute("SELECT count(*) FROM casetracker_document").fetchone()[0]
    if have < docs:
        print(f"filling {DB_NAME} with {docs - have} documents (once; reused by later runs)", flush=True)
        subprocess.run([PY, str(ROOT / "bench" / "search_fill.py"), str(docs - have)], cwd=ROOT, env=env, check=True)
    with psycopg.connect(db_url) as conn:
        counts = {t: conn.execute(f"SELECT count(*) FROM casetracker_{t}").fetchone()[0]
                  for t in ("document", "party", "case", "quote", "allegation", "mention", "evidence")}
        size = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))").fetchone()[0]
    print("database:", ", ".join(f"{v} {k}s" for k, v in counts.items()), f"({size})", flush=True)
    return db_url


def queries() -> list[tuple[str, dict]]:
    out = []
    for line in (ROOT / "bench" / "search_queries.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            q, _, extra = line.partition("\t")
            out.append((q, dict(urllib.parse.parse_qsl(extra))))
    return out


def serve(db_url: str, port: int) -> subprocess.Popen:
    cmd = [str(Path(PY).with_name("gunicorn")), "casetracker.wsgi:application", "--bind", f"127.0.0.1:{port}",
           "--workers", os.environ.get("BENCH_WORKERS", "4"), "--worker-class", "sync", "--timeout", "60",
           "--log-level", "warning", "--keep-alive", "30"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env_for(db_url), start_new_session=True)
    import http.client

    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/v1/search/?q=warmup")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.3)
    proc.terminate()
    raise SystemExit("gunicorn did not start")


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def explain(db_url: str) -> None:
    """EXPLAIN ANALYZE of the main queries, through the engine's own SQL."""
    env = env_for(db_url)
    code = r"""
import django; django.setup()
from django.db import connection
from casetracker.search import engine, facets, parse, Filters
for q in ["OpenAI", "Xuechen Li", '"fair use"', "distilation deepseek"]:
    parsed = parse(q); f = Filters()
    params = {**engine._params(parsed, f), **engine._fact_tops(["quote", "allegation"], f)}
    for kind in ("document", "quote", "allegation"):
        with connection.cursor() as c:
            c.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + engine.SQL[kind](f), params)
            plan = [r[0] for r in c.fetchall()]
        print(f"\n--- {kind} candidates for {q!r}  [{plan[-1].strip()}]")
        print("\n".join(plan))
    found, _ = engine.candidates("document", parsed, f)
    with connection.cursor() as c:
        c.execute("EXPLAIN (ANALYZE, COSTS OFF) " + facets.SQL["document"], [[x.id for x in found]])
        plan = [r[0] for r in c.fetchall()]
    print(f"\n--- document facets for {q!r} over {len(found)} candidates  [{plan[-1].strip()}]")
"""
    subprocess.run([PY, "-c", code], cwd=ROOT, env=env, check=False, timeout=300)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--refill", action="store_true")
    ap.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8004")))
    args = ap.parse_args()
    db_url = prepare(args.docs, args.refill)
    qs = queries()
    print(f"{len(qs)} queries; gunicorn with {os.environ.get('BENCH_WORKERS', '4')} sync workers, DEBUG off; "
          f"{os.cpu_count()} CPUs", flush=True)
    proc = serve(db_url, args.port)
    try:
        results = {}
        for endpoint in ("/api/v1/search/", "/search/"):
            for level in LEVELS:
                out = subprocess.run([PY, str(ROOT / "bench" / "search_load.py"), str(args.port), endpoint,
                                      str(level), str(args.seconds)], input=json.dumps(qs), capture_output=True,
                                     text=True, timeout=args.seconds * 4 + 120, check=True)
                results[(endpoint, level)] = json.loads(out.stdout)
        print(f"\n{'endpoint':<18}{'clients':>8}{'requests':>10}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}"
              f"{'p99 ms':>9}{'req/s':>9}{'x 1 client':>11}")
        for endpoint in ("/api/v1/search/", "/search/"):
            one = results[(endpoint, 1)]["rps"]
            for level in LEVELS:
                r = results[(endpoint, level)]
                print(f"{endpoint:<18}{level:>8}{r['n']:>10}{r['errors']:>8}{r['p50']:>9.1f}{r['p95']:>9.1f}"
                      f"{r['p99']:>9.1f}{r['rps']:>9.1f}{r['rps'] / one:>11.2f}")
        slow = results[("/api/v1/search/", 1)]["slowest"]
        print("\nslowest API queries with one client (ms):", ", ".join(f"{q!r} {ms:.0f}" for q, ms in slow))
        slow = results[("/search/", 1)]["slowest"]
        print("slowest pages with one client (ms):", ", ".join(f"{q!r} {ms:.0f}" for q, ms in slow))
    finally:
        stop(proc)
    explain(db_url)


if __name__ == "__main__":
    main()
