#!/usr/bin/env python
"""Whole-ingest throughput (read, extract, write) beside plain nlp.pipe on the same corpus, in one run,
the time of each ingest stage, and the speedup of 2 Celery worker processes over 1. Prints figures; never
fails on time.

The in-process ingest is `manage.py ingest` run in a child process (this file with --timed-ingest) whose
stage functions are wrapped with timers: read, extract, write facts (document, docket and fact rows),
link, stories, index (search-vector refreshes), commit, other (raw-input bookkeeping, duplicate checks)
and startup (Django and the spaCy model). Each stage counts its own time only (time spent in a nested
stage goes to that stage), so the stages add up to the wall time of the child. Extraction runs in a
thread ahead of the writes: "extract" is the time the writes waited for it, "extraction busy" (not part of
the sum) the time it took.

    .venv/bin/python bench/bench_ingest.py [--docs 2000] [--celery-docs 600] [--no-celery]

Each measured ingest runs against a fresh database (created and dropped here) on the server named by
DATABASE_URL, or on an embedded PostgreSQL in .data/bench when it is unset. Celery runs use Redis at
BENCH_BROKER_URL (default redis://127.0.0.1:6379/15) and skip themselves when it does not answer.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.corpus import write  # noqa: E402

PY = sys.executable


def base_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    from casetracker.embedded_db import database_url

    return database_url((ROOT / ".data" / "bench").resolve())


def with_db(url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


class FreshDatabase:
    def __init__(self, base: str):
        self.base, self.name = base, f"casetracker_bench_{uuid.uuid4().hex[:8]}"
        self.url = with_db(base, self.name)

    def __enter__(self):
        admin(self.base, f'CREATE DATABASE "{self.name}"')
        env = self.env()
        subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        return self

    def env(self, **extra) -> dict:
        env = {**os.environ, "DATABASE_URL": self.url, "DEBUG": "false", "SECRET_KEY": "bench-" + "x" * 50,
               "LOG_LEVEL": "WARNING", **extra}
        env.pop("CELERY_BROKER_URL", None)
        env.update({k: v for k, v in extra.items()})
        return env

    def __exit__(self, *exc):
        admin(self.base, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def plain_pipe(paths: list[Path]) -> float:
    from ingest.nlp.pipeline import load_model

    nlp = load_model()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    for _ in nlp.pipe(texts[:20]):
        pass
    t = time.perf_counter()
    words = 0
    for doc in nlp.pipe(texts, batch_size=32):
        words += sum(1 for tok in doc if not tok.is_space)
    return time.perf_counter() - t


def ingest_inprocess(base: str, folder: Path) -> tuple[float, dict]:
    import json

    with FreshDatabase(base) as db:
        t = time.perf_counter()
        done = subprocess.run([PY, str(Path(__file__).resolve()), "--timed-ingest", str(folder)], cwd=ROOT,
                              env=db.env(), check=True, stdout=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t
        stages = json.loads(done.stdout.strip().splitlines()[-1])
        stages["startup"] = max(0.0, wall - stages.pop("_command"))
        return wall, stages


STAGES = ("read", "extract", "write facts", "link", "stories", "index", "commit", "other", "startup")


class StageTimer:
    """Exclusive time per stage: a stage called inside another one is taken out of the outer one's time."""

    def __init__(self):
        self.totals = {name: 0.0 for name in STAGES}
        self.stack: list[list] = []

    def wrap(self, owner, attr: str, stage: str) -> None:
        import functools

        func = getattr(owner, attr, None)
        if func is None:
            return
        timer = self

        @functools.wraps(func)
        def timed(*args, **kwargs):
            timer.stack.append([stage, time.perf_counter(), 0.0])
            try:
                return func(*args, **kwargs)
            finally:
                name, start, inner = timer.stack.pop()
                elapsed = time.perf_counter() - start
                timer.totals[name] += elapsed - inner
                if timer.stack:
                    timer.stack[-1][2] += elapsed

        setattr(owner, attr, timed)

    def wrap_generator(self, owner, attr: str, stage: str) -> None:
        func = getattr(owner, attr)
        timer = self

        def timed(*args, **kwargs):
            it = iter(func(*args, **kwargs))
            while True:
                t = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    timer.totals[stage] += time.perf_counter() - t
                    return
                timer.totals[stage] += time.perf_counter() - t
                yield item

        setattr(owner, attr, timed)


def timed_ingest(folder: str) -> None:
    """The child of ingest_inprocess: `manage.py ingest` with each stage timed; prints the times as JSON."""
    import json

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casetracker.settings")
    django.setup()
    from django.core.management import call_command
    from django.db.backends.base.base import BaseDatabaseWrapper

    import ingest.services
    from casetracker import linking, stories
    from casetracker.search import vectors
    from ingest.nlp import pipeline

    timer = StageTimer()
    timer.wrap(ingest.services, "_read", "read")
    # extract: the time the writes wait for extraction (it runs in a thread of its own, ahead of them, where
    # ingest.services has _ahead); "extraction busy" is the time extraction itself took, overlapped or not
    timer.wrap_generator(ingest.services, "_ahead" if hasattr(ingest.services, "_ahead") else "_safe", "extract")
    timer.totals["extraction busy"] = 0.0
    timer.wrap_generator(pipeline, "extract_many", "extraction busy")
    timer.wrap(ingest.services, "_write_document", "write facts")
    timer.wrap(linking, "link_document", "link")
    from casetracker import statements

    timer.wrap(statements, "resolve_deferred", "link")  # the cases a batch linked, resolved when it ends
    timer.wrap(stories, "assign", "stories")
    timer.wrap(vectors, "_run", "index")
    timer.wrap(BaseDatabaseWrapper, "commit", "commit")
    pipeline.get_nlp()  # the model loads with the startup, as in `manage.py ingest`
    t = time.perf_counter()
    call_command("ingest", folder, "--no-progress", "--batch-size", "32", stdout=open(os.devnull, "w"))
    command = time.perf_counter() - t
    busy = timer.totals.pop("extraction busy")
    timer.totals["other"] = command - sum(timer.totals.values())
    timer.totals["extraction busy"] = busy
    print(json.dumps({**timer.totals, "_command": command}))


def broker_up(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001
        return False


def ingest_celery(base: str, folder: Path, workers: int, broker: str) -> float:
    import redis

    redis.Redis.from_url(broker).flushdb()
    with FreshDatabase(base) as db:
        env = db.env(CELERY_BROKER_URL=broker, CELERY_RESULT_BACKEND=broker)
        procs = [subprocess.Popen([PY, "-m", "celery", "-A", "casetracker", "worker", "--concurrency", "1",
                                   "--pool", "prefork", "-n", f"bench{i}@%h", "--loglevel", "WARNING",
                                   "--without-gossip", "--without-mingle", "--without-heartbeat"],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for i in range(workers)]
        try:
            time.sleep(8)  # workers load spaCy once per process before the clock starts
            t = time.perf_counter()
            subprocess.run([PY, "manage.py", "ingest", str(folder), "--no-progress", "--batch-size", "8"],
                           cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, timeout=3600)
            return time.perf_counter() - t
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--celery-docs", type=int, default=600)
    parser.add_argument("--no-celery", action="store_true")
    parser.add_argument("--celery-only", action="store_true", help="only the 1-vs-2 worker comparison")
    parser.add_argument("--timed-ingest", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.timed_ingest:
        return timed_ingest(args.timed_ingest)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casetracker.settings")
    base = base_url()
    with tempfile.TemporaryDirectory() as tmp:
        paths, words = write(Path(tmp) / "corpus", 0 if args.celery_only else args.docs)
        if not args.celery_only:
            inprocess(base, paths, words, Path(tmp) / "corpus")
        broker = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/15")
        if args.no_celery or not broker_up(broker):
            print("celery: skipped (no broker answering at %s)" % broker)
            return
        subset, sub_words = write(Path(tmp) / "celery", args.celery_docs)
        print(f"celery corpus: {len(subset)} documents, {sub_words} words")
        t1 = ingest_celery(base, Path(tmp) / "celery", 1, broker)
        t2 = ingest_celery(base, Path(tmp) / "celery", 2, broker)
        print(f"celery, 1 worker process  {len(subset) / t1:8.1f} docs/s {sub_words / t1:9.0f} words/s")
        print(f"celery, 2 worker processes{len(subset) / t2:8.1f} docs/s {sub_words / t2:9.0f} words/s")
        print(f"speedup 2 workers / 1     {t1 / t2:8.2f}")


def inprocess(base, paths, words, folder) -> None:
    if paths:
        print(f"corpus: {len(paths)} documents, {words} words (recombined from samples/ and tests/data/dev/)")
        t_pipe = plain_pipe(paths)
        print(f"plain nlp.pipe            {len(paths) / t_pipe:8.1f} docs/s {words / t_pipe:9.0f} words/s")
        t_ingest, stages = ingest_inprocess(base, folder)
        print(f"whole ingest, 1 process   {len(paths) / t_ingest:8.1f} docs/s {words / t_ingest:9.0f} words/s")
        print(f"ratio ingest / nlp.pipe   {t_pipe / t_ingest:8.2f}   (goal >= 0.6)")
        print("time per stage of the whole ingest (own time; nested stages counted apart):")
        for name in (*STAGES, "extraction busy"):
            seconds = stages.get(name, 0.0)
            print(f"  {name:<12} {seconds:8.2f} s {1000 * seconds / len(paths):8.2f} ms/doc "
                  f"{100 * seconds / t_ingest:6.1f} %")


if __name__ == "__main__":
    main()
