"""`manage.py extract --jsonl` without Django: files → the lines ../shared/eval/score.py reads.

    extract_files(paths) -> Iterator[dict]      one Extraction.to_eval(basename) per file

A file may begin with a header block: `key: value` lines (source_url, url, title, published, kind,
publisher, author) and then a blank line. Leading lines count as a header only when every line before
the first blank line is such a line, so a text without a header keeps its first lines.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from ingest.readers.detect import split_header  # noqa: F401  (the one header parser; re-exported)


def read(path) -> tuple[dict, str]:
    raw = Path(path).read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n").lstrip("\ufeff")
    return split_header(raw)


def extract_files(paths: Iterable[str], batch_size: int = 32) -> Iterator[dict]:
    from ingest.nlp.pipeline import extract_many

    paths = [str(p) for p in paths]

    def items():
        for path in paths:
            meta, text = read(path)
            yield text, {"published": meta.get("published"), "title": meta.get("title", ""),
                         "kind": meta.get("kind")}

    for path, extraction in zip(paths, extract_many(items(), batch_size=batch_size)):
        yield extraction.to_eval(Path(path).name)
