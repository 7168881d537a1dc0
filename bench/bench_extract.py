#!/usr/bin/env python
"""Words per second of the full extraction (gazetteer, mentions, cases, quotes, allegations, dates) beside
plain nlp.pipe of the bare model, on the same texts in the same run. Prints figures; never fails on time.

The texts are the real documents of samples/ and tests/data/dev/ (header blocks removed), repeated to
about --docs documents.

    .venv/bin/python bench/bench_extract.py [--docs 200] [--repeat 3] [--batch-size 32] [--components]

--components adds, after the timed runs, one more run of extract_many with each of casetracker's components
(and the headline parse of each batch) timed: where the extraction's time beyond nlp.pipe goes.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def texts(n: int) -> list[tuple[str, dict]]:
    from ingest.nlp.evaljson import read

    real = []
    for folder in (ROOT / "samples", ROOT / "tests" / "data" / "dev"):
        for path in sorted(folder.glob("*.txt")):
            meta, text = read(path)
            real.append((text, {"published": meta.get("published"), "title": meta.get("title", ""),
                                "kind": meta.get("kind")}))
    if not real:
        sys.exit("no texts in samples/ or tests/data/dev/")
    return [real[i % len(real)] for i in range(max(n, len(real)))]


def main() -> None:
    from ingest.nlp.pipeline import extract_many, get_nlp, load_model

    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--components", action="store_true", help="time each casetracker component")
    args = parser.parse_args()
    items = texts(args.docs)
    plain_texts = [t for t, _ in items]
    words = sum(len(t.split()) for t in plain_texts)
    bare, full = load_model(), get_nlp()
    list(bare.pipe(plain_texts[:10]))  # warm up both
    list(extract_many(items[:10], nlp=full))
    plain_runs, full_runs = [], []
    for _ in range(args.repeat):  # interleaved, so drift on the machine hits both alike
        t = time.perf_counter()
        for _doc in bare.pipe(plain_texts, batch_size=args.batch_size):
            pass
        plain_runs.append(time.perf_counter() - t)
        t = time.perf_counter()
        for _x in extract_many(items, batch_size=args.batch_size, nlp=full):
            pass
        full_runs.append(time.perf_counter() - t)
    plain, extraction = statistics.median(plain_runs), statistics.median(full_runs)
    print(f"corpus: {len(items)} documents ({len(set(plain_texts))} distinct), {words} words; "
          f"model {bare.meta['name']} {bare.meta['version']}; median of {args.repeat} runs; batch {args.batch_size}")
    print(f"pipeline: {' > '.join(full.pipe_names)}")
    print(f"plain nlp.pipe (bare model)   {words / plain:9.0f} words/s   {plain:7.2f} s")
    print(f"full extract_many             {words / extraction:9.0f} words/s   {extraction:7.2f} s")
    print(f"ratio extraction / nlp.pipe   {plain / extraction:9.2f}   (goal >= 0.7)")
    if args.components:
        components(items, full, args.batch_size, extraction)


def components(items, nlp, batch_size: int, extraction: float) -> None:
    """One more run with each of our components timed (their functions wrapped in place, then restored)."""
    from ingest.nlp import pipeline

    bare = set(pipeline.load_model().pipe_names)
    spent: dict[str, float] = {}
    restore = []

    def timed(name, fn):
        def run(*a, **kw):
            t = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
        return run

    for name, proc in nlp.pipeline:
        if name not in bare and hasattr(proc, "fn"):  # our components (pipeline._Step): the function they run
            restore.append((proc, "fn", proc.fn))
            proc.fn = timed(name, proc.fn)
    restore.append((pipeline, "_parse_titles", pipeline._parse_titles))
    pipeline._parse_titles = timed("headlines (parsed per batch)", pipeline._parse_titles)
    try:
        t = time.perf_counter()
        for _x in pipeline.extract_many(items, batch_size=batch_size, nlp=nlp):
            pass
        total = time.perf_counter() - t
    finally:
        for obj, key, value in reversed(restore):
            setattr(obj, key, value)
    print(f"components (one more run, {total:.2f} s; the median run above {extraction:.2f} s):")
    for name, sec in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:34s} {sec:7.2f} s  {100 * sec / total:5.1f} %")


if __name__ == "__main__":
    main()
