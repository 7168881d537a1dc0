#!/usr/bin/env python
"""Words per second of the full extraction (gazetteer, mentions, cases, quotes, allegations, dates) beside
plain nlp.pipe of the bare model, on the same texts in the same run. Prints figures; never fails on time.

The texts are the real documents of samples/ and tests/data/dev/ (header blocks removed), repeated to
about --docs documents.

    .venv/bin/python bench/bench_extract.py [--docs 200] [--repeat 3] [--batch-size 32]
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


if __name__ == "__main__":
    main()
