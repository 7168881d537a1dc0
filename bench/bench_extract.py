#!/usr/bin/env python
"""Words per second of the full extraction (gazetteer, quotes, allegations, captions, dates) beside plain
nlp.pipe of the bare model, on the same texts in the same run. Prints figures; never fails on time.

    .venv/bin/python bench/bench_extract.py [--docs 300] [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from bench.corpus import build
    from ingest.nlp.pipeline import extract_many, get_nlp, load_model

    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = [text for _, text in build(args.docs)]
    words = sum(len(t.split()) for t in texts)
    bare, full = load_model(), get_nlp()
    list(bare.pipe(texts[:10]))
    list(extract_many((t, {}) for t in texts[:10]))
    plain_runs, full_runs = [], []
    for _ in range(args.repeat):  # interleaved, so drift on the machine hits both alike
        t = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=16):
            pass
        plain_runs.append(time.perf_counter() - t)
        t = time.perf_counter()
        for _x in extract_many((text, {"published": None}) for text in texts):
            pass
        full_runs.append(time.perf_counter() - t)
    plain, extraction = statistics.median(plain_runs), statistics.median(full_runs)
    print(f"corpus: {len(texts)} documents, {words} words; model {bare.meta['name']} {bare.meta['version']}; "
          f"median of {args.repeat} runs")
    print(f"plain nlp.pipe (bare model)   {words / plain:9.0f} words/s")
    print(f"full extraction               {words / extraction:9.0f} words/s")
    print(f"ratio extraction / nlp.pipe   {plain / extraction:9.2f}   (goal >= 0.7)")
    del full


if __name__ == "__main__":
    main()
